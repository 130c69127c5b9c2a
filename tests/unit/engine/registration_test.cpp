// Registration interface, client side (Core TS 1.2 §6.2) over a fake
// endpoint and clock: exact Register/Update/De-register messages, timing,
// version fallback, retries, Disable, several servers.
#include <gtest/gtest.h>

#include "fake_endpoint.h"
#include "lwm2m/engine/registration_client.h"
#include "lwm2m/model/operations.h"
#include "objects/security_object.h"
#include "objects/server_object.h"

namespace lwm2m {
namespace {

using test::FakeClock;
using test::FakeEndpoint;
using Queries = std::vector<std::string>;

class RegistrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(registry.add(security).ok());
    ASSERT_TRUE(registry.add(server).ok());
    options.endpoint_name = "dev1";
  }
  // A Security instance `sec` pointing at `uri` and a Server instance `srv`, same ssid.
  void add_server(uint16_t sec, uint16_t srv, uint16_t ssid, int64_t lifetime, std::string_view uri = "coap://127.0.0.1:5683") {
    objects::SecurityAccount account;
    account.server_uri = uri;
    account.short_server_id = ssid;
    ASSERT_TRUE(security.add_account(sec, account).ok());
    objects::ServerAccount s;
    s.short_server_id = ssid;
    s.lifetime = lifetime;
    ASSERT_TRUE(server.add_server(srv, s).ok());
  }
  void set_server(uint16_t srv, uint16_t resource, Value value) {
    ASSERT_TRUE(server.set(srv, resource, value).ok());
  }
  RegistrationClient& client() {
    if (!client_) client_.emplace(endpoint, clock, registry, options);
    return *client_;
  }
  // Starts, polls and answers the Register with 2.01 /rd/<id>.
  void register_ok(std::string id = "5a3f") {
    ASSERT_TRUE(client().start().ok());
    client().poll();
    ASSERT_EQ(endpoint.unanswered(), 1u);
    endpoint.respond(coap::kCreated, {"rd", id});
    ASSERT_EQ(client().state(1), RegistrationState::kRegistered);
  }

  objects::SecurityObject security;
  objects::ServerObject server;
  FixedRegistry<4> registry;
  FakeClock clock;
  FakeEndpoint endpoint{clock};
  RegistrationOptions options;
  std::optional<RegistrationClient> client_;
};

// §6.2.1 Register: POST /rd?ep&lt&lwm2m&b, object list in link format (40).
TEST_F(RegistrationTest, RegisterSendsQueryAndObjectList) {
  add_server(1, 0, 1, 300);
  ASSERT_TRUE(client().start().ok());
  EXPECT_EQ(client().state(1), RegistrationState::kWaiting);
  EXPECT_EQ(client().next_wakeup_ms(), clock.now);
  client().poll();
  ASSERT_EQ(endpoint.requests.size(), 1u);
  const test::SentRequest& r = endpoint.last();
  EXPECT_EQ(r.connection, 1);
  EXPECT_EQ(r.method, coap::Method::kPost);
  EXPECT_EQ(r.path, "/rd");
  EXPECT_EQ(r.query, (Queries{"ep=dev1", "lt=300", "lwm2m=1.2", "b=U"}));
  EXPECT_EQ(r.content_format, 40);
  EXPECT_EQ(r.payload, "</1>;ver=1.2,</1/0>");  // Security is never listed
  ASSERT_EQ(endpoint.opened.size(), 1u);
  EXPECT_EQ(endpoint.opened[0].uri, "coap://127.0.0.1:5683");
  EXPECT_EQ(client().state(1), RegistrationState::kRegistering);
  EXPECT_EQ(client().next_wakeup_ms(), kNever);  // waits for the answer

  endpoint.respond(coap::kCreated, {"rd", "5a3f"});
  EXPECT_EQ(client().state(1), RegistrationState::kRegistered);
  const RegistrationSession* s = client().find(1);
  ASSERT_NE(s, nullptr);
  ASSERT_EQ(s->location().size(), 2u);
  EXPECT_EQ(s->location()[0], "rd");
  EXPECT_EQ(s->location()[1], "5a3f");
  EXPECT_EQ(s->version(), Lwm2mVersion::k1_2);
}

TEST_F(RegistrationTest, QueueModeAddsQ) {
  add_server(1, 0, 1, 300);
  options.queue_mode = true;
  ASSERT_TRUE(client().start().ok());
  client().poll();
  EXPECT_EQ(endpoint.last().query, (Queries{"ep=dev1", "lt=300", "lwm2m=1.2", "b=U", "Q"}));
}

TEST_F(RegistrationTest, AnnouncedContentFormatsGoIntoTheRootLink) {
  add_server(1, 0, 1, 300);
  static constexpr uint16_t kFormats[] = {112, 110};
  options.content_formats = kFormats;
  ASSERT_TRUE(client().start().ok());
  client().poll();
  EXPECT_EQ(endpoint.last().payload, "</>;rt=\"oma.lwm2m\";ct=\"112 110\",</1>;ver=1.2,</1/0>");
}

// INTEROP: 1.1 servers answer 4.12 (or 4.00) to lwm2m=1.2; 1.0 servers accept
// only ep, lt, lwm2m, b (queue mode is the binding "UQ" there).
TEST_F(RegistrationTest, VersionFallbackTo11Then10WithReducedQuery) {
  add_server(1, 0, 1, 300);
  options.queue_mode = true;
  static constexpr uint16_t kFormats[] = {112};
  options.content_formats = kFormats;
  ASSERT_TRUE(client().start().ok());
  client().poll();
  endpoint.respond(coap::kPreconditionFailed);
  ASSERT_EQ(endpoint.requests.size(), 2u);  // at once, not after a back-off
  EXPECT_EQ(endpoint.last().query, (Queries{"ep=dev1", "lt=300", "lwm2m=1.1", "b=U", "Q"}));
  endpoint.respond(coap::kBadRequest);
  ASSERT_EQ(endpoint.requests.size(), 3u);
  EXPECT_EQ(endpoint.last().query, (Queries{"ep=dev1", "lt=300", "lwm2m=1.0", "b=UQ"}));
  EXPECT_EQ(endpoint.last().payload, "</1/0>");  // no ver, no SenML CBOR under 1.0
  endpoint.respond(coap::kCreated, {"rd", "x"});
  EXPECT_EQ(client().state(1), RegistrationState::kRegistered);
  EXPECT_EQ(client().find(1)->version(), Lwm2mVersion::k1_0);
}

TEST_F(RegistrationTest, BadRequestTo10IsAFailedAttempt) {
  add_server(1, 0, 1, 300);
  options.version = Lwm2mVersion::k1_0;
  ASSERT_TRUE(client().start().ok());
  client().poll();
  endpoint.respond(coap::kBadRequest);
  EXPECT_EQ(endpoint.requests.size(), 1u);
  EXPECT_EQ(client().state(1), RegistrationState::kWaiting);
  EXPECT_EQ(client().next_wakeup_ms(), clock.now + 60'000);  // default retry timer
}

TEST_F(RegistrationTest, CreatedWithoutLocationIsAFailedAttempt) {
  add_server(1, 0, 1, 300);
  ASSERT_TRUE(client().start().ok());
  client().poll();
  endpoint.respond(coap::kCreated);
  EXPECT_EQ(client().state(1), RegistrationState::kWaiting);
}

// Update at lifetime - min(lt/2, max(lt/10, 93 s)), to the Location-Path.
TEST_F(RegistrationTest, UpdateBeforeLifetimeEndsGoesToLocation) {
  add_server(1, 0, 1, 300);
  register_ok();
  uint64_t registered_at = clock.now;
  EXPECT_EQ(client().next_wakeup_ms(), registered_at + 207'000);  // 300 - 93
  clock.advance_s(206);
  client().poll();
  EXPECT_EQ(endpoint.requests.size(), 1u);
  clock.advance_s(1);
  client().poll();
  ASSERT_EQ(endpoint.requests.size(), 2u);
  const test::SentRequest& u = endpoint.last();
  EXPECT_EQ(u.method, coap::Method::kPost);
  EXPECT_EQ(u.path, "/rd/5a3f");
  EXPECT_TRUE(u.query.empty());  // nothing changed
  EXPECT_TRUE(u.payload.empty());
  EXPECT_FALSE(u.content_format.has_value());
  EXPECT_EQ(client().state(1), RegistrationState::kUpdating);
  endpoint.respond(coap::kChanged);
  EXPECT_EQ(client().state(1), RegistrationState::kRegistered);
  EXPECT_EQ(client().next_wakeup_ms(), clock.now + 207'000);
}

TEST_F(RegistrationTest, UpdateMarginForShortAndLongLifetimes) {
  add_server(1, 0, 1, 60);  // margin min(30, 93) = 30
  register_ok();
  EXPECT_EQ(client().next_wakeup_ms(), clock.now + 30'000);
}

TEST_F(RegistrationTest, UpdateMarginForDayLifetime) {
  add_server(1, 0, 1, 86400);  // margin 8640
  register_ok();
  EXPECT_EQ(client().next_wakeup_ms(), clock.now + 77'760'000);
}

// Execute /1/x/8 → ServerActions::trigger_registration_update → Update.
TEST_F(RegistrationTest, UpdateOnTriggerExecute) {
  add_server(1, 0, 1, 300);
  server.set_actions(&client());
  register_ok();
  ASSERT_TRUE(execute(registry, Path(1, 0, 8), {}).ok());
  EXPECT_EQ(endpoint.requests.size(), 1u);  // the Execute is answered first
  EXPECT_EQ(client().next_wakeup_ms(), 0u);
  client().poll();
  ASSERT_EQ(endpoint.requests.size(), 2u);
  EXPECT_EQ(endpoint.last().path, "/rd/5a3f");
  EXPECT_TRUE(endpoint.last().query.empty());
  EXPECT_EQ(client().trigger_registration_update(9), Status(Error::kNotFound));
}

TEST_F(RegistrationTest, UpdateCarriesObjectListWhenItChanged) {
  add_server(1, 0, 1, 300);
  register_ok();
  client().object_list_changed();
  client().poll();
  ASSERT_EQ(endpoint.requests.size(), 2u);
  EXPECT_EQ(endpoint.last().content_format, 40);
  EXPECT_EQ(endpoint.last().payload, "</1>;ver=1.2,</1/0>");
}

TEST_F(RegistrationTest, UpdateCarriesOnlyChangedLifetimeAndBinding) {
  add_server(1, 0, 1, 300);
  register_ok();
  set_server(0, 1, Value::of_integer(600));
  client().server_settings_changed();
  client().poll();
  EXPECT_EQ(endpoint.last().query, (Queries{"lt=600"}));
  endpoint.respond(coap::kChanged);
  EXPECT_EQ(client().next_wakeup_ms(), clock.now + 507'000);  // 600 - max(60, 93)

  set_server(0, 7, Value::of_string("T"));
  client().server_settings_changed();
  client().poll();
  EXPECT_EQ(endpoint.last().query, (Queries{"b=T"}));
  endpoint.respond(coap::kChanged);
  client().poll();
  EXPECT_EQ(endpoint.requests.size(), 3u);  // nothing more to tell
}

// An Update answered 4.04 (server lost the registration) registers again.
TEST_F(RegistrationTest, UpdateNotFoundRegistersAgain) {
  add_server(1, 0, 1, 300);
  register_ok();
  ASSERT_TRUE(client().trigger_registration_update(1).ok());
  client().poll();
  endpoint.respond(coap::kNotFound);
  ASSERT_EQ(endpoint.requests.size(), 3u);
  EXPECT_EQ(endpoint.last().path, "/rd");
  EXPECT_EQ(client().state(1), RegistrationState::kRegistering);
  endpoint.respond(coap::kCreated, {"rd", "new"});
  ASSERT_TRUE(client().trigger_registration_update(1).ok());
  client().poll();
  EXPECT_EQ(endpoint.last().path, "/rd/new");
}

TEST_F(RegistrationTest, DeregisterOnStop) {
  add_server(1, 0, 1, 300);
  register_ok();
  client().stop();
  ASSERT_EQ(endpoint.requests.size(), 2u);
  EXPECT_EQ(endpoint.last().method, coap::Method::kDelete);
  EXPECT_EQ(endpoint.last().path, "/rd/5a3f");
  EXPECT_TRUE(endpoint.last().payload.empty());
  EXPECT_EQ(client().state(1), RegistrationState::kDeregistering);
  endpoint.respond(coap::kDeleted);
  EXPECT_EQ(client().state(1), RegistrationState::kIdle);
  EXPECT_EQ(endpoint.closed, (std::vector<ConnectionId>{1}));
  EXPECT_EQ(client().next_wakeup_ms(), kNever);
}

TEST_F(RegistrationTest, StopDuringRegisterDeregistersOnceRegistered) {
  add_server(1, 0, 1, 300);
  ASSERT_TRUE(client().start().ok());
  client().poll();
  client().stop();
  EXPECT_EQ(endpoint.requests.size(), 1u);
  endpoint.respond(coap::kCreated, {"rd", "a"});
  ASSERT_EQ(endpoint.requests.size(), 2u);
  EXPECT_EQ(endpoint.last().method, coap::Method::kDelete);
  endpoint.fail();
  EXPECT_EQ(client().state(1), RegistrationState::kIdle);
}

TEST_F(RegistrationTest, TwoServersEachWithItsOwnState) {
  add_server(1, 0, 1, 300, "coap://127.0.0.1:5683");
  add_server(2, 1, 2, 120, "coap://127.0.0.1:5690");
  ASSERT_TRUE(client().start().ok());
  client().poll();
  ASSERT_EQ(endpoint.requests.size(), 2u);
  EXPECT_EQ(endpoint.requests[0].connection, 1);
  EXPECT_EQ(endpoint.requests[1].connection, 2);
  EXPECT_EQ(endpoint.requests[1].query, (Queries{"ep=dev1", "lt=120", "lwm2m=1.2", "b=U"}));
  endpoint.respond(coap::kCreated, {"rd", "one"}, 0);
  endpoint.fail(Error::kTimeout, 1);
  EXPECT_EQ(client().state(1), RegistrationState::kRegistered);
  EXPECT_EQ(client().state(2), RegistrationState::kWaiting);
  EXPECT_EQ(client().next_wakeup_ms(), clock.now + 60'000);  // server 2's retry first
  clock.advance_s(60);
  client().poll();
  ASSERT_EQ(endpoint.requests.size(), 3u);
  EXPECT_EQ(endpoint.last().connection, 2);
  endpoint.respond(coap::kCreated, {"rd", "two"});
  ASSERT_TRUE(client().trigger_registration_update(2).ok());
  client().poll();
  EXPECT_EQ(endpoint.last().path, "/rd/two");
  EXPECT_EQ(endpoint.last().connection, 2);
  EXPECT_EQ(client().state(1), RegistrationState::kRegistered);
  EXPECT_FALSE(client().needs_bootstrap());
}

// Communication retry resources /1/x/17..20: attempts doubled from the retry
// timer, a sequence delay between sequences, then Failed.
TEST_F(RegistrationTest, RetryBackOffAndSequences) {
  add_server(1, 0, 1, 300);
  set_server(0, 17, Value::of_unsigned(3));
  set_server(0, 18, Value::of_unsigned(10));
  set_server(0, 19, Value::of_unsigned(100));
  set_server(0, 20, Value::of_unsigned(2));
  set_server(0, 16, Value::of_boolean(false));
  ASSERT_TRUE(client().start().ok());
  std::vector<uint64_t> sent_at;
  for (int i = 0; i < 6; ++i) {
    clock.now = std::max(clock.now, client().next_wakeup_ms());
    client().poll();
    ASSERT_EQ(endpoint.unanswered(), 1u) << i;
    sent_at.push_back(endpoint.last().sent_at_ms);
    endpoint.fail();
  }
  uint64_t t0 = sent_at[0];
  EXPECT_EQ(sent_at, (std::vector<uint64_t>{t0, t0 + 10'000, t0 + 30'000, t0 + 130'000, t0 + 140'000,
                                            t0 + 160'000}));
  EXPECT_EQ(client().state(1), RegistrationState::kFailed);
  EXPECT_EQ(client().next_wakeup_ms(), kNever);
  EXPECT_FALSE(client().needs_bootstrap());  // /1/0/16 false
}

TEST_F(RegistrationTest, DefaultRetryIsFiveAttemptsFrom60s) {
  add_server(1, 0, 1, 300);
  ASSERT_TRUE(client().start().ok());
  std::vector<uint64_t> gaps;
  uint64_t last = 0;
  for (int i = 0; i < 5; ++i) {
    clock.now = std::max(clock.now, client().next_wakeup_ms());
    client().poll();
    ASSERT_EQ(endpoint.unanswered(), 1u) << i;
    if (i > 0) gaps.push_back(endpoint.last().sent_at_ms - last);
    last = endpoint.last().sent_at_ms;
    endpoint.respond(coap::kServiceUnavailable);
  }
  EXPECT_EQ(gaps, (std::vector<uint64_t>{60'000, 120'000, 240'000, 480'000}));
  EXPECT_EQ(client().state(1), RegistrationState::kFailed);
  // §6.2.1.1: /1/x/16 defaults to true: every server failed → bootstrap.
  EXPECT_TRUE(client().needs_bootstrap());
}

TEST_F(RegistrationTest, OneFailedServerOfTwoDoesNotBootstrap) {
  add_server(1, 0, 1, 300);
  add_server(2, 1, 2, 300);
  set_server(0, 17, Value::of_unsigned(1));
  ASSERT_TRUE(client().start().ok());
  client().poll();
  endpoint.fail(Error::kTimeout, 0);
  endpoint.respond(coap::kCreated, {"rd", "b"}, 1);
  EXPECT_EQ(client().state(1), RegistrationState::kFailed);
  EXPECT_FALSE(client().needs_bootstrap());
}

TEST_F(RegistrationTest, InitialRegistrationDelay) {
  add_server(1, 0, 1, 300);
  set_server(0, 14, Value::of_unsigned(5));
  ASSERT_TRUE(client().start().ok());
  client().poll();
  EXPECT_TRUE(endpoint.requests.empty());
  clock.advance_s(5);
  client().poll();
  EXPECT_EQ(endpoint.requests.size(), 1u);
}

// Disable (/1/x/4): De-register, silent for Disable Timeout (/1/x/5), Register.
TEST_F(RegistrationTest, DisableDeregistersThenRegistersAfterTimeout) {
  add_server(1, 0, 1, 300);
  set_server(0, 5, Value::of_integer(50));
  server.set_actions(&client());
  register_ok();
  ASSERT_TRUE(execute(registry, Path(1, 0, 4), {}).ok());
  client().poll();
  ASSERT_EQ(endpoint.requests.size(), 2u);
  EXPECT_EQ(endpoint.last().method, coap::Method::kDelete);
  EXPECT_EQ(endpoint.last().path, "/rd/5a3f");
  endpoint.respond(coap::kDeleted);
  EXPECT_EQ(client().state(1), RegistrationState::kDisabled);
  EXPECT_EQ(client().next_wakeup_ms(), clock.now + 50'000);
  clock.advance_s(49);
  client().poll();
  EXPECT_EQ(endpoint.requests.size(), 2u);
  clock.advance_s(1);
  client().poll();
  ASSERT_EQ(endpoint.requests.size(), 3u);
  EXPECT_EQ(endpoint.last().path, "/rd");
  EXPECT_EQ(client().state(1), RegistrationState::kRegistering);
}

TEST_F(RegistrationTest, DisableTimeoutDefaultsToADay) {
  objects::SecurityAccount account;
  account.server_uri = "coap://127.0.0.1";
  account.short_server_id = 1;
  ASSERT_TRUE(security.add_account(1, account).ok());
  objects::ServerAccount s;  // no disable_timeout resource
  ASSERT_TRUE(server.add_server(0, s).ok());
  register_ok();
  ASSERT_TRUE(client().disable(1).ok());
  client().poll();
  endpoint.respond(coap::kDeleted);
  EXPECT_EQ(client().next_wakeup_ms(), clock.now + 86'400'000);
}

TEST_F(RegistrationTest, NoUsableAccountAsksForBootstrap) {
  objects::SecurityAccount bs;
  bs.server_uri = "coap://127.0.0.1:5783";
  bs.bootstrap_server = true;
  ASSERT_TRUE(security.add_account(0, bs).ok());
  EXPECT_EQ(client().start(), Status(Error::kNotFound));
  EXPECT_TRUE(client().needs_bootstrap());
}

TEST_F(RegistrationTest, BootstrapTriggerIsRemembered) {
  add_server(1, 0, 1, 300);
  server.set_actions(&client());
  register_ok();
  ASSERT_TRUE(execute(registry, Path(1, 0, 9), {}).ok());
  EXPECT_TRUE(client().needs_bootstrap());
  client().clear_bootstrap_request();
  EXPECT_FALSE(client().needs_bootstrap());
}

TEST_F(RegistrationTest, OpenFailureCountsAsAFailedAttempt) {
  add_server(1, 0, 1, 300);
  endpoint.open_result = Error::kUnreachable;
  ASSERT_TRUE(client().start().ok());
  client().poll();
  EXPECT_TRUE(endpoint.requests.empty());
  EXPECT_EQ(client().state(1), RegistrationState::kWaiting);
}

// Accounts: a Server instance without a Security instance, or a coaps URI
// in NoSec mode, is not usable.
TEST_F(RegistrationTest, AccountsFromSecurityAndServer) {
  add_server(1, 0, 1, 300);
  set_server(0, 13, Value::of_unsigned(2));
  objects::SecurityAccount mismatched;
  mismatched.server_uri = "coaps://127.0.0.1:5684";
  mismatched.short_server_id = 2;
  ASSERT_TRUE(security.add_account(2, mismatched).ok());
  ServerAccountConfig accounts[4];
  Result<size_t> n = collect_server_accounts(registry, accounts);
  ASSERT_TRUE(n.ok());
  ASSERT_EQ(*n, 2u);
  EXPECT_EQ(accounts[0].uri(), "coap://127.0.0.1:5683");
  EXPECT_EQ(accounts[0].short_server_id, 1);
  EXPECT_EQ(accounts[0].server_instance, std::optional<uint16_t>(0));
  EXPECT_EQ(accounts[0].lifetime_s, 300u);
  EXPECT_EQ(accounts[0].binding(), "U");
  EXPECT_EQ(accounts[0].registration_priority, std::optional<uint32_t>(2));
  EXPECT_EQ(accounts[0].retry.retry_count, 5u);
  EXPECT_TRUE(is_usable_server_account(accounts[0]));
  EXPECT_FALSE(is_usable_server_account(accounts[1]));  // no Server instance, coaps with NoSec
  EXPECT_EQ(collect_server_accounts(registry, std::span<ServerAccountConfig>(accounts, 1)).error(),
            Error::kCapacityExceeded);
}

}  // namespace
}  // namespace lwm2m
