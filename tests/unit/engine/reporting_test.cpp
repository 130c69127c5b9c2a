// The Information Reporting interface end to end (Core TS 1.2 §6.4, RFC
// 7641): Observe and Observe-Composite through the DM dispatcher, the
// notification attributes of Write-Attributes and of the Observe query,
// cancellation, queue-mode holding, and Send.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "dm_request_builder.h"
#include "lwm2m/engine/dm_dispatcher.h"
#include "lwm2m/engine/observation_manager.h"
#include "lwm2m/engine/queue_mode.h"
#include "lwm2m/engine/send_client.h"
#include "lwm2m/lwcbor/lwm2m_cbor_decoder.h"
#include "lwm2m/senml/senml_cbor_decoder.h"
#include "lwm2m/senml/senml_json_decoder.h"
#include "objects/server_object.h"
#include "reporting_fakes.h"

namespace lwm2m {
namespace {

using coap::Method;
using test::FakeClock;
using test::FakeConnections;
using test::FakeEndpoint;
using test::RequestBuilder;
using test::token_of;

constexpr uint16_t kText = 0, kSenmlJson = 110, kTlv = 11542;
constexpr ConnectionId kConnection = 7;

constexpr ResourceDef kTestResources[] = {
    {0, "Name", Operations::kReadWrite, false, true, DataType::kString, {}, ""},
    {1, "Level", Operations::kReadWrite, false, false, DataType::kInteger, {}, ""},
    {4, "Reading", Operations::kRead, false, false, DataType::kFloat, {}, ""},
    {6, "Switch", Operations::kReadWrite, false, false, DataType::kBoolean, {}, ""},
};
constexpr ObjectDef kTestObjectDef{1024, "Test", {1, 0}, true, false, kTestResources};

class TestObject final : public StoredObject<4, 40, 256> {
 public:
  TestObject() : StoredObject(kTestObjectDef) {}
  Status add(uint16_t instance, std::string_view name, int64_t level) {
    LWM2M_TRY(create_instance(instance));
    LWM2M_TRY(set(instance, 0, Value::of_string(name)));
    LWM2M_TRY(set(instance, 1, Value::of_integer(level)));
    LWM2M_TRY(set(instance, 4, Value::of_float(21.5)));
    return set(instance, 6, Value::of_boolean(false));
  }
};

// The values of a SenML (JSON or CBOR) or LwM2M CBOR payload, as (path, integer text or string).
struct Decoded {
  Path path;
  Value value;
  std::string text;
};

std::vector<Decoded> decode_all(RecordDecoder& decoder) {
  std::vector<Decoded> out;
  DecodedRecord record;
  for (;;) {
    Result<bool> more = decoder.next(record);
    EXPECT_TRUE(more.ok()) << error_name(more.error());
    if (!more.ok() || !*more) break;
    Decoded d;
    d.path = record.path;
    d.value = record.value.value;
    if (d.value.type == DataType::kString) d.text.assign(d.value.bytes.begin(), d.value.bytes.end());
    out.push_back(d);
  }
  return out;
}

int64_t as_integer(const Value& v) {
  uint8_t scratch[8];
  Result<Value> converted = convert(DecodedValue{v, WireEncoding::kTyped}, DataType::kInteger, scratch);
  EXPECT_TRUE(converted.ok());
  return converted->integer;
}

class ReportingTest : public ::testing::Test {
 protected:
  ReportingTest() {
    objects::ServerAccount account;
    account.short_server_id = 1;
    EXPECT_TRUE(server.add_server(0, account).ok());
    EXPECT_TRUE(test_object.add(0, "first", 10).ok());
    Status second = test_object.add(1, "second", 20);
    EXPECT_TRUE(second.ok()) << error_name(second.error());
    EXPECT_TRUE(registry.add(server).ok());
    EXPECT_TRUE(registry.add(test_object).ok());
    connections.map[1] = kConnection;
  }

  const coap::Response& send(RequestBuilder&& builder, uint32_t token = 1) { return send(builder, token); }
  const coap::Response& send(RequestBuilder& builder, uint32_t token = 1) {
    coap::Request request = builder.build();
    request.token = token_of(token);
    dispatcher.handle(context, request, buffer, response);
    return response;
  }
  std::string payload_text() const { return std::string(response.payload.begin(), response.payload.end()); }

  void set_level(uint16_t instance, int64_t level) {
    ASSERT_TRUE(test_object.set(instance, 1, Value::of_integer(level)).ok());
    manager.value_changed(Path(1024, instance, 1));
  }
  // Advances the clock and polls.
  void poll_at(uint64_t ms) {
    clock.now = ms;
    manager.poll(ms);
  }

  FixedRegistry<4> registry;
  objects::ServerObject server;
  TestObject test_object;
  FixedAttributeStore<16> attributes;
  FakeEndpoint endpoint;
  FakeClock clock;
  FakeConnections connections;
  FixedNotificationQueue<4, 256> queue;
  FixedQueueMode<2> queue_mode;
  // The manager reads through the dispatcher, which hands it Observe requests.
  FixedObservationManager<8, 512> manager{
      ObservationPorts{registry, attributes, dispatcher, queue, queue_mode, endpoint, clock, connections}};
  DmDispatcher dispatcher{registry, attributes, &manager};
  RequestContext context{1, Lwm2mVersion::k1_2, ContentFormat::kSenmlCbor, false};
  uint8_t buffer[512] = {};
  coap::Response response;
};

// --- Observe (Core TS §6.4.1) -----------------------------------------------

TEST_F(ReportingTest, ObserveAnswersContentWithObserveOption) {
  send(RequestBuilder(Method::kGet, "/1024/0/1").observe(0).accept(kText));
  EXPECT_EQ(response.code, coap::kContent);
  ASSERT_TRUE(response.observe.has_value());
  // 1, not 0: node-coap based servers (lwm2m-node-lib) drop an answer with
  // Observe=0 (they keep only values above 0); RFC 7641 allows any start.
  EXPECT_EQ(*response.observe, 1u);
  EXPECT_EQ(response.content_format, kText);
  EXPECT_EQ(payload_text(), "10");
  EXPECT_EQ(manager.table().size(), 1u);
}

TEST_F(ReportingTest, NotifiesOnChangeWithTokenFormatAndNextSequence) {
  send(RequestBuilder(Method::kGet, "/1024/0/1").observe(0).accept(kText), 0xABCD);
  poll_at(1000);
  EXPECT_TRUE(endpoint.notifications.empty());  // nothing changed
  set_level(0, 11);
  EXPECT_EQ(manager.next_wakeup(), 0u);
  poll_at(2000);
  ASSERT_EQ(endpoint.notifications.size(), 1u);
  const test::SentNotification& n = endpoint.notifications[0];
  EXPECT_EQ(n.server, kConnection);
  EXPECT_EQ(n.token, token_of(0xABCD));
  EXPECT_EQ(n.code, coap::kContent);
  EXPECT_EQ(n.content_format, kText);
  EXPECT_EQ(n.observe, 2u);
  EXPECT_FALSE(n.confirmable);
  EXPECT_EQ(n.text(), "11");
  // A change signalled on another resource of the instance does not notify.
  manager.value_changed(Path(1024, 0, 0));
  poll_at(3000);
  EXPECT_EQ(endpoint.notifications.size(), 1u);
}

TEST_F(ReportingTest, ObserveOfAnInstanceNotifiesTheWholeInstance) {
  send(RequestBuilder(Method::kGet, "/1024/1").observe(0).accept(kSenmlJson));
  ASSERT_EQ(response.code, coap::kContent);
  ASSERT_TRUE(response.observe.has_value());
  ASSERT_TRUE(test_object.set(1, 0, Value::of_string("renamed")).ok());
  manager.value_changed(Path(1024, 1, 0));
  poll_at(10);
  ASSERT_EQ(endpoint.notifications.size(), 1u);
  uint8_t scratch[128];
  SenmlJsonDecoder decoder(endpoint.notifications[0].payload, Path(), scratch);
  std::vector<Decoded> records = decode_all(decoder);
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[0].path, Path(1024, 1, 0));
  EXPECT_EQ(records[0].text, "renamed");
}

TEST_F(ReportingTest, WriteAttributesPminHoldsChangesUntilItExpires) {
  send(RequestBuilder(Method::kPut, "/1024/0/1").query("pmin=10"));
  ASSERT_EQ(response.code, coap::kChanged);
  send(RequestBuilder(Method::kGet, "/1024/0/1").observe(0).accept(kText));
  clock.now = 1000;
  set_level(0, 11);
  poll_at(1000);
  EXPECT_TRUE(endpoint.notifications.empty());
  EXPECT_EQ(manager.next_wakeup(), 10000u);
  set_level(0, 12);
  poll_at(5000);
  EXPECT_TRUE(endpoint.notifications.empty());
  poll_at(10000);
  ASSERT_EQ(endpoint.notifications.size(), 1u);
  EXPECT_EQ(endpoint.notifications[0].text(), "12");  // the latest value
}

TEST_F(ReportingTest, WriteAttributesPmaxNotifiesWithoutChange) {
  send(RequestBuilder(Method::kPut, "/1024/0").query("pmax=5"));
  ASSERT_EQ(response.code, coap::kChanged);
  send(RequestBuilder(Method::kGet, "/1024/0/1").observe(0).accept(kText));
  EXPECT_EQ(manager.next_wakeup(), 5000u);
  poll_at(4999);
  EXPECT_TRUE(endpoint.notifications.empty());
  poll_at(5000);
  ASSERT_EQ(endpoint.notifications.size(), 1u);
  EXPECT_EQ(endpoint.notifications[0].text(), "10");
  EXPECT_EQ(manager.next_wakeup(), 10000u);
}

TEST_F(ReportingTest, ServerDefaultMaxPeriodApplies) {
  ASSERT_TRUE(server.set(0, 3, Value::of_integer(30)).ok());  // /1/0/3 Default Maximum Period
  send(RequestBuilder(Method::kGet, "/1024/0/1").observe(0).accept(kText));
  EXPECT_EQ(manager.next_wakeup(), 30000u);
}

TEST_F(ReportingTest, WriteAttributesGreaterThanNotifiesOnlyOnCrossing) {
  send(RequestBuilder(Method::kPut, "/1024/0/1").query("gt=50"));
  ASSERT_EQ(response.code, coap::kChanged);
  send(RequestBuilder(Method::kGet, "/1024/0/1").observe(0).accept(kText));
  set_level(0, 20);
  poll_at(1000);
  EXPECT_TRUE(endpoint.notifications.empty());
  set_level(0, 60);
  poll_at(2000);
  ASSERT_EQ(endpoint.notifications.size(), 1u);
  set_level(0, 70);  // still above: no crossing
  poll_at(3000);
  EXPECT_EQ(endpoint.notifications.size(), 1u);
  set_level(0, 40);  // crossing down
  poll_at(4000);
  ASSERT_EQ(endpoint.notifications.size(), 2u);
  EXPECT_EQ(endpoint.notifications[1].text(), "40");
}

TEST_F(ReportingTest, WriteAttributesLessThanNotifiesOnCrossing) {
  send(RequestBuilder(Method::kPut, "/1024/0/1").query("lt=5"));
  ASSERT_EQ(response.code, coap::kChanged);
  send(RequestBuilder(Method::kGet, "/1024/0/1").observe(0).accept(kText));
  set_level(0, 6);
  poll_at(1000);
  EXPECT_TRUE(endpoint.notifications.empty());
  set_level(0, 4);
  poll_at(2000);
  EXPECT_EQ(endpoint.notifications.size(), 1u);
}

TEST_F(ReportingTest, ObserveQueryStepAttribute) {
  // 1.2: the attributes may come with the Observe itself.
  send(RequestBuilder(Method::kGet, "/1024/0/1").observe(0).accept(kText).query("st=5"));
  ASSERT_EQ(response.code, coap::kContent);
  ASSERT_TRUE(response.observe.has_value());
  set_level(0, 12);
  poll_at(1000);
  EXPECT_TRUE(endpoint.notifications.empty());
  set_level(0, 15);
  poll_at(2000);
  ASSERT_EQ(endpoint.notifications.size(), 1u);
  EXPECT_EQ(endpoint.notifications[0].text(), "15");
}

TEST_F(ReportingTest, ObserveQueryWinsOverWriteAttributes) {
  send(RequestBuilder(Method::kPut, "/1024/0/1").query("pmin=100"));
  send(RequestBuilder(Method::kGet, "/1024/0/1").observe(0).accept(kText).query("pmin=2"));
  set_level(0, 11);
  poll_at(1000);
  EXPECT_TRUE(endpoint.notifications.empty());
  EXPECT_EQ(manager.next_wakeup(), 2000u);
  poll_at(2000);
  EXPECT_EQ(endpoint.notifications.size(), 1u);
}

TEST_F(ReportingTest, BadObserveQueryIsBadRequestAndObservesNothing) {
  for (const char* query : {"pmin=abc", "pmin", "unknown=1", "gt=1", "pmin=1&pmin=2", "edge=2"}) {
    SCOPED_TRACE(query);
    // gt on an instance is not allowed (numeric resource attributes only).
    send(RequestBuilder(Method::kGet, "/1024/0").observe(0).query(query));
    EXPECT_EQ(response.code, coap::kBadRequest);
    EXPECT_FALSE(response.observe.has_value());
  }
  EXPECT_EQ(manager.table().size(), 0u);
}

TEST_F(ReportingTest, ConfirmableWhenConIsOne) {
  send(RequestBuilder(Method::kPut, "/1024/0/1").query("con=1"));
  ASSERT_EQ(response.code, coap::kChanged);
  send(RequestBuilder(Method::kGet, "/1024/0/1").observe(0).accept(kText));
  set_level(0, 11);
  poll_at(1000);
  ASSERT_EQ(endpoint.notifications.size(), 1u);
  EXPECT_TRUE(endpoint.notifications[0].confirmable);
}

TEST_F(ReportingTest, UnregisteredServerGetsAPlainRead) {
  connections.map.clear();
  send(RequestBuilder(Method::kGet, "/1024/0/1").observe(0).accept(kText));
  EXPECT_EQ(response.code, coap::kContent);
  EXPECT_FALSE(response.observe.has_value());
  EXPECT_EQ(manager.table().size(), 0u);
}

TEST_F(ReportingTest, ObserveOfMissingTargetIsNotFound) {
  send(RequestBuilder(Method::kGet, "/1024/9/1").observe(0));
  EXPECT_EQ(response.code, coap::kNotFound);
  EXPECT_EQ(manager.table().size(), 0u);
}

TEST_F(ReportingTest, DeletedTargetEndsTheObservationWithAnError) {
  send(RequestBuilder(Method::kGet, "/1024/1/1").observe(0).accept(kText));
  ASSERT_EQ(manager.table().size(), 1u);
  ASSERT_TRUE(test_object.delete_instance(1).ok());
  manager.value_changed(Path(1024, 1));
  poll_at(1000);
  ASSERT_EQ(endpoint.notifications.size(), 1u);
  EXPECT_EQ(endpoint.notifications[0].code, coap::kNotFound);
  EXPECT_FALSE(endpoint.notifications[0].observe.has_value());  // RFC 7641 §3.2
  EXPECT_EQ(manager.table().size(), 0u);
}

// --- Observe-Composite (Core TS §6.4.3) --------------------------------------

TEST_F(ReportingTest, ObserveCompositeNotifiesTheCompositePayload) {
  send(RequestBuilder(Method::kFetch, "/")
           .format(kSenmlJson)
           .payload(R"([{"n":"/1024/1/1"},{"n":"/1024/0/1"}])")
           .observe(0),
       0x55);
  ASSERT_EQ(response.code, coap::kContent);
  ASSERT_TRUE(response.observe.has_value());
  EXPECT_EQ(response.content_format, kSenmlJson);
  EXPECT_EQ(manager.table().size(), 1u);

  set_level(1, 21);
  poll_at(1000);
  ASSERT_EQ(endpoint.notifications.size(), 1u);
  EXPECT_EQ(endpoint.notifications[0].token, token_of(0x55));
  EXPECT_EQ(endpoint.notifications[0].content_format, kSenmlJson);
  EXPECT_EQ(endpoint.notifications[0].observe, 2u);
  uint8_t scratch[128];
  SenmlJsonDecoder decoder(endpoint.notifications[0].payload, Path(), scratch);
  std::vector<Decoded> records = decode_all(decoder);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].path, Path(1024, 0, 1));
  EXPECT_EQ(as_integer(records[0].value), 10);
  EXPECT_EQ(records[1].path, Path(1024, 1, 1));
  EXPECT_EQ(as_integer(records[1].value), 21);

  // A change outside the listed paths does not notify.
  manager.value_changed(Path(1024, 1, 0));
  poll_at(2000);
  EXPECT_EQ(endpoint.notifications.size(), 1u);
}

TEST_F(ReportingTest, MalformedObserveCompositeIsRefused) {
  struct Case {
    const char* payload;
    bool with_format;
    uint8_t code;
  } cases[] = {
      {R"([{"n":"/1024/0/1"})", true, coap::kBadRequest},  // truncated
      {R"([{"n":"/1024/0/1"}])", false, coap::kBadRequest},  // no Content-Format
      {R"([])", true, coap::kBadRequest},  // no path
      {R"([{"n":"/"}])", true, coap::kBadRequest},  // the root
      {R"([{"n":"/1024/0/1/2/3"}])", true, coap::kBadRequest},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.payload);
    RequestBuilder builder(Method::kFetch, "/");
    builder.payload(c.payload).observe(0);
    if (c.with_format) builder.format(kSenmlJson);
    send(builder);
    EXPECT_EQ(response.code, c.code);
    EXPECT_FALSE(response.observe.has_value());
  }
  // More paths than one observation holds.
  std::string many = "[";
  for (int i = 0; i <= static_cast<int>(kMaxObservedPaths); ++i)
    many += std::string(i ? "," : "") + R"({"n":"/1024/0/)" + std::to_string(i) + R"("})";
  many += "]";
  send(RequestBuilder(Method::kFetch, "/").format(kSenmlJson).payload(many).observe(0));
  EXPECT_FALSE(coap::is_success(response.code));
  EXPECT_EQ(manager.table().size(), 0u);
}

// --- Cancel Observation (Core TS §6.4.2, RFC 7641 §3.6) ---------------------

TEST_F(ReportingTest, CancelWithObserveOneAndSameToken) {
  send(RequestBuilder(Method::kGet, "/1024/0/1").observe(0).accept(kText), 9);
  ASSERT_EQ(manager.table().size(), 1u);
  send(RequestBuilder(Method::kGet, "/1024/0/1").observe(1).accept(kText), 9);
  EXPECT_EQ(response.code, coap::kContent);
  EXPECT_FALSE(response.observe.has_value());
  EXPECT_EQ(payload_text(), "10");
  EXPECT_EQ(manager.table().size(), 0u);
  set_level(0, 11);
  poll_at(1000);
  EXPECT_TRUE(endpoint.notifications.empty());
}

TEST_F(ReportingTest, CancelByPathWithANewToken) {
  send(RequestBuilder(Method::kGet, "/1024/0/1").observe(0).accept(kText), 9);
  send(RequestBuilder(Method::kGet, "/1024/1/1").observe(0).accept(kText), 10);
  ASSERT_EQ(manager.table().size(), 2u);
  send(RequestBuilder(Method::kGet, "/1024/0/1").observe(1).accept(kText), 77);
  EXPECT_EQ(response.code, coap::kContent);
  EXPECT_EQ(manager.table().size(), 1u);
  set_level(0, 11);
  set_level(1, 21);
  poll_at(1000);
  ASSERT_EQ(endpoint.notifications.size(), 1u);
  EXPECT_EQ(endpoint.notifications[0].token, token_of(10));
}

TEST_F(ReportingTest, CancelByReset) {
  send(RequestBuilder(Method::kGet, "/1024/0/1").observe(0).accept(kText), 9);
  set_level(0, 11);
  poll_at(1000);
  ASSERT_EQ(endpoint.notifications.size(), 1u);
  manager.on_reset(kConnection, token_of(9));
  EXPECT_EQ(manager.table().size(), 0u);
  set_level(0, 12);
  poll_at(2000);
  EXPECT_EQ(endpoint.notifications.size(), 1u);
  // A RST for an unknown token or another connection changes nothing.
  send(RequestBuilder(Method::kGet, "/1024/0/1").observe(0).accept(kText), 9);
  manager.on_reset(kConnection + 1, token_of(9));
  manager.on_reset(kConnection, token_of(8));
  EXPECT_EQ(manager.table().size(), 1u);
}

TEST_F(ReportingTest, CancelObserveComposite) {
  send(RequestBuilder(Method::kFetch, "/").format(kSenmlJson).payload(R"([{"n":"/1024/0/1"}])").observe(0), 3);
  ASSERT_EQ(manager.table().size(), 1u);
  send(RequestBuilder(Method::kFetch, "/").format(kSenmlJson).payload(R"([{"n":"/1024/0/1"}])").observe(1), 4);
  EXPECT_EQ(response.code, coap::kContent);
  EXPECT_FALSE(response.observe.has_value());
  EXPECT_EQ(manager.table().size(), 0u);
}

TEST_F(ReportingTest, CancelServerDropsObservationsAndHeldNotifications) {
  send(RequestBuilder(Method::kGet, "/1024/0/1").observe(0).accept(kText));
  ASSERT_TRUE(queue_mode.enable(kConnection, 0).ok());
  set_level(0, 11);
  poll_at(kDefaultQueueModeTimeoutMs + 1);
  EXPECT_EQ(manager.queued(kConnection), 1u);
  EXPECT_EQ(manager.cancel_server(kConnection), 1u);
  EXPECT_EQ(manager.queued(kConnection), 0u);
  EXPECT_EQ(manager.table().size(), 0u);
}

TEST_F(ReportingTest, ReObserveKeepsTheSequenceGoingForward) {
  send(RequestBuilder(Method::kGet, "/1024/0/1").observe(0).accept(kText), 9);
  set_level(0, 11);
  poll_at(1000);
  send(RequestBuilder(Method::kGet, "/1024/0/1").observe(0).accept(kText), 9);
  ASSERT_TRUE(response.observe.has_value());
  EXPECT_EQ(*response.observe, 3u);
  EXPECT_EQ(manager.table().size(), 1u);
}

// --- Queue mode (Core TS §6.5 Queue Mode) -----------------------------------

TEST_F(ReportingTest, AsleepServerGetsNotificationsHeldThenFlushedInOrder) {
  ASSERT_TRUE(queue_mode.enable(kConnection, 0).ok());
  send(RequestBuilder(Method::kGet, "/1024/0/1").observe(0).accept(kText), 5);
  // Still awake: notifications go out at once.
  set_level(0, 11);
  poll_at(1000);
  ASSERT_EQ(endpoint.notifications.size(), 1u);
  // The last exchange was at 1000: asleep from 1000 + 93 s.
  EXPECT_EQ(queue_mode.sleeps_at(kConnection), 1000 + kDefaultQueueModeTimeoutMs);
  uint64_t t = 1000 + kDefaultQueueModeTimeoutMs;
  for (int level = 12; level <= 17; ++level) {  // six changes, four slots
    set_level(0, level);
    poll_at(t += 1000);
  }
  EXPECT_EQ(endpoint.notifications.size(), 1u);
  EXPECT_EQ(manager.queued(kConnection), 4u);
  EXPECT_EQ(queue.dropped(), 2u);

  clock.now = t += 1000;
  queue_mode.exchanged(kConnection, t);  // the Update that brings it back
  manager.server_online(kConnection);
  ASSERT_EQ(endpoint.notifications.size(), 5u);
  const char* expected[] = {"14", "15", "16", "17"};  // the oldest two were dropped
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(endpoint.notifications[1 + i].text(), expected[i]);
    EXPECT_EQ(endpoint.notifications[1 + i].token, token_of(5));
    EXPECT_EQ(endpoint.notifications[1 + i].content_format, kText);
    EXPECT_GT(*endpoint.notifications[1 + i].observe, *endpoint.notifications[i].observe);
  }
  EXPECT_EQ(manager.queued(kConnection), 0u);
}

TEST_F(ReportingTest, HeldNotificationsGoFirstWhenTheServerIsAwakeAgain) {
  ASSERT_TRUE(queue_mode.enable(kConnection, 0).ok());
  send(RequestBuilder(Method::kGet, "/1024/0/1").observe(0).accept(kText));
  set_level(0, 11);
  poll_at(kDefaultQueueModeTimeoutMs + 1);
  ASSERT_EQ(manager.queued(kConnection), 1u);
  queue_mode.exchanged(kConnection, kDefaultQueueModeTimeoutMs + 2);
  set_level(0, 12);
  poll_at(kDefaultQueueModeTimeoutMs + 3);
  ASSERT_EQ(endpoint.notifications.size(), 2u);
  EXPECT_EQ(endpoint.notifications[0].text(), "11");
  EXPECT_EQ(endpoint.notifications[1].text(), "12");
}

TEST_F(ReportingTest, FlushStopsWhenTheEndpointRefuses) {
  ASSERT_TRUE(queue_mode.enable(kConnection, 0).ok());
  send(RequestBuilder(Method::kGet, "/1024/0/1").observe(0).accept(kText));
  set_level(0, 11);
  poll_at(kDefaultQueueModeTimeoutMs + 1);
  endpoint.refuse = true;
  manager.server_online(kConnection);
  EXPECT_EQ(manager.queued(kConnection), 1u);
  endpoint.refuse = false;
  manager.server_online(kConnection);
  EXPECT_EQ(manager.queued(kConnection), 0u);
  EXPECT_EQ(endpoint.notifications.size(), 1u);
}

TEST_F(ReportingTest, HeldNotificationOfACancelledObservationIsNotSent) {
  ASSERT_TRUE(queue_mode.enable(kConnection, 0).ok());
  send(RequestBuilder(Method::kGet, "/1024/0/1").observe(0).accept(kText), 5);
  set_level(0, 11);
  poll_at(kDefaultQueueModeTimeoutMs + 1);
  manager.on_reset(kConnection, token_of(5));
  manager.server_online(kConnection);
  EXPECT_TRUE(endpoint.notifications.empty());
  EXPECT_EQ(manager.queued(kConnection), 0u);
}

TEST(QueueModeTest, AwakeUntilTheTimeoutAfterTheLastExchange) {
  FixedQueueMode<1> modes;
  EXPECT_TRUE(modes.awake(3, 1'000'000));  // not in queue mode: always awake
  EXPECT_EQ(modes.sleeps_at(3), kNever);
  ASSERT_TRUE(modes.enable(3, 1000).ok());
  EXPECT_TRUE(modes.enabled(3));
  EXPECT_TRUE(modes.awake(3, 1000 + kDefaultQueueModeTimeoutMs - 1));
  EXPECT_FALSE(modes.awake(3, 1000 + kDefaultQueueModeTimeoutMs));
  modes.exchanged(3, 50'000);
  EXPECT_TRUE(modes.awake(3, 50'000 + kDefaultQueueModeTimeoutMs - 1));
  modes.exchanged(3, 10);  // an older time does not shorten the window
  EXPECT_EQ(modes.sleeps_at(3), 50'000 + kDefaultQueueModeTimeoutMs);
  EXPECT_EQ(modes.enable(4, 0).error(), Error::kCapacityExceeded);
  ASSERT_TRUE(modes.enable(3, 0, 5000).ok());  // re-enabling the same server reuses its entry
  EXPECT_EQ(modes.sleeps_at(3), 5000u);
  modes.disable(3);
  EXPECT_FALSE(modes.enabled(3));
  EXPECT_TRUE(modes.awake(3, kNever - 1));
  ASSERT_TRUE(modes.enable(4, kNever - 10).ok());  // no overflow near the end of the clock
  EXPECT_EQ(modes.sleeps_at(4), kNever);
}

TEST(QueueModeTest, DefaultTimeoutIsCoapMaxTransmitWait) {
  // RFC 7252 §4.8.2: ACK_TIMEOUT 2 s, ACK_RANDOM_FACTOR 1.5, MAX_RETRANSMIT 4.
  EXPECT_EQ(kDefaultQueueModeTimeoutMs, 2000u * ((1u << (4 + 1)) - 1) * 3 / 2);
}

// --- Many observations ---------------------------------------------------------

// An object with one instance whose multiple resource 0 has 1000 instances,
// each reading base + its id.
constexpr ResourceDef kWideResources[] = {
    {0, "Values", Operations::kRead, true, true, DataType::kInteger, {}, ""},
};
constexpr ObjectDef kWideObjectDef{2048, "Wide", {1, 0}, false, false, kWideResources};
constexpr uint16_t kWideCount = 1000;

class WideObject final : public Object {
 public:
  WideObject() : Object(kWideObjectDef) {}
  size_t instance_count() const override { return 1; }
  uint16_t instance_id(size_t) const override { return 0; }
  Status create_instance(uint16_t) override { return Error::kMethodNotAllowed; }
  Status delete_instance(uint16_t) override { return Error::kMethodNotAllowed; }
  bool has_resource(uint16_t instance, uint16_t resource) const override { return instance == 0 && resource == 0; }
  size_t resource_instances(uint16_t, uint16_t, std::span<uint16_t> ids) const override {
    for (size_t i = 0; i < ids.size() && i < kWideCount; ++i) ids[i] = static_cast<uint16_t>(i);
    return kWideCount;
  }
  Status read(const Path& path, Value& out) const override {
    if (path.depth() != Path::kResourceInstance || path.instance() != 0 || path.resource() != 0 ||
        path.resource_instance() >= kWideCount)
      return Error::kNotFound;
    out = Value::of_integer(base + path.resource_instance());
    return kOk;
  }
  Status write(const Path&, const Value&) override { return Error::kMethodNotAllowed; }
  Status clear_resource(uint16_t, uint16_t) override { return Error::kMethodNotAllowed; }
  int64_t base = 0;
};

struct ThousandObservations {
  FixedRegistry<2> registry;
  WideObject wide;
  FixedAttributeStore<4> attributes;
  FakeEndpoint endpoint;
  FakeClock clock;
  FakeConnections connections;
  FixedNotificationQueue<4, 64> queue;
  FixedQueueMode<1> queue_mode;
  FixedObservationManager<kWideCount, 64> manager{
      ObservationPorts{registry, attributes, dispatcher, queue, queue_mode, endpoint, clock, connections}};
  DmDispatcher dispatcher{registry, attributes, &manager};
};

TEST(ManyObservationsTest, AThousandObservationsFillTheTableAndAllNotify) {
  auto fixture = std::make_unique<ThousandObservations>();
  ThousandObservations& f = *fixture;
  ASSERT_TRUE(f.registry.add(f.wide).ok());
  f.connections.map[1] = kConnection;
  RequestContext context{1, Lwm2mVersion::k1_2, ContentFormat::kSenmlCbor, false};
  uint8_t buffer[64];
  coap::Response response;
  auto observe = [&](uint16_t ri, uint32_t token) {
    RequestBuilder builder(Method::kGet, "/2048/0/0/" + std::to_string(ri));
    coap::Request request = builder.observe(0).accept(kText).build();
    request.token = token_of(token);
    f.dispatcher.handle(context, request, buffer, response);
  };
  for (uint16_t i = 0; i < kWideCount; ++i) {
    observe(i, 100u + i);
    ASSERT_EQ(response.code, coap::kContent);
    ASSERT_TRUE(response.observe.has_value()) << i;
  }
  EXPECT_EQ(f.manager.table().size(), kWideCount);
  // The table is full: one more is answered as a plain Read.
  // (Another server: the same server and target would replace its entry.)
  f.connections.map[2] = kConnection + 1;
  RequestContext other = context;
  other.short_server_id = 2;
  RequestBuilder extra(Method::kGet, "/2048/0/0/1");
  coap::Request request = extra.observe(0).accept(kText).build();
  request.token = token_of(1);
  f.dispatcher.handle(other, request, buffer, response);
  EXPECT_EQ(response.code, coap::kContent);
  EXPECT_FALSE(response.observe.has_value());

  f.manager.value_changed(Path(2048, 0, 0, 500));
  f.manager.poll(1);
  EXPECT_TRUE(f.endpoint.notifications.empty());  // signalled, but unchanged
  f.wide.base = 1000;
  f.manager.value_changed(Path(2048));
  f.manager.poll(2);
  ASSERT_EQ(f.endpoint.notifications.size(), kWideCount);
  EXPECT_EQ(f.endpoint.notifications[999].token, token_of(100 + 999));
  EXPECT_EQ(f.endpoint.notifications[999].text(), "1999");
  EXPECT_EQ(f.manager.next_wakeup(), kNever);
}

// --- Send (Core TS §6.4.4) ----------------------------------------------------

class SendTest : public ReportingTest, public SendObserver {
 protected:
  void send_finished(const SendOutcome& outcome) override { outcomes.push_back(outcome); }
  uint8_t send_buffer[256] = {};
  SendClient sender{registry, endpoint, send_buffer};
  std::vector<SendOutcome> outcomes;
};

TEST_F(SendTest, SenmlCborPayloadDecodesToTheRecords) {
  const Path paths[] = {Path(1024, 1, 1), Path(1024, 0, 0)};
  ASSERT_TRUE(sender.send(kConnection, 1, paths, ContentFormat::kSenmlCbor, this).ok());
  ASSERT_EQ(endpoint.requests.size(), 1u);
  const test::SentRequest& r = endpoint.requests[0];
  EXPECT_EQ(r.server, kConnection);
  EXPECT_EQ(r.method, Method::kPost);
  EXPECT_EQ(r.path, std::vector<std::string>{"dp"});
  EXPECT_EQ(r.content_format, 112);
  EXPECT_TRUE(r.confirmable);
  EXPECT_TRUE(sender.busy());
  uint8_t scratch[128];
  SenmlCborDecoder decoder(r.payload, Path(), scratch);
  std::vector<Decoded> records = decode_all(decoder);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].path, Path(1024, 0, 0));
  EXPECT_EQ(records[0].text, "first");
  EXPECT_EQ(records[1].path, Path(1024, 1, 1));
  EXPECT_EQ(as_integer(records[1].value), 20);

  coap::Response changed;
  changed.code = coap::kChanged;
  r.handler->on_response(changed);
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_TRUE(outcomes[0].status.ok());
  EXPECT_EQ(outcomes[0].code, coap::kChanged);
  EXPECT_FALSE(sender.busy());
}

TEST_F(SendTest, Lwm2mCborPayloadOfAnInstance) {
  const Path paths[] = {Path(1024, 0)};
  ASSERT_TRUE(sender.send(kConnection, 1, paths, ContentFormat::kLwm2mCbor, this).ok());
  ASSERT_EQ(endpoint.requests.size(), 1u);
  EXPECT_EQ(endpoint.requests[0].content_format, 11544);
  Lwm2mCborDecoder decoder(endpoint.requests[0].payload, Path());
  std::vector<Decoded> records = decode_all(decoder);
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[0].path, Path(1024, 0, 0));
  EXPECT_EQ(records[1].path, Path(1024, 0, 1));
  EXPECT_EQ(as_integer(records[1].value), 10);
  EXPECT_EQ(records[3].path, Path(1024, 0, 6));
  EXPECT_EQ(records[3].value.type, DataType::kBoolean);
}

TEST_F(SendTest, MuteSendRefusesLocally) {
  ASSERT_TRUE(server.set(0, 23, Value::of_boolean(true)).ok());
  EXPECT_TRUE(sender.muted(1));
  const Path paths[] = {Path(1024, 0, 1)};
  EXPECT_EQ(sender.send(kConnection, 1, paths, ContentFormat::kSenmlCbor, this).error(), Error::kMethodNotAllowed);
  EXPECT_TRUE(endpoint.requests.empty());
  EXPECT_FALSE(sender.busy());
  ASSERT_TRUE(server.set(0, 23, Value::of_boolean(false)).ok());
  EXPECT_TRUE(sender.send(kConnection, 1, paths, ContentFormat::kSenmlCbor, this).ok());
}

TEST_F(SendTest, RefusedRequestsSendNothing) {
  const Path good[] = {Path(1024, 0, 1)};
  EXPECT_EQ(sender.send(kConnection, 1, good, ContentFormat::kTlv).error(), Error::kUnsupportedFormat);
  EXPECT_EQ(sender.send(kConnection, 1, good, ContentFormat::kTextPlain).error(), Error::kUnsupportedFormat);
  EXPECT_EQ(sender.send(kConnection, 1, {}, ContentFormat::kSenmlCbor).error(), Error::kBadRequest);
  const Path root[] = {Path()};
  EXPECT_EQ(sender.send(kConnection, 1, root, ContentFormat::kSenmlCbor).error(), Error::kBadRequest);
  const Path security[] = {Path(0, 0, 3)};
  EXPECT_EQ(sender.send(kConnection, 1, security, ContentFormat::kSenmlCbor).error(), Error::kMethodNotAllowed);
  const Path missing[] = {Path(1024, 7)};
  EXPECT_EQ(sender.send(kConnection, 1, missing, ContentFormat::kSenmlCbor).error(), Error::kNotFound);
  Path too_many[20];
  for (uint16_t i = 0; i < 20; ++i) too_many[i] = Path(1024, 0, 1);
  EXPECT_EQ(sender.send(kConnection, 1, too_many, ContentFormat::kSenmlCbor).error(), Error::kCapacityExceeded);
  endpoint.refuse = true;
  EXPECT_EQ(sender.send(kConnection, 1, good, ContentFormat::kSenmlCbor).error(), Error::kUnreachable);
  EXPECT_FALSE(sender.busy());
  EXPECT_TRUE(endpoint.requests.empty());
}

TEST_F(SendTest, TooMuchDataForTheBufferIsRefused) {
  uint8_t tiny[8];
  SendClient small(registry, endpoint, tiny);
  const Path paths[] = {Path(1024)};
  EXPECT_EQ(small.send(kConnection, 1, paths, ContentFormat::kSenmlJson).error(), Error::kBufferTooSmall);
  EXPECT_TRUE(endpoint.requests.empty());
}

TEST_F(SendTest, OneSendAtATimeAndFailuresReported) {
  const Path paths[] = {Path(1024, 0, 1)};
  ASSERT_TRUE(sender.send(kConnection, 1, paths, ContentFormat::kSenmlJson, this).ok());
  EXPECT_EQ(sender.send(kConnection, 1, paths, ContentFormat::kSenmlJson, this).error(), Error::kCapacityExceeded);
  endpoint.requests[0].handler->on_failure(Error::kTimeout);
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(outcomes[0].status.error(), Error::kTimeout);
  EXPECT_EQ(outcomes[0].code, 0);
  ASSERT_TRUE(sender.send(kConnection, 1, paths, ContentFormat::kSenmlJson, this).ok());
  coap::Response not_found;
  not_found.code = coap::kNotFound;
  endpoint.requests[1].handler->on_response(not_found);
  ASSERT_EQ(outcomes.size(), 2u);
  EXPECT_EQ(outcomes[1].status.error(), Error::kNotFound);
  EXPECT_EQ(outcomes[1].code, coap::kNotFound);
}

}  // namespace
}  // namespace lwm2m
