// The Device Management and Service Enablement interface end to end (Core TS
// 1.2 §6.3): CoAP requests in, data-model operations on real objects, CoAP
// answers out.
#include "lwm2m/engine/dm_dispatcher.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dm_request_builder.h"
#include "lwm2m/senml/senml_cbor_decoder.h"
#include "lwm2m/senml/senml_cbor_encoder.h"
#include "lwm2m/senml/senml_json_decoder.h"
#include "objects/access_control_object.h"
#include "objects/device_object.h"
#include "objects/security_object.h"

namespace lwm2m {
namespace {

using test::RequestBuilder;
using coap::Method;

constexpr uint8_t kBadRequest = coap::kBadRequest;
constexpr uint16_t kText = 0, kLink = 40, kOpaque = 42, kSenmlJson = 110, kSenmlCbor = 112, kTlv = 11542,
                   kLwm2mCbor = 11544;

// A small application object: every kind of resource the dispatcher routes.
constexpr ResourceDef kTestResources[] = {
    {0, "Name", Operations::kReadWrite, false, true, DataType::kString, {}, ""},
    {1, "Level", Operations::kReadWrite, false, false, DataType::kInteger, {true, 0, 100}, ""},
    {2, "Levels", Operations::kReadWrite, true, false, DataType::kInteger, {}, ""},
    {3, "Trigger", Operations::kExecute, false, false, DataType::kNone, {}, ""},
    {4, "Reading", Operations::kRead, false, false, DataType::kFloat, {}, ""},
    {5, "Blob", Operations::kReadWrite, false, false, DataType::kOpaque, {}, ""},
};
constexpr ObjectDef kTestObjectDef{1024, "Test", {1, 0}, true, false, kTestResources};
constexpr uint16_t kTestId = 1024;

class TestObject final : public StoredObject<4, 40, 256> {
 public:
  TestObject() : StoredObject(kTestObjectDef) {}
  Status add(uint16_t instance, std::string_view name, int64_t level) {
    LWM2M_TRY(create_instance(instance));
    LWM2M_TRY(set(instance, 0, Value::of_string(name)));
    LWM2M_TRY(set(instance, 1, Value::of_integer(level)));
    return set(instance, 4, Value::of_float(21.5));
  }
  bool has_resource(uint16_t instance, uint16_t resource) const override {
    return resource == 3 ? has_instance(instance) : StoredObject::has_resource(instance, resource);
  }
  Status execute(uint16_t, uint16_t resource, std::span<const uint8_t> arguments) override {
    if (resource != 3) return Error::kMethodNotAllowed;
    ++executions;
    last_arguments.assign(arguments.begin(), arguments.end());
    return kOk;
  }
  int executions = 0;
  std::string last_arguments;
};

class Reboots final : public objects::DeviceActions {
 public:
  Status reboot() override { ++count; return kOk; }
  int count = 0;
};

class RecordingHook final : public ObservationHook {
 public:
  void start(const RequestContext&, const coap::Request&, const Path& target, std::span<uint8_t>,
             coap::Response& response) override {
    ++starts;
    last = target;
    response.code = coap::kContent;
    response.observe = 7;
  }
  void stop(const RequestContext&, const coap::Request&, const Path& target, std::span<uint8_t>,
            coap::Response& response) override {
    ++stops;
    last = target;
    response.code = coap::kContent;
  }
  int starts = 0;
  int stops = 0;
  Path last;
};

std::vector<uint8_t> bytes(std::initializer_list<int> list) {
  std::vector<uint8_t> v;
  for (int b : list) v.push_back(static_cast<uint8_t>(b));
  return v;
}

class DmDispatcherTest : public ::testing::Test {
 protected:
  DmDispatcherTest() {
    objects::DeviceIdentity identity;
    identity.manufacturer = "Open Mobile Alliance";
    identity.model_number = "Lightweight M2M Client";
    EXPECT_TRUE(device.set_identity(identity).ok());
    objects::SecurityAccount account;
    account.server_uri = "coap://127.0.0.1:5683";
    account.short_server_id = 1;
    EXPECT_TRUE(security.add_account(0, account).ok());
    EXPECT_TRUE(test_object.add(0, "first", 10).ok());
    EXPECT_TRUE(test_object.add(1, "second", 20).ok());
    EXPECT_TRUE(registry.add(security).ok());
    EXPECT_TRUE(registry.add(access).ok());
    EXPECT_TRUE(registry.add(device).ok());
    EXPECT_TRUE(registry.add(test_object).ok());
  }

  const coap::Response& send(RequestBuilder& builder, const RequestContext& with) {
    dispatcher.handle(with, builder.build(), buffer, response);
    // The payload always lies inside the buffer.
    if (!response.payload.empty()) {
      EXPECT_GE(response.payload.data(), buffer);
      EXPECT_LE(response.payload.data() + response.payload.size(), buffer + sizeof(buffer));
    }
    return response;
  }
  const coap::Response& send(RequestBuilder& builder) { return send(builder, context); }
  const coap::Response& send(RequestBuilder&& builder) { return send(builder, context); }
  const coap::Response& send(RequestBuilder&& builder, const RequestContext& c) { return send(builder, c); }

  // The paths of a SenML JSON answer, in order.
  std::vector<Path> answer_paths() const {
    uint8_t scratch[256];
    SenmlJsonDecoder decoder(response.payload, Path(), scratch);
    std::vector<Path> paths;
    DecodedRecord record;
    for (;;) {
      Result<bool> more = decoder.next(record);
      EXPECT_TRUE(more.ok());
      if (!more.ok() || !*more) return paths;
      paths.push_back(record.path);
    }
  }

  std::string text() const { return std::string(response.payload.begin(), response.payload.end()); }

  int64_t level(uint16_t instance) const {
    Value v;
    EXPECT_TRUE(test_object.read(Path(kTestId, instance, 1), v).ok());
    return v.integer;
  }

  Reboots reboots;
  objects::SecurityObject security;
  objects::AccessControlObject access;
  objects::DeviceObject device{nullptr, &reboots};
  TestObject test_object;
  FixedRegistry<8> registry;
  FixedAttributeStore<8> attributes;
  DmDispatcher dispatcher{registry, attributes};
  RequestContext context{1, Lwm2mVersion::k1_2, ContentFormat::kSenmlJson, false};
  uint8_t buffer[1024] = {};
  coap::Response response;
};

// --- Read (§6.3.1 Read: GET, 2.05 Content) --------------------------------

TEST_F(DmDispatcherTest, ReadSingleResourceAsTextPlain) {
  send(RequestBuilder(Method::kGet, "/3/0/0").accept(kText));
  EXPECT_EQ(response.code, coap::kContent);
  EXPECT_EQ(response.content_format, kText);
  EXPECT_EQ(text(), "Open Mobile Alliance");
}

TEST_F(DmDispatcherTest, ReadWithoutAcceptUsesThePreferredFormat) {
  send(RequestBuilder(Method::kGet, "/3/0"));
  EXPECT_EQ(response.code, coap::kContent);
  EXPECT_EQ(response.content_format, kSenmlJson);
  EXPECT_NE(text().find("\"Lightweight M2M Client\""), std::string::npos);
  send(RequestBuilder(Method::kGet, "/1024/1/1"));  // the preferred format can carry one value too
  EXPECT_EQ(response.content_format, kSenmlJson);
  EXPECT_EQ(text(), R"([{"bn":"/1024/1/1","v":20}])");
  RequestContext tlv_preferred = context;
  tlv_preferred.version = Lwm2mVersion::k1_0;
  tlv_preferred.preferred_format = ContentFormat::kSenmlCbor;  // unknown to 1.0: TLV instead
  send(RequestBuilder(Method::kGet, "/3/0"), tlv_preferred);
  EXPECT_EQ(response.content_format, kTlv);
}

TEST_F(DmDispatcherTest, ReadObjectListsEveryInstance) {
  send(RequestBuilder(Method::kGet, "/1024").accept(kSenmlJson));
  EXPECT_EQ(response.code, coap::kContent);
  EXPECT_NE(text().find("first"), std::string::npos);
  EXPECT_NE(text().find("second"), std::string::npos);
}

TEST_F(DmDispatcherTest, ReadInEveryHierarchicalFormat) {
  for (uint16_t format : {kTlv, kSenmlCbor, kLwm2mCbor, uint16_t{11543}}) {
    send(RequestBuilder(Method::kGet, "/1024/0").accept(format));
    EXPECT_EQ(response.code, coap::kContent) << format;
    EXPECT_EQ(response.content_format, format);
    EXPECT_FALSE(response.payload.empty());
  }
}

TEST_F(DmDispatcherTest, LegacyTlvNumberIsAnsweredWithTheSameNumber) {
  RequestContext v10 = context;
  v10.version = Lwm2mVersion::k1_0;
  send(RequestBuilder(Method::kGet, "/3/0").accept(1542), v10);
  EXPECT_EQ(response.code, coap::kContent);
  EXPECT_EQ(response.content_format, 1542);
}

TEST_F(DmDispatcherTest, NotAcceptableFormats406) {
  send(RequestBuilder(Method::kGet, "/3/0").accept(kText));  // several values in text/plain
  EXPECT_EQ(response.code, coap::kNotAcceptable);
  send(RequestBuilder(Method::kGet, "/3/0/0").accept(kOpaque));  // a string as opaque
  EXPECT_EQ(response.code, coap::kNotAcceptable);
  send(RequestBuilder(Method::kGet, "/3/0").accept(9999));
  EXPECT_EQ(response.code, coap::kNotAcceptable);
  RequestContext v11 = context;
  v11.version = Lwm2mVersion::k1_1;  // LwM2M CBOR arrived with 1.2
  send(RequestBuilder(Method::kGet, "/3/0").accept(kLwm2mCbor), v11);
  EXPECT_EQ(response.code, coap::kNotAcceptable);
  EXPECT_TRUE(response.payload.empty());
  EXPECT_FALSE(response.content_format.has_value());
}

TEST_F(DmDispatcherTest, MissingTargetsAre404) {
  for (const char* path : {"/77", "/77/0", "/3/1", "/1024/3", "/1024/0/9", "/1024/0/5", "/1024/0/2/0", "/3/0/0/0"}) {
    send(RequestBuilder(Method::kGet, path));
    EXPECT_EQ(response.code, coap::kNotFound) << path;
  }
}

TEST_F(DmDispatcherTest, MalformedPathsAre400) {
  for (const char* path : {"/3/x", "/3/0/0/0/0", "/65535", "/3/-1", "/3/+0", "/3/00", "/3//0", "/99999"}) {
    send(RequestBuilder(Method::kGet, path));
    EXPECT_EQ(response.code, kBadRequest) << path;
  }
}

TEST_F(DmDispatcherTest, ATrailingSlashIsTolerated) {
  send(RequestBuilder(Method::kGet, "/3/0/0/").accept(kText));
  EXPECT_EQ(response.code, coap::kContent);
}

TEST_F(DmDispatcherTest, ReadOfRootOrExecutableIsMethodNotAllowed) {
  send(RequestBuilder(Method::kGet, "/"));
  EXPECT_EQ(response.code, coap::kMethodNotAllowed);
  send(RequestBuilder(Method::kGet, "/3/0/4").accept(kText));
  EXPECT_EQ(response.code, coap::kMethodNotAllowed);
}

TEST_F(DmDispatcherTest, AnswerTooLargeForTheBufferIsAnInternalError) {
  uint8_t small[8];
  dispatcher.handle(context, RequestBuilder(Method::kGet, "/3/0").build(), small, response);
  EXPECT_EQ(response.code, coap::kInternalServerError);
  EXPECT_TRUE(response.payload.empty());
}

// --- Security and OSCORE objects are never exposed -------------------------

TEST_F(DmDispatcherTest, SecurityObjectAnswersAsIfAbsent) {
  send(RequestBuilder(Method::kGet, "/0/0/0").accept(kText));
  EXPECT_EQ(response.code, coap::kNotFound);
  send(RequestBuilder(Method::kGet, "/0"));
  EXPECT_EQ(response.code, coap::kNotFound);
  send(RequestBuilder(Method::kGet, "/0/0").accept(kLink));
  EXPECT_EQ(response.code, coap::kNotFound);
  send(RequestBuilder(Method::kPut, "/0/0/0").format(kText).payload("coap://evil"));
  EXPECT_EQ(response.code, coap::kNotFound);
  send(RequestBuilder(Method::kPost, "/0").format(kSenmlJson).payload(R"([{"n":"/0/5/0","vs":"x"}])"));
  EXPECT_EQ(response.code, coap::kNotFound);
  send(RequestBuilder(Method::kDelete, "/0/0"));
  EXPECT_EQ(response.code, coap::kNotFound);
  send(RequestBuilder(Method::kPut, "/0/0").query("pmin=1"));
  EXPECT_EQ(response.code, coap::kNotFound);
  send(RequestBuilder(Method::kGet, "/21/0"));
  EXPECT_EQ(response.code, coap::kNotFound);
  EXPECT_TRUE(security.has_instance(0));
}

TEST_F(DmDispatcherTest, SecurityObjectIsLeftOutOfCompositeReadAndRefusedInCompositeWrite) {
  send(RequestBuilder(Method::kFetch, "/").format(kSenmlJson).payload(R"([{"n":"/0/0/0"},{"n":"/3/0/0"}])"));
  EXPECT_EQ(response.code, coap::kContent);
  EXPECT_EQ(text().find("127.0.0.1"), std::string::npos);
  EXPECT_NE(text().find("Open Mobile Alliance"), std::string::npos);
  send(RequestBuilder(Method::kIPatch, "/").format(kSenmlJson).payload(R"([{"n":"/0/0/0","vs":"coap://x"}])"));
  EXPECT_EQ(response.code, coap::kNotFound);
}

// --- Discover (§6.3, Discover: GET Accept 40) ------------------------------

TEST_F(DmDispatcherTest, DiscoverInstanceListsItsResources) {
  send(RequestBuilder(Method::kGet, "/1024/0").accept(kLink));
  EXPECT_EQ(response.code, coap::kContent);
  EXPECT_EQ(response.content_format, kLink);
  EXPECT_EQ(text(), "</1024/0>,</1024/0/0>,</1024/0/1>,</1024/0/3>,</1024/0/4>");
}

TEST_F(DmDispatcherTest, DiscoverDepthQuery) {
  send(RequestBuilder(Method::kGet, "/1024").accept(kLink).query("depth=0"));
  EXPECT_EQ(text(), "</1024>");
  send(RequestBuilder(Method::kGet, "/1024").accept(kLink).query("depth=1"));
  EXPECT_EQ(text(), "</1024>,</1024/0>,</1024/1>");
  for (const char* bad : {"depth=4", "depth=", "depth=x", "depth=01"}) {
    send(RequestBuilder(Method::kGet, "/1024").accept(kLink).query(bad));
    EXPECT_EQ(response.code, kBadRequest) << bad;
  }
  send(RequestBuilder(Method::kGet, "/1024").accept(kLink).query("depth=1").query("depth=2"));
  EXPECT_EQ(response.code, kBadRequest);
}

TEST_F(DmDispatcherTest, DiscoverOfRootIsBadRequest) {
  send(RequestBuilder(Method::kGet, "/").accept(kLink));
  EXPECT_EQ(response.code, kBadRequest);
}

// --- Write-Attributes (§6.3, Write-Attributes: PUT with Uri-Query) ---------

TEST_F(DmDispatcherTest, WriteAttributesShowInDiscoverOfTheSameServerOnly) {
  send(RequestBuilder(Method::kPut, "/1024/0/1").query("pmin=10").query("pmax=60").query("gt=50"));
  EXPECT_EQ(response.code, coap::kChanged);
  send(RequestBuilder(Method::kPut, "/1024/0").query("pmax=120"));
  EXPECT_EQ(response.code, coap::kChanged);
  send(RequestBuilder(Method::kGet, "/1024/0").accept(kLink));
  EXPECT_EQ(text(),
            "</1024/0>;pmax=120,</1024/0/0>,</1024/0/1>;pmin=10;pmax=60;gt=50,</1024/0/3>,</1024/0/4>");
  RequestContext other = context;
  other.short_server_id = 2;
  send(RequestBuilder(Method::kGet, "/1024/0").accept(kLink), other);
  EXPECT_EQ(text(), "</1024/0>,</1024/0/0>,</1024/0/1>,</1024/0/3>,</1024/0/4>");
  // A bare name removes the attribute.
  send(RequestBuilder(Method::kPut, "/1024/0/1").query("gt"));
  EXPECT_EQ(response.code, coap::kChanged);
  ASSERT_NE(attributes.find(1, Path(kTestId, 0, 1)), nullptr);
  EXPECT_FALSE(attributes.find(1, Path(kTestId, 0, 1))->gt.has_value());
}

TEST_F(DmDispatcherTest, WriteAttributesErrors) {
  send(RequestBuilder(Method::kPut, "/1024/0"));  // neither payload nor query
  EXPECT_EQ(response.code, kBadRequest);
  send(RequestBuilder(Method::kPut, "/1024/0").query("gt=5"));  // gt only on resources
  EXPECT_EQ(response.code, kBadRequest);
  send(RequestBuilder(Method::kPut, "/1024/0/1").query("pmin=60").query("pmax=10"));
  EXPECT_EQ(response.code, kBadRequest);
  send(RequestBuilder(Method::kPut, "/1024/0/1").query("pmin=abc"));
  EXPECT_EQ(response.code, kBadRequest);
  send(RequestBuilder(Method::kPut, "/1024/0/1").query("nope=1"));
  EXPECT_EQ(response.code, kBadRequest);
  send(RequestBuilder(Method::kPut, "/1024/0/9").query("pmin=1"));
  EXPECT_EQ(response.code, coap::kNotFound);
  EXPECT_EQ(attributes.size(), 0u);
}

// --- Write (§6.3.3: PUT replace, POST partial update) ----------------------

TEST_F(DmDispatcherTest, WriteReplaceOfInstance) {
  send(RequestBuilder(Method::kPut, "/1024/0")
           .format(kSenmlJson)
           .payload(R"([{"bn":"/1024/0/","n":"0","vs":"renamed"},{"n":"2/0","v":1},{"n":"2/1","v":2}])"));
  EXPECT_EQ(response.code, coap::kChanged);
  send(RequestBuilder(Method::kGet, "/1024/0/0").accept(kText));
  EXPECT_EQ(text(), "renamed");
  // Replace dropped the optional Level the payload left out.
  send(RequestBuilder(Method::kGet, "/1024/0/1").accept(kText));
  EXPECT_EQ(response.code, coap::kNotFound);
  send(RequestBuilder(Method::kGet, "/1024/0/2/1").accept(kText));
  EXPECT_EQ(text(), "2");
}

TEST_F(DmDispatcherTest, WriteSingleResourceInTextPlainAndOpaque) {
  send(RequestBuilder(Method::kPut, "/1024/1/1").format(kText).payload("77"));
  EXPECT_EQ(response.code, coap::kChanged);
  EXPECT_EQ(level(1), 77);
  send(RequestBuilder(Method::kPut, "/1024/1/5").format(kOpaque).payload(bytes({0, 1, 2})));
  EXPECT_EQ(response.code, coap::kChanged);
  send(RequestBuilder(Method::kGet, "/1024/1/5"));
  EXPECT_EQ(response.content_format, kOpaque);
  EXPECT_EQ(response.payload.size(), 3u);
}

TEST_F(DmDispatcherTest, PartialUpdateWithPostKeepsOtherResources) {
  send(RequestBuilder(Method::kPost, "/1024/0").format(kSenmlJson).payload(R"([{"n":"/1024/0/1","v":55}])"));
  EXPECT_EQ(response.code, coap::kChanged);
  EXPECT_EQ(level(0), 55);
  send(RequestBuilder(Method::kGet, "/1024/0/0").accept(kText));
  EXPECT_EQ(text(), "first");
}

TEST_F(DmDispatcherTest, PostWithFormatOnAWritableResourceIsAPartialWrite) {
  send(RequestBuilder(Method::kPost, "/1024/0/1").format(kText).payload("42"));
  EXPECT_EQ(response.code, coap::kChanged);
  EXPECT_EQ(level(0), 42);
}

TEST_F(DmDispatcherTest, WriteIsAtomic) {
  // The second value is out of the resource's range 0..100: nothing changes.
  send(RequestBuilder(Method::kPost, "/1024/0")
           .format(kSenmlJson)
           .payload(R"([{"n":"/1024/0/0","vs":"changed"},{"n":"/1024/0/1","v":500}])"));
  EXPECT_EQ(response.code, kBadRequest);
  EXPECT_EQ(level(0), 10);
  send(RequestBuilder(Method::kGet, "/1024/0/0").accept(kText));
  EXPECT_EQ(text(), "first");
  // A record of the wrong type fails the same way.
  send(RequestBuilder(Method::kPut, "/1024/0")
           .format(kSenmlJson)
           .payload(R"([{"n":"/1024/0/0","vs":"changed"},{"n":"/1024/0/1","vs":"ten"}])"));
  EXPECT_EQ(response.code, kBadRequest);
  EXPECT_EQ(level(0), 10);
}

TEST_F(DmDispatcherTest, WriteErrors) {
  send(RequestBuilder(Method::kPut, "/1024/0/1").payload("5"));  // no Content-Format
  EXPECT_EQ(response.code, kBadRequest);
  send(RequestBuilder(Method::kPut, "/1024/0").format(kText).payload("5"));  // text/plain on an instance
  EXPECT_EQ(response.code, coap::kUnsupportedContentFormat);
  send(RequestBuilder(Method::kPut, "/1024/0/1").format(9999).payload("5"));
  EXPECT_EQ(response.code, coap::kUnsupportedContentFormat);
  send(RequestBuilder(Method::kPut, "/1024/0/1").format(kLink).payload("</1>"));
  EXPECT_EQ(response.code, coap::kUnsupportedContentFormat);
  send(RequestBuilder(Method::kPut, "/3/0/0").format(kText).payload("x"));  // read-only
  EXPECT_EQ(response.code, coap::kMethodNotAllowed);
  send(RequestBuilder(Method::kPut, "/1024").format(kSenmlJson).payload("[]"));  // object level
  EXPECT_EQ(response.code, coap::kMethodNotAllowed);
  send(RequestBuilder(Method::kPut, "/1024/7/1").format(kText).payload("5"));
  EXPECT_EQ(response.code, coap::kNotFound);
  send(RequestBuilder(Method::kPut, "/1024/0").format(kSenmlJson).payload(R"([{"n":"/1024/0/1","v":)"));
  EXPECT_EQ(response.code, kBadRequest);
  EXPECT_EQ(level(0), 10);
}

// --- Execute (§6.3.5: POST on a resource) ----------------------------------

TEST_F(DmDispatcherTest, ExecuteWithArguments) {
  send(RequestBuilder(Method::kPost, "/1024/0/3").payload("0='on',1"));
  EXPECT_EQ(response.code, coap::kChanged);
  EXPECT_EQ(test_object.executions, 1);
  EXPECT_EQ(test_object.last_arguments, "0='on',1");
  send(RequestBuilder(Method::kPost, "/3/0/4"));
  EXPECT_EQ(response.code, coap::kChanged);
  EXPECT_EQ(reboots.count, 1);
}

TEST_F(DmDispatcherTest, ExecuteErrors) {
  send(RequestBuilder(Method::kPost, "/3/0/0"));  // not executable
  EXPECT_EQ(response.code, coap::kMethodNotAllowed);
  send(RequestBuilder(Method::kPost, "/1024/0/3").payload("x=1"));  // bad argument syntax
  EXPECT_EQ(response.code, kBadRequest);
  send(RequestBuilder(Method::kPost, "/1024/5/3"));
  EXPECT_EQ(response.code, coap::kNotFound);
  send(RequestBuilder(Method::kPost, "/1024/0/77"));
  EXPECT_EQ(response.code, coap::kNotFound);
  EXPECT_EQ(test_object.executions, 0);
}

// --- Create (§6.3.6: POST on an object, 2.01 with Location-Path) -----------

TEST_F(DmDispatcherTest, CreateWithTlvObjectInstanceWrapper) {
  // Object Instance TLV id 5 (0x04 0x05) around Resource 0 "ab" (0xC2 0x00 'a' 'b').
  send(RequestBuilder(Method::kPost, "/1024").format(kTlv).payload(bytes({0x04, 0x05, 0xC2, 0x00, 'a', 'b'})));
  EXPECT_EQ(response.code, coap::kCreated);
  ASSERT_EQ(response.location_path.size(), 2u);
  EXPECT_EQ(response.location_path[0], "1024");
  EXPECT_EQ(response.location_path[1], "5");
  EXPECT_TRUE(test_object.has_instance(5));
}

TEST_F(DmDispatcherTest, CreateWithBareTlvTakesTheLowestFreeId) {
  send(RequestBuilder(Method::kPost, "/1024").format(kTlv).payload(bytes({0xC2, 0x00, 'a', 'b'})));
  EXPECT_EQ(response.code, coap::kCreated);
  ASSERT_EQ(response.location_path.size(), 2u);
  EXPECT_EQ(response.location_path[1], "2");
  send(RequestBuilder(Method::kGet, "/1024/2/0").accept(kText));
  EXPECT_EQ(text(), "ab");
}

TEST_F(DmDispatcherTest, CreateWithSenmlTakesTheIdFromTheRecords) {
  send(RequestBuilder(Method::kPost, "/1024")
           .format(kSenmlJson)
           .payload(R"([{"bn":"/1024/3/","n":"0","vs":"made"},{"n":"1","v":3}])"));
  EXPECT_EQ(response.code, coap::kCreated);
  ASSERT_EQ(response.location_path.size(), 2u);
  EXPECT_EQ(response.location_path[1], "3");
  EXPECT_EQ(level(3), 3);
}

TEST_F(DmDispatcherTest, CreateErrors) {
  // Mandatory Name missing: 4.00, and no instance is left behind.
  send(RequestBuilder(Method::kPost, "/1024").format(kSenmlJson).payload(R"([{"n":"/1024/3/1","v":3}])"));
  EXPECT_EQ(response.code, kBadRequest);
  EXPECT_FALSE(test_object.has_instance(3));
  send(RequestBuilder(Method::kPost, "/1024"));  // no payload at all: Name is missing too
  EXPECT_EQ(response.code, kBadRequest);
  EXPECT_EQ(test_object.instance_count(), 2u);
  send(RequestBuilder(Method::kPost, "/1024").format(kSenmlJson).payload(R"([{"n":"/1024/0/0","vs":"dup"}])"));
  EXPECT_EQ(response.code, kBadRequest);  // the id is taken
  send(RequestBuilder(Method::kPost, "/1024").format(kText).payload("x"));
  EXPECT_EQ(response.code, coap::kUnsupportedContentFormat);
  send(RequestBuilder(Method::kPost, "/1024").payload("x"));
  EXPECT_EQ(response.code, kBadRequest);
  send(RequestBuilder(Method::kPost, "/1024").format(kTlv).payload(bytes({0x04, 0x05, 0xC2})));
  EXPECT_EQ(response.code, kBadRequest);
  send(RequestBuilder(Method::kPost, "/"));
  EXPECT_EQ(response.code, coap::kMethodNotAllowed);
  EXPECT_EQ(test_object.instance_count(), 2u);
}

// --- Delete (§6.3.8) --------------------------------------------------------

TEST_F(DmDispatcherTest, DeleteInstanceAndItsAttributes) {
  send(RequestBuilder(Method::kPut, "/1024/1/1").query("pmin=5"));
  ASSERT_EQ(attributes.size(), 1u);
  send(RequestBuilder(Method::kDelete, "/1024/1"));
  EXPECT_EQ(response.code, coap::kDeleted);
  EXPECT_FALSE(test_object.has_instance(1));
  EXPECT_EQ(attributes.size(), 0u);
  send(RequestBuilder(Method::kGet, "/1024/1"));
  EXPECT_EQ(response.code, coap::kNotFound);
  send(RequestBuilder(Method::kDelete, "/1024/1"));
  EXPECT_EQ(response.code, coap::kNotFound);
}

TEST_F(DmDispatcherTest, DeleteElsewhereIsMethodNotAllowed) {
  for (const char* path : {"/", "/1024", "/1024/0/1", "/1024/0/2/0", "/3/0"}) {
    send(RequestBuilder(Method::kDelete, path));
    EXPECT_EQ(response.code, coap::kMethodNotAllowed) << path;
  }
  EXPECT_TRUE(device.has_instance(0));
  EXPECT_TRUE(test_object.has_instance(0));
}

TEST_F(DmDispatcherTest, PatchIsNotAnLwm2mOperation) {
  send(RequestBuilder(Method::kPatch, "/1024/0").format(kSenmlJson).payload("[]"));
  EXPECT_EQ(response.code, coap::kMethodNotAllowed);
}

// --- Read-Composite (§6.3.4: FETCH) and Write-Composite (§6.3.7: iPATCH) ---

TEST_F(DmDispatcherTest, ReadCompositeInSenmlJson) {
  send(RequestBuilder(Method::kFetch, "/")
           .format(kSenmlJson)
           .payload(R"([{"n":"/1024/1/1"},{"n":"/3/0/0"},{"n":"/1024/0/1"},{"n":"/1024/0"}])"));
  EXPECT_EQ(response.code, coap::kContent);
  EXPECT_EQ(response.content_format, kSenmlJson);
  // Document order; /1024/0/1 is inside /1024/0 and is given once.
  EXPECT_EQ(answer_paths(),
            (std::vector<Path>{Path(3, 0, 0), Path(kTestId, 0, 0), Path(kTestId, 0, 1), Path(kTestId, 0, 4),
                               Path(kTestId, 1, 1)}));
}

TEST_F(DmDispatcherTest, ReadCompositeInSenmlCborBothWays) {
  uint8_t request[128];
  SenmlCborEncoder names(request);
  ASSERT_TRUE(names.begin(Path()).ok());
  Record r;
  r.path = Path(kTestId, 0, 1);
  ASSERT_TRUE(names.add(r).ok());
  r.path = Path(kTestId, 1, 0);
  ASSERT_TRUE(names.add(r).ok());
  Result<size_t> n = names.finish();
  ASSERT_TRUE(n.ok());
  send(RequestBuilder(Method::kFetch, "/").format(kSenmlCbor).payload(std::vector<uint8_t>(request, request + *n)));
  ASSERT_EQ(response.code, coap::kContent);
  EXPECT_EQ(response.content_format, kSenmlCbor);
  uint8_t scratch[64];
  SenmlCborDecoder answer(response.payload, Path(), scratch);
  DecodedRecord record;
  std::vector<Path> paths;
  for (;;) {
    Result<bool> more = answer.next(record);
    ASSERT_TRUE(more.ok());
    if (!*more) break;
    paths.push_back(record.path);
  }
  ASSERT_EQ(paths.size(), 2u);
  EXPECT_EQ(paths[0], Path(kTestId, 0, 1));
  EXPECT_EQ(paths[1], Path(kTestId, 1, 0));
}

TEST_F(DmDispatcherTest, ReadCompositeAcceptAndErrors) {
  auto fetch = [&](std::optional<uint16_t> format, std::optional<uint16_t> accept) {
    RequestBuilder b(Method::kFetch, "/");
    b.payload(R"([{"n":"/1024/0/1"}])");
    if (format) b.format(*format);
    if (accept) b.accept(*accept);
    return send(b).code;
  };
  EXPECT_EQ(fetch(kSenmlJson, kSenmlCbor), coap::kContent);
  EXPECT_EQ(response.content_format, kSenmlCbor);
  EXPECT_EQ(fetch(kSenmlJson, kTlv), coap::kNotAcceptable);
  EXPECT_EQ(fetch(kTlv, std::nullopt), coap::kUnsupportedContentFormat);
  EXPECT_EQ(fetch(std::nullopt, std::nullopt), kBadRequest);
  send(RequestBuilder(Method::kFetch, "/").format(kSenmlJson).payload(R"([{"n":"/1024/0/1"})"));
  EXPECT_EQ(response.code, kBadRequest);
  // Paths that do not exist are left out.
  send(RequestBuilder(Method::kFetch, "/").format(kSenmlJson).payload(R"([{"n":"/1024/9/1"},{"n":"/1024/0/1"}])"));
  EXPECT_EQ(response.code, coap::kContent);
  EXPECT_NE(text().find("10"), std::string::npos);
}

TEST_F(DmDispatcherTest, ReadCompositeWithTooManyPathsIsRefused) {
  std::string names = "[";
  for (int i = 0; i <= static_cast<int>(DmDispatcher::kMaxCompositePaths); ++i)
    names += std::string(i ? "," : "") + "{\"n\":\"/1024/0/2/" + std::to_string(i) + "\"}";
  names += "]";
  send(RequestBuilder(Method::kFetch, "/").format(kSenmlJson).payload(names));
  EXPECT_EQ(response.code, coap::kRequestEntityTooLarge);
}

TEST_F(DmDispatcherTest, WriteCompositeInSenmlJson) {
  send(RequestBuilder(Method::kIPatch, "/")
           .format(kSenmlJson)
           .payload(R"([{"n":"/1024/0/1","v":1},{"n":"/1024/1/1","v":2}])"));
  EXPECT_EQ(response.code, coap::kChanged);
  EXPECT_EQ(level(0), 1);
  EXPECT_EQ(level(1), 2);
}

TEST_F(DmDispatcherTest, WriteCompositeInSenmlCbor) {
  uint8_t request[128];
  SenmlCborEncoder values(request);
  ASSERT_TRUE(values.begin(Path()).ok());
  Record r;
  r.path = Path(kTestId, 0, 1);
  r.value = Value::of_integer(61);
  ASSERT_TRUE(values.add(r).ok());
  r.path = Path(kTestId, 1, 0);
  r.value = Value::of_string("cbor");
  ASSERT_TRUE(values.add(r).ok());
  Result<size_t> n = values.finish();
  ASSERT_TRUE(n.ok());
  send(RequestBuilder(Method::kIPatch, "/").format(kSenmlCbor).payload(std::vector<uint8_t>(request, request + *n)));
  EXPECT_EQ(response.code, coap::kChanged);
  EXPECT_EQ(level(0), 61);
  send(RequestBuilder(Method::kGet, "/1024/1/0").accept(kText));
  EXPECT_EQ(text(), "cbor");
}

TEST_F(DmDispatcherTest, WriteCompositeIsAtomic) {
  send(RequestBuilder(Method::kIPatch, "/")
           .format(kSenmlJson)
           .payload(R"([{"n":"/1024/0/1","v":1},{"n":"/1024/1/1","v":101}])"));
  EXPECT_EQ(response.code, kBadRequest);
  EXPECT_EQ(level(0), 10);
  send(RequestBuilder(Method::kIPatch, "/")
           .format(kSenmlJson)
           .payload(R"([{"n":"/1024/0/1","v":1},{"n":"/3/0/0","vs":"read-only"}])"));
  EXPECT_EQ(response.code, coap::kMethodNotAllowed);
  EXPECT_EQ(level(0), 10);
  send(RequestBuilder(Method::kIPatch, "/").format(kTlv).payload(bytes({0xC1, 0x01, 0x05})));
  EXPECT_EQ(response.code, coap::kUnsupportedContentFormat);
}

// --- Observe goes to the observation hook ----------------------------------

TEST_F(DmDispatcherTest, ObserveIsHandedToTheHook) {
  RecordingHook hook;
  DmDispatcher observing(registry, attributes, &hook);
  observing.handle(context, RequestBuilder(Method::kGet, "/3/0/0").observe(0).build(), buffer, response);
  EXPECT_EQ(hook.starts, 1);
  EXPECT_EQ(hook.last, Path(3, 0, 0));
  EXPECT_EQ(response.observe, 7u);
  observing.handle(context, RequestBuilder(Method::kGet, "/3/0/0").observe(1).build(), buffer, response);
  EXPECT_EQ(hook.stops, 1);
  // A target that is not there, or hidden, never reaches the hook.
  observing.handle(context, RequestBuilder(Method::kGet, "/3/0/77").observe(0).build(), buffer, response);
  EXPECT_EQ(response.code, coap::kNotFound);
  observing.handle(context, RequestBuilder(Method::kGet, "/0/0").observe(0).build(), buffer, response);
  EXPECT_EQ(response.code, coap::kNotFound);
  EXPECT_EQ(hook.starts, 1);
}

TEST_F(DmDispatcherTest, ObserveCompositeIsHandedToTheHook) {
  RecordingHook hook;
  DmDispatcher observing(registry, attributes, &hook);
  observing.handle(context,
                   RequestBuilder(Method::kFetch, "/").format(kSenmlJson).payload(R"([{"n":"/3/0/0"}])").observe(0).build(),
                   buffer, response);
  EXPECT_EQ(hook.starts, 1);
  EXPECT_EQ(hook.last, Path());
}

TEST_F(DmDispatcherTest, ObserveWithoutHookIsAPlainRead) {
  send(RequestBuilder(Method::kGet, "/3/0/0").observe(0).accept(kText));
  EXPECT_EQ(response.code, coap::kContent);
  EXPECT_FALSE(response.observe.has_value());
  EXPECT_EQ(text(), "Open Mobile Alliance");
}

// --- Access control with several servers (Core TS §7.3) --------------------

class DmAccessControlTest : public DmDispatcherTest {
 protected:
  DmAccessControlTest() {
    context.access_control = true;
    // /1024/0 owned by server 1; server 2 may read it.
    EXPECT_TRUE(access.add_control(0, kTestId, 0, 1).ok());
    EXPECT_TRUE(access.set_acl(0, 2, objects::kAclRead).ok());
    // /1024/1 owned by server 1, no rights for others. /3/0: everyone reads (default entry).
    EXPECT_TRUE(access.add_control(1, kTestId, 1, 1).ok());
    EXPECT_TRUE(access.add_control(2, 3, 0, 1).ok());
    EXPECT_TRUE(access.set_acl(2, 0, objects::kAclRead).ok());
    // Creating /1024 instances: server 2 only (object-level instance 65535, owner bootstrap).
    EXPECT_TRUE(access.add_control(3, kTestId, kReservedId, kReservedId).ok());
    EXPECT_TRUE(access.set_acl(3, 2, objects::kAclCreate).ok());
    server2 = context;
    server2.short_server_id = 2;
  }
  RequestContext server2;
};

TEST_F(DmAccessControlTest, OwnerHasFullRights) {
  send(RequestBuilder(Method::kPut, "/1024/0/1").format(kText).payload("3"));
  EXPECT_EQ(response.code, coap::kChanged);
  send(RequestBuilder(Method::kPost, "/1024/1/3"));
  EXPECT_EQ(response.code, coap::kChanged);
}

TEST_F(DmAccessControlTest, OtherServersGetTheirAclEntry) {
  send(RequestBuilder(Method::kGet, "/1024/0/1").accept(kText), server2);
  EXPECT_EQ(response.code, coap::kContent);
  send(RequestBuilder(Method::kPut, "/1024/0/1").format(kText).payload("3"), server2);
  EXPECT_EQ(response.code, coap::kUnauthorized);
  EXPECT_EQ(level(0), 10);
  send(RequestBuilder(Method::kGet, "/1024/1/1").accept(kText), server2);
  EXPECT_EQ(response.code, coap::kUnauthorized);
  send(RequestBuilder(Method::kDelete, "/1024/0"), server2);
  EXPECT_EQ(response.code, coap::kUnauthorized);
  send(RequestBuilder(Method::kPost, "/1024/0/3"), server2);
  EXPECT_EQ(response.code, coap::kUnauthorized);
  EXPECT_EQ(test_object.executions, 0);
  send(RequestBuilder(Method::kGet, "/3/0/0").accept(kText), server2);  // default entry 0
  EXPECT_EQ(response.code, coap::kContent);
}

TEST_F(DmAccessControlTest, ObjectReadListsOnlyReadableInstances) {
  send(RequestBuilder(Method::kGet, "/1024").accept(kSenmlJson), server2);
  EXPECT_EQ(response.code, coap::kContent);
  EXPECT_NE(text().find("first"), std::string::npos);
  EXPECT_EQ(text().find("second"), std::string::npos);
}

TEST_F(DmAccessControlTest, CreateNeedsTheCreateRight) {
  const char* payload = R"([{"n":"/1024/2/0","vs":"new"}])";
  send(RequestBuilder(Method::kPost, "/1024").format(kSenmlJson).payload(payload));
  EXPECT_EQ(response.code, coap::kUnauthorized);
  send(RequestBuilder(Method::kPost, "/1024").format(kSenmlJson).payload(payload), server2);
  EXPECT_EQ(response.code, coap::kCreated);
}

TEST_F(DmAccessControlTest, CompositeOperationsRespectRights) {
  send(RequestBuilder(Method::kFetch, "/").format(kSenmlJson).payload(R"([{"n":"/1024/0/0"},{"n":"/1024/1/0"}])"),
       server2);
  EXPECT_EQ(response.code, coap::kContent);
  EXPECT_NE(text().find("first"), std::string::npos);
  EXPECT_EQ(text().find("second"), std::string::npos);
  send(RequestBuilder(Method::kIPatch, "/").format(kSenmlJson).payload(R"([{"n":"/1024/0/1","v":1}])"), server2);
  EXPECT_EQ(response.code, coap::kUnauthorized);
  EXPECT_EQ(level(0), 10);
}

TEST_F(DmAccessControlTest, DiscoverAndWriteAttributesNeedTheReadRight) {
  send(RequestBuilder(Method::kGet, "/1024/1").accept(kLink), server2);
  EXPECT_EQ(response.code, coap::kUnauthorized);
  send(RequestBuilder(Method::kPut, "/1024/1/1").query("pmin=5"), server2);
  EXPECT_EQ(response.code, coap::kUnauthorized);
  send(RequestBuilder(Method::kPut, "/1024/0/1").query("pmin=5"), server2);
  EXPECT_EQ(response.code, coap::kChanged);
  EXPECT_NE(attributes.find(2, Path(kTestId, 0, 1)), nullptr);
}

TEST_F(DmAccessControlTest, WithOneServerNoAclApplies) {
  RequestContext single = server2;
  single.access_control = false;
  send(RequestBuilder(Method::kPut, "/1024/1/1").format(kText).payload("3"), single);
  EXPECT_EQ(response.code, coap::kChanged);
}

}  // namespace
}  // namespace lwm2m
