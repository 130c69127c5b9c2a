// Bootstrap interface, client side (Core TS 1.2 §6.1): the client-initiated
// Bootstrap-Request, the Bootstrap-Server's Write/Read/Discover/Delete/Finish,
// and the hand-over to registration.
#include <gtest/gtest.h>

#include "dm_request_builder.h"
#include "fake_endpoint.h"
#include "lwm2m/engine/bootstrap_client.h"
#include "lwm2m/engine/bootstrap_dispatcher.h"
#include "lwm2m/engine/registration_client.h"
#include "objects/device_object.h"
#include "objects/security_object.h"
#include "objects/server_object.h"

namespace lwm2m {
namespace {

using test::FakeClock;
using test::FakeEndpoint;
using test::RequestBuilder;
using Queries = std::vector<std::string>;

constexpr uint16_t kSenmlJson = 110;

class BootstrapTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(registry.add(security).ok());
    ASSERT_TRUE(registry.add(server).ok());
    ASSERT_TRUE(registry.add(device).ok());
    objects::SecurityAccount bs;
    bs.server_uri = "coap://127.0.0.1:5783";
    bs.bootstrap_server = true;
    ASSERT_TRUE(security.add_account(0, bs).ok());
    bs_options.endpoint_name = "dev1";
    reg_options.endpoint_name = "dev1";
  }
  coap::Response send(RequestBuilder builder) {
    coap::Request request = builder.build();
    coap::Response response;
    dispatcher.handle(request, buffer, response);
    last_payload.assign(response.payload.begin(), response.payload.end());
    return response;
  }
  uint8_t put(std::string_view path, std::string_view senml) {
    return send(RequestBuilder(coap::Method::kPut, path).format(kSenmlJson).payload(senml)).code;
  }
  uint8_t del(std::string_view path) { return send(RequestBuilder(coap::Method::kDelete, path)).code; }
  uint8_t finish() { return send(RequestBuilder(coap::Method::kPost, "/bs")).code; }
  void write_lwm2m_server(uint16_t sec, uint16_t srv, int ssid, std::string_view uri = "coap://127.0.0.1:5683") {
    std::string s = "[{\"bn\":\"/0/" + std::to_string(sec) + "/\",\"n\":\"0\",\"vs\":\"" + std::string(uri) +
                    "\"},{\"n\":\"1\",\"vb\":false},{\"n\":\"2\",\"v\":3},{\"n\":\"3\",\"vd\":\"\"},"
                    "{\"n\":\"4\",\"vd\":\"\"},{\"n\":\"5\",\"vd\":\"\"},{\"n\":\"10\",\"v\":" +
                    std::to_string(ssid) + "}]";
    ASSERT_EQ(put("/0/" + std::to_string(sec), s), coap::kChanged);
    std::string v = "[{\"bn\":\"/1/" + std::to_string(srv) + "/\",\"n\":\"0\",\"v\":" + std::to_string(ssid) +
                    "},{\"n\":\"1\",\"v\":120},{\"n\":\"6\",\"vb\":false},{\"n\":\"7\",\"vs\":\"U\"}]";
    ASSERT_EQ(put("/1/" + std::to_string(srv), v), coap::kChanged);
  }

  objects::SecurityObject security;
  objects::ServerObject server;
  objects::DeviceObject device;
  FixedRegistry<4> registry;
  FakeClock clock;
  FakeEndpoint endpoint{clock};
  BootstrapOptions bs_options;
  RegistrationOptions reg_options;
  BootstrapDispatcher dispatcher{registry};
  uint8_t buffer[1024] = {};
  std::string last_payload;
};

// §6.1.5 Client-initiated bootstrap: POST /bs?ep=NAME&pct=..., 2.04.
TEST_F(BootstrapTest, RequestAfterHoldOff) {
  ASSERT_TRUE(security.set(0, 11, Value::of_integer(10)).ok());  // Client Hold Off Time
  bs_options.preferred_format = 112;
  BootstrapClient client(endpoint, clock, registry, bs_options);
  ASSERT_TRUE(client.start().ok());
  EXPECT_EQ(client.state(), BootstrapState::kHoldOff);
  ASSERT_EQ(endpoint.opened.size(), 1u);
  EXPECT_EQ(endpoint.opened[0].id, 0);
  EXPECT_EQ(endpoint.opened[0].uri, "coap://127.0.0.1:5783");
  client.poll();
  EXPECT_TRUE(endpoint.requests.empty());
  clock.advance_s(10);
  client.poll();
  ASSERT_EQ(endpoint.requests.size(), 1u);
  EXPECT_EQ(endpoint.last().method, coap::Method::kPost);
  EXPECT_EQ(endpoint.last().path, "/bs");
  EXPECT_EQ(endpoint.last().query, (Queries{"ep=dev1", "pct=112"}));
  EXPECT_TRUE(endpoint.last().payload.empty());
  EXPECT_EQ(client.state(), BootstrapState::kRequesting);
  endpoint.respond(coap::kChanged);
  EXPECT_EQ(client.state(), BootstrapState::kBootstrapping);
  EXPECT_EQ(client.next_wakeup_ms(), clock.now + 120'000);
}

TEST_F(BootstrapTest, NoBootstrapAccount) {
  ASSERT_TRUE(security.delete_instance(0).ok());
  BootstrapClient client(endpoint, clock, registry, bs_options);
  EXPECT_EQ(client.start(), Status(Error::kNotFound));
}

TEST_F(BootstrapTest, RequestRetriedThenFailed) {
  bs_options.retry_count = 2;
  bs_options.retry_timer_s = 5;
  BootstrapClient client(endpoint, clock, registry, bs_options);
  ASSERT_TRUE(client.start().ok());
  client.poll();
  endpoint.respond(coap::kBadRequest);
  EXPECT_EQ(client.state(), BootstrapState::kHoldOff);
  EXPECT_EQ(client.next_wakeup_ms(), clock.now + 5'000);
  clock.advance_s(5);
  client.poll();
  ASSERT_EQ(endpoint.requests.size(), 2u);
  endpoint.fail();
  EXPECT_EQ(client.state(), BootstrapState::kFailed);
  client.poll();
  EXPECT_EQ(endpoint.closed, (std::vector<ConnectionId>{0}));
}

TEST_F(BootstrapTest, NoFinishInTimeFails) {
  BootstrapClient client(endpoint, clock, registry, bs_options);
  dispatcher.set_events(&client);
  ASSERT_TRUE(client.start().ok());
  client.poll();
  endpoint.respond(coap::kChanged);
  clock.advance_s(100);
  EXPECT_EQ(del("/1"), coap::kDeleted);  // an operation restarts the wait
  clock.advance_s(119);
  client.poll();
  EXPECT_EQ(client.state(), BootstrapState::kBootstrapping);
  clock.advance_s(1);
  client.poll();
  EXPECT_EQ(client.state(), BootstrapState::kFailed);
}

// The whole flow: request, Bootstrap-Write of Security and Server, Finish,
// then Register with the server just configured.
TEST_F(BootstrapTest, WriteFinishThenRegister) {
  BootstrapClient client(endpoint, clock, registry, bs_options);
  dispatcher.set_events(&client);
  ASSERT_TRUE(client.start().ok());
  client.poll();
  endpoint.respond(coap::kChanged);
  EXPECT_EQ(del("/"), coap::kDeleted);
  write_lwm2m_server(1, 0, 101);
  EXPECT_EQ(finish(), coap::kChanged);
  EXPECT_EQ(client.state(), BootstrapState::kFinished);
  EXPECT_EQ(client.next_wakeup_ms(), 0u);
  client.poll();  // closes the Bootstrap-Server connection after answering
  EXPECT_EQ(endpoint.closed, (std::vector<ConnectionId>{0}));

  RegistrationClient reg(endpoint, clock, registry, reg_options);
  ASSERT_TRUE(reg.start().ok());
  reg.poll();
  ASSERT_EQ(endpoint.requests.size(), 2u);
  EXPECT_EQ(endpoint.last().connection, 1);
  EXPECT_EQ(endpoint.opened.back().uri, "coap://127.0.0.1:5683");
  EXPECT_EQ(endpoint.last().query, (Queries{"ep=dev1", "lt=120", "lwm2m=1.2", "b=U"}));
  endpoint.respond(coap::kCreated, {"rd", "q"});
  EXPECT_EQ(reg.state(101), RegistrationState::kRegistered);
}

// Bootstrap-Finish answers 4.06 when the configuration is unusable.
TEST_F(BootstrapTest, FinishConsistencyCheck) {
  EXPECT_EQ(finish(), coap::kNotAcceptable);  // only the bootstrap account
  // A Server instance without its Security instance.
  ASSERT_EQ(put("/1/0", "[{\"bn\":\"/1/0/\",\"n\":\"0\",\"v\":7},{\"n\":\"1\",\"v\":60},{\"n\":\"6\",\"vb\":false},"
                        "{\"n\":\"7\",\"vs\":\"U\"}]"),
            coap::kChanged);
  EXPECT_EQ(finish(), coap::kNotAcceptable);
  // coaps with NoSec does not match either.
  write_lwm2m_server(1, 0, 7, "coaps://127.0.0.1:5684");
  EXPECT_EQ(finish(), coap::kNotAcceptable);
  ASSERT_EQ(put("/0/1/2", "[{\"bn\":\"/0/1/2\",\"v\":0}]"), coap::kChanged);  // PSK
  EXPECT_EQ(finish(), coap::kChanged);
}

TEST_F(BootstrapTest, FinishRejectsDuplicateShortServerIds) {
  write_lwm2m_server(1, 0, 5);
  write_lwm2m_server(2, 1, 5);
  EXPECT_EQ(finish(), coap::kNotAcceptable);
}

// Bootstrap-Write may target Security (no operations for DM servers) and
// creates missing instances; a failed write changes nothing.
TEST_F(BootstrapTest, WriteCreatesInstancesAndIsAllOrNothing) {
  write_lwm2m_server(1, 0, 101);
  ASSERT_TRUE(security.has_instance(1));
  Value uri;
  ASSERT_TRUE(security.read(Path(0, 1, 0), uri).ok());
  EXPECT_EQ(uri.text(), "coap://127.0.0.1:5683");

  // Lifetime as a string: rejected, instance 3 not created, instance 0 untouched.
  EXPECT_EQ(put("/1/3", "[{\"bn\":\"/1/3/\",\"n\":\"0\",\"v\":9},{\"n\":\"1\",\"vs\":\"x\"}]"), coap::kBadRequest);
  EXPECT_FALSE(server.has_instance(3));
  // A record outside the target path.
  EXPECT_EQ(put("/1/0", "[{\"bn\":\"/1/1/\",\"n\":\"1\",\"v\":9}]"), coap::kBadRequest);
  EXPECT_FALSE(server.has_instance(1));
  // Object-level write: each record names its instance.
  EXPECT_EQ(put("/1", "[{\"bn\":\"/1/0/\",\"n\":\"1\",\"v\":77}]"), coap::kChanged);
  Value lifetime;
  ASSERT_TRUE(server.read(Path(1, 0, 1), lifetime).ok());
  EXPECT_EQ(lifetime.integer, 77);
  // Resource-level write.
  EXPECT_EQ(put("/1/0/1", "[{\"bn\":\"/1/0/1\",\"v\":78}]"), coap::kChanged);
  ASSERT_TRUE(server.read(Path(1, 0, 1), lifetime).ok());
  EXPECT_EQ(lifetime.integer, 78);
}

TEST_F(BootstrapTest, WriteErrors) {
  EXPECT_EQ(put("/", "[]"), coap::kBadRequest);
  EXPECT_EQ(put("/9/0", "[{\"bn\":\"/9/0/\",\"n\":\"1\",\"v\":1}]"), coap::kNotFound);
  EXPECT_EQ(send(RequestBuilder(coap::Method::kPut, "/1/0").payload("x")).code, coap::kBadRequest);  // no format
  EXPECT_EQ(put("/1/0", "[{\"bn\":"), coap::kBadRequest);  // truncated SenML
  EXPECT_EQ(put("/1/0/4", "[{\"bn\":\"/1/0/4\",\"v\":1}]"), coap::kMethodNotAllowed);  // executable
  EXPECT_EQ(put("/1/0/1/2/3", "[]"), coap::kBadRequest);
  EXPECT_EQ(put("/0/x", "[]"), coap::kBadRequest);
  EXPECT_FALSE(server.has_instance(0));
}

// Bootstrap-Delete: "/" and "/0" keep the Bootstrap-Server account and the
// Device object; naming either directly is 4.00.
TEST_F(BootstrapTest, DeleteRules) {
  write_lwm2m_server(1, 0, 101);
  write_lwm2m_server(2, 1, 102);
  EXPECT_EQ(del("/0/0"), coap::kBadRequest);
  EXPECT_EQ(del("/3/0"), coap::kBadRequest);
  EXPECT_EQ(del("/3"), coap::kBadRequest);
  EXPECT_EQ(del("/1/0/1"), coap::kBadRequest);
  EXPECT_EQ(del("/1/9"), coap::kNotFound);
  EXPECT_EQ(del("/9"), coap::kNotFound);
  EXPECT_EQ(del("/1/1"), coap::kDeleted);
  EXPECT_FALSE(server.has_instance(1));
  EXPECT_EQ(del("/0"), coap::kDeleted);
  EXPECT_EQ(security.instance_count(), 1u);
  EXPECT_TRUE(security.has_instance(0));
  EXPECT_TRUE(server.has_instance(0));
  write_lwm2m_server(1, 1, 101);
  EXPECT_EQ(del("/"), coap::kDeleted);
  EXPECT_EQ(security.instance_count(), 1u);
  EXPECT_TRUE(security.has_instance(0));
  EXPECT_EQ(server.instance_count(), 0u);
  EXPECT_EQ(device.instance_count(), 1u);
}

// Bootstrap-Read: the Server and Access Control objects only.
TEST_F(BootstrapTest, ReadServerObjectOnly) {
  write_lwm2m_server(1, 0, 101);
  coap::Response r = send(RequestBuilder(coap::Method::kGet, "/1").accept(kSenmlJson));
  EXPECT_EQ(r.code, coap::kContent);
  EXPECT_EQ(r.content_format, kSenmlJson);
  EXPECT_NE(last_payload.find("\"v\":101"), std::string::npos) << last_payload;
  r = send(RequestBuilder(coap::Method::kGet, "/1/0"));
  EXPECT_EQ(r.code, coap::kContent);
  EXPECT_EQ(r.content_format, 11542);  // TLV by default
  EXPECT_EQ(send(RequestBuilder(coap::Method::kGet, "/0")).code, coap::kMethodNotAllowed);
  EXPECT_EQ(send(RequestBuilder(coap::Method::kGet, "/3/0")).code, coap::kMethodNotAllowed);
  EXPECT_EQ(send(RequestBuilder(coap::Method::kGet, "/1/0/1")).code, coap::kBadRequest);
  EXPECT_EQ(send(RequestBuilder(coap::Method::kGet, "/1/5")).code, coap::kNotFound);
}

// Bootstrap-Discover: version on the root, ssid/uri on Security instances.
TEST_F(BootstrapTest, Discover) {
  write_lwm2m_server(1, 0, 101);
  coap::Response r = send(RequestBuilder(coap::Method::kGet, "/").accept(40));
  ASSERT_EQ(r.code, coap::kContent);
  EXPECT_EQ(r.content_format, 40);
  EXPECT_EQ(last_payload,
            "</>;lwm2m=\"1.2\",</0>;ver=1.2,</0/0>;uri=\"coap://127.0.0.1:5783\","
            "</0/1>;ssid=101;uri=\"coap://127.0.0.1:5683\",</1>;ver=1.2,</1/0>;ssid=101,</3>;ver=1.2,</3/0>");
  r = send(RequestBuilder(coap::Method::kGet, "/1").accept(40));
  ASSERT_EQ(r.code, coap::kContent);
  EXPECT_EQ(last_payload, "</1>;ver=1.2,</1/0>;ssid=101");
  EXPECT_EQ(send(RequestBuilder(coap::Method::kGet, "/1/0").accept(40)).code, coap::kBadRequest);
  EXPECT_EQ(send(RequestBuilder(coap::Method::kGet, "/7").accept(40)).code, coap::kNotFound);
}

TEST_F(BootstrapTest, OtherMethodsNotAllowed) {
  EXPECT_EQ(send(RequestBuilder(coap::Method::kPost, "/1/0/8")).code, coap::kMethodNotAllowed);
  EXPECT_EQ(send(RequestBuilder(coap::Method::kFetch, "/")).code, coap::kMethodNotAllowed);
}

// §6.2.1.1 with /1/x/16: every registration failed → bootstrap, then
// registration with what the Bootstrap-Server wrote.
TEST_F(BootstrapTest, FallbackToBootstrapAfterRegistrationFails) {
  write_lwm2m_server(1, 0, 101);
  ASSERT_TRUE(server.set(0, 17, Value::of_unsigned(2)).ok());
  ASSERT_TRUE(server.set(0, 18, Value::of_unsigned(1)).ok());
  RegistrationClient reg(endpoint, clock, registry, reg_options);
  ASSERT_TRUE(reg.start().ok());
  reg.poll();
  endpoint.respond(coap::kForbidden);
  clock.advance_s(1);
  reg.poll();
  endpoint.fail();
  EXPECT_EQ(reg.state(101), RegistrationState::kFailed);
  ASSERT_TRUE(reg.needs_bootstrap());

  BootstrapClient bs(endpoint, clock, registry, bs_options);
  dispatcher.set_events(&bs);
  ASSERT_TRUE(bs.start().ok());
  bs.poll();
  EXPECT_EQ(endpoint.last().path, "/bs");
  endpoint.respond(coap::kChanged);
  EXPECT_EQ(del("/0"), coap::kDeleted);
  EXPECT_EQ(del("/1"), coap::kDeleted);
  write_lwm2m_server(2, 0, 202, "coap://127.0.0.1:5700");
  EXPECT_EQ(finish(), coap::kChanged);
  ASSERT_EQ(bs.state(), BootstrapState::kFinished);

  ASSERT_TRUE(reg.start().ok());
  EXPECT_FALSE(reg.needs_bootstrap());
  reg.poll();
  EXPECT_EQ(endpoint.last().connection, 2);
  EXPECT_EQ(endpoint.last().path, "/rd");
}

}  // namespace
}  // namespace lwm2m
