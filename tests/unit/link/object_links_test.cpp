// Register/Update object lists (Core TS 1.2 §6.2.1, 1.1 §6.2.1, 1.0 §5.3.1)
// and Discover answers (Core TS 1.2 §6.3, Discover) built from a registry of
// real objects, compared byte for byte with the TS examples.
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lwm2m/link/object_links.h"
#include "lwm2m/model/stored_object.h"

using namespace lwm2m;

namespace {

// ---- objects ----------------------------------------------------------------

inline constexpr ResourceDef kOneResource[] = {
    {0, "Value", Operations::kReadWrite, false, false, DataType::kInteger, {}, ""},
};
inline constexpr ObjectDef kSecurityDef{0, "LwM2M Security", {1, 0}, true, true, kOneResource};
inline constexpr ObjectDef kServer10Def{1, "LwM2M Server", {1, 0}, true, true, kOneResource};
inline constexpr ObjectDef kServer11Def{1, "LwM2M Server", {1, 1}, true, true, kOneResource};
inline constexpr ObjectDef kAccessControlDef{2, "Access Control", {1, 0}, true, false, kOneResource};
inline constexpr ObjectDef kConnectivityDef{4, "Connectivity Monitoring", {1, 0}, false, false, kOneResource};
inline constexpr ObjectDef kFirmwareDef{5, "Firmware Update", {1, 0}, false, false, kOneResource};
inline constexpr ObjectDef kLocationDef{6, "Location", {1, 2}, false, false, kOneResource};
inline constexpr ObjectDef kOscoreDef{21, "OSCORE", {1, 0}, true, false, kOneResource};
inline constexpr ObjectDef kBigVersionDef{30001, "Test", {10, 12}, true, false, kOneResource};

// The Device object resources that the TS Discover examples show (1, 2, 3, 4,
// 6, 7, 8, 11, 16) plus an absent one (0). The examples show "</3/0/11>"
// without dim, so Error Code is single here (in the real Device object it
// is multiple); 13 is a mandatory multiple resource kept empty.
inline constexpr ResourceDef kDeviceResources[] = {
    {0, "Manufacturer", Operations::kRead, false, false, DataType::kString, {}, ""},
    {1, "Model Number", Operations::kRead, false, false, DataType::kString, {}, ""},
    {2, "Serial Number", Operations::kRead, false, false, DataType::kString, {}, ""},
    {3, "Firmware Version", Operations::kRead, false, false, DataType::kString, {}, ""},
    {4, "Reboot", Operations::kExecute, false, true, DataType::kNone, {}, ""},
    {6, "Available Power Sources", Operations::kRead, true, false, DataType::kInteger, {}, ""},
    {7, "Power Source Voltage", Operations::kRead, true, false, DataType::kInteger, {}, "mV"},
    {8, "Power Source Current", Operations::kRead, true, false, DataType::kInteger, {}, "mA"},
    {11, "Error Code", Operations::kRead, false, true, DataType::kInteger, {}, ""},
    {16, "Supported Binding and Modes", Operations::kRead, false, true, DataType::kString, {}, ""},
};
inline constexpr ObjectDef kDeviceDef{3, "Device", {1, 0}, false, true, kDeviceResources};
inline constexpr ObjectDef kDevice11Def{3, "Device", {1, 1}, false, true, kDeviceResources};

inline constexpr ResourceDef kListResources[] = {
    {0, "Readings", Operations::kRead, true, false, DataType::kInteger, {}, ""},
    {1, "Mandatory List", Operations::kRead, true, true, DataType::kInteger, {}, ""},
};
inline constexpr ObjectDef kListDef{30002, "Lists", {1, 0}, true, false, kListResources};

class PlainObject final : public StoredObject<8, 8, 8> {
 public:
  explicit PlainObject(const ObjectDef& def, std::initializer_list<uint16_t> instances = {}) : StoredObject(def) {
    for (uint16_t i : instances) EXPECT_TRUE(create_instance(i).ok());
  }
};

// Device instance 0 holding the values the TS Discover examples imply.
class DeviceObject final : public StoredObject<1, 16, 64> {
 public:
  explicit DeviceObject(const ObjectDef& def = kDeviceDef) : StoredObject(def) {
    EXPECT_TRUE(create_instance(0).ok());
    EXPECT_TRUE(set(0, 1, Value::of_string("Lightweight M2M Client")).ok());
    EXPECT_TRUE(set(0, 2, Value::of_string("345000123")).ok());
    EXPECT_TRUE(set(0, 3, Value::of_string("1.0")).ok());
    EXPECT_TRUE(set(0, 6, 0, Value::of_integer(1)).ok());
    EXPECT_TRUE(set(0, 6, 3, Value::of_integer(5)).ok());
    EXPECT_TRUE(set(0, 7, 0, Value::of_integer(3800)).ok());
    EXPECT_TRUE(set(0, 7, 1, Value::of_integer(5000)).ok());
    EXPECT_TRUE(set(0, 8, 1, Value::of_integer(125)).ok());
    EXPECT_TRUE(set(0, 8, 2, Value::of_integer(900)).ok());
    EXPECT_TRUE(set(0, 11, Value::of_integer(0)).ok());
    EXPECT_TRUE(set(0, 16, Value::of_string("U")).ok());
  }
  // Reboot holds no value but exists in every instance.
  bool has_resource(uint16_t instance, uint16_t resource) const override {
    if (resource == 4) return has_instance(instance);
    return StoredObject::has_resource(instance, resource);
  }
};

// A multiple resource with `count` instances.
template <size_t kCount>
class ManyInstancesObject final : public StoredObject<1, kCount, 8> {
 public:
  ManyInstancesObject() : StoredObject<1, kCount, 8>(kListDef) {
    EXPECT_TRUE(this->create_instance(0).ok());
    for (uint16_t ri = 0; ri < kCount; ++ri) EXPECT_TRUE(this->set(0, 0, ri, Value::of_integer(ri)).ok());
  }
};

class AttributeTable final : public AttributeLookup {
 public:
  void attach(const Path& path, const Attributes& attrs) { entries_.emplace_back(path, attrs); }
  const Attributes* find(const Path& path) const override {
    for (const auto& [p, a] : entries_)
      if (p == path) return &a;
    return nullptr;
  }

 private:
  std::vector<std::pair<Path, Attributes>> entries_;
};

// The attributes of the Core TS 1.2 Discover examples: pmin=10 on /3,
// pmax=60 on /3/0, gt=50 and lt=42.2 on /3/0/7, lt=45 on /3/0/7/1.
AttributeTable ts_example_attributes() {
  AttributeTable t;
  Attributes object;
  object.pmin = 10;
  t.attach(Path(3), object);
  Attributes instance;
  instance.pmax = 60;
  t.attach(Path(3, 0), instance);
  Attributes resource;
  resource.gt = 50;
  resource.lt = 42.2;
  t.attach(Path(3, 0, 7), resource);
  Attributes resource_instance;
  resource_instance.lt = 45;
  t.attach(Path(3, 0, 7, 1), resource_instance);
  return t;
}

struct Payload {
  Status status;
  std::string text;
};

Payload object_list(const Registry& registry, const ObjectListOptions& options, size_t size = 512) {
  std::vector<uint8_t> buf(size);
  LinkWriter w(buf);
  Status s = write_object_list(registry, options, w);
  Result<size_t> n = w.finish();
  if (!s.ok()) return {s, {}};
  if (!n.ok()) return {n.status(), {}};
  return {kOk, std::string(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(*n))};
}

Payload discover(const Registry& registry, const Path& target, std::optional<uint8_t> depth,
                 const AttributeLookup* attrs, size_t size = 512) {
  std::vector<uint8_t> buf(size);
  LinkWriter w(buf);
  Status s = write_discover(registry, target, depth, attrs, w);
  Result<size_t> n = w.finish();
  if (!s.ok()) return {s, {}};
  if (!n.ok()) return {n.status(), {}};
  return {kOk, std::string(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(*n))};
}

// The example client of Core TS 1.0 §5.3.1: two Server instances, five
// Access Control instances, Device, Connectivity Monitoring and Firmware
// Update without instances, plus a Security object that is never listed.
struct ExampleClient10 {
  PlainObject security{kSecurityDef, {0, 1}};
  PlainObject server{kServer10Def, {101, 102}};
  PlainObject access{kAccessControlDef, {0, 1, 2, 3, 4}};
  PlainObject device{kDeviceDef, {0}};
  PlainObject connectivity{kConnectivityDef, {0}};
  PlainObject firmware{kFirmwareDef};
  FixedRegistry<8> registry;
  ExampleClient10() {
    for (Object* o : {static_cast<Object*>(&security), static_cast<Object*>(&server), static_cast<Object*>(&access),
                      static_cast<Object*>(&device), static_cast<Object*>(&connectivity),
                      static_cast<Object*>(&firmware)})
      EXPECT_TRUE(registry.add(*o).ok());
  }
};

// A 1.1/1.2 client: Server 1.1, Device 1.0, Firmware Update without
// instances, OSCORE and Security (neither listed from 1.1 on).
struct ExampleClient11 {
  PlainObject security{kSecurityDef, {0, 1}};
  PlainObject server{kServer11Def, {0}};
  PlainObject device{kDeviceDef, {0}};
  PlainObject firmware{kFirmwareDef};
  PlainObject oscore{kOscoreDef, {0}};
  FixedRegistry<8> registry;
  ExampleClient11() {
    // Added out of order: the registry sorts.
    for (Object* o : {static_cast<Object*>(&oscore), static_cast<Object*>(&firmware), static_cast<Object*>(&device),
                      static_cast<Object*>(&server), static_cast<Object*>(&security)})
      EXPECT_TRUE(registry.add(*o).ok());
  }
};

// ---- Register / Update ------------------------------------------------------

TEST(ObjectList, CoreTs10Section531ExampleClient) {
  ExampleClient10 c;
  ObjectListOptions o;
  o.version = Lwm2mVersion::k1_0;
  Payload p = object_list(c.registry, o);
  ASSERT_TRUE(p.status.ok()) << error_name(p.status.error());
  EXPECT_EQ(p.text, "</1/101>,</1/102>,</2/0>,</2/1>,</2/2>,</2/3>,</2/4>,</3/0>,</4/0>,</5>");
}

// Core TS 1.0 §5.3.1: an alternate path is announced with rt="oma.lwm2m"
// on its root link and prefixes every object link.
TEST(ObjectList, CoreTs10AlternatePath) {
  ExampleClient10 c;
  ObjectListOptions o;
  o.version = Lwm2mVersion::k1_0;
  o.alternate_path = "/lwm2m";
  Payload p = object_list(c.registry, o);
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.text,
            "</lwm2m>;rt=\"oma.lwm2m\",</lwm2m/1/101>,</lwm2m/1/102>,</lwm2m/2/0>,</lwm2m/2/1>,</lwm2m/2/2>,"
            "</lwm2m/2/3>,</lwm2m/2/4>,</lwm2m/3/0>,</lwm2m/4/0>,</lwm2m/5>");
}

// Core TS 1.0 §5.3.1: a client preferring JSON says so on the root link
// ("</>;ct=11543"); formats 1.0 does not know are dropped, and only one is sent.
TEST(ObjectList, CoreTs10RootContentFormatDropsNewerFormats) {
  ExampleClient10 c;
  ObjectListOptions o;
  o.version = Lwm2mVersion::k1_0;
  const uint16_t ct[] = {11544, 110, 112, 60, 11543, 11542};
  o.content_formats = ct;
  Payload p = object_list(c.registry, o);
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.text, "</>;ct=11543,</1/101>,</1/102>,</2/0>,</2/1>,</2/2>,</2/3>,</2/4>,</3/0>,</4/0>,</5>");
}

TEST(ObjectList, Version10HasNoVerAndListsObjectsByInstances) {
  ExampleClient11 c;  // Server is 1.1, but a 1.0 server does not know "ver"
  ObjectListOptions o;
  o.version = Lwm2mVersion::k1_0;
  Payload p = object_list(c.registry, o);
  ASSERT_TRUE(p.status.ok());
  // 1.0 has no OSCORE object: 21 is an ordinary object there.
  EXPECT_EQ(p.text, "</1/0>,</3/0>,</5>,</21/0>");
}

// Core TS 1.1 §6.2.1: objects other than version 1.0 carry ver on an object
// link before their instances; Security and OSCORE are not listed.
TEST(ObjectList, CoreTs11ObjectVersionAndHiddenSecurityObjects) {
  ExampleClient11 c;
  ObjectListOptions o;
  o.version = Lwm2mVersion::k1_1;
  Payload p = object_list(c.registry, o);
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.text, "</1>;ver=1.1,</1/0>,</3/0>,</5>");
}

// INTEROP: 1.1 servers refuse a quoted ct list and know no LwM2M CBOR: the
// best format 1.1 knows is announced alone.
TEST(ObjectList, Version11AnnouncesOneFormatItKnows) {
  ExampleClient11 c;
  ObjectListOptions o;
  o.version = Lwm2mVersion::k1_1;
  const uint16_t ct[] = {11544, 110, 112};
  o.content_formats = ct;
  Payload p = object_list(c.registry, o);
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.text, "</>;rt=\"oma.lwm2m\";ct=110,</1>;ver=1.1,</1/0>,</3/0>,</5>");
}

// Core TS 1.2 §6.2.1: several formats as a quoted, space-separated list.
TEST(ObjectList, CoreTs12SeveralContentFormats) {
  ExampleClient11 c;
  ObjectListOptions o;
  o.version = Lwm2mVersion::k1_2;
  const uint16_t ct[] = {11544, 110, 112, 11544, 40, 9999};  // repeats and non-data formats dropped
  o.content_formats = ct;
  Payload p = object_list(c.registry, o);
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.text, "</>;rt=\"oma.lwm2m\";ct=\"11544 110 112\",</1>;ver=1.1,</1/0>,</3/0>,</5>");
}

TEST(ObjectList, Version12SingleFormatIsUnquoted) {
  ExampleClient11 c;
  ObjectListOptions o;
  const uint16_t ct[] = {110};
  o.content_formats = ct;
  Payload p = object_list(c.registry, o);
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.text, "</>;rt=\"oma.lwm2m\";ct=110,</1>;ver=1.1,</1/0>,</3/0>,</5>");
}

TEST(ObjectList, RootLinkOnRequestAndWithAlternatePath) {
  ExampleClient11 c;
  ObjectListOptions o;
  o.root_link = true;
  Payload p = object_list(c.registry, o);
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.text, "</>;rt=\"oma.lwm2m\",</1>;ver=1.1,</1/0>,</3/0>,</5>");

  o.root_link = false;
  o.alternate_path = "/a/b";
  const uint16_t ct[] = {112};
  o.content_formats = ct;
  p = object_list(c.registry, o);
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.text, "</a/b>;rt=\"oma.lwm2m\";ct=112,</a/b/1>;ver=1.1,</a/b/1/0>,</a/b/3/0>,</a/b/5>");
}

TEST(ObjectList, NoFormatLeftMeansNoRootLink) {
  ExampleClient11 c;
  ObjectListOptions o;
  o.version = Lwm2mVersion::k1_1;
  const uint16_t ct[] = {11544};
  o.content_formats = ct;
  Payload p = object_list(c.registry, o);
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.text, "</1>;ver=1.1,</1/0>,</3/0>,</5>");
}

TEST(ObjectList, VersionedObjectWithoutInstancesHasOneLink) {
  PlainObject location{kLocationDef};
  PlainObject big{kBigVersionDef, {3}};
  FixedRegistry<2> registry;
  ASSERT_TRUE(registry.add(location).ok());
  ASSERT_TRUE(registry.add(big).ok());
  ObjectListOptions o;
  Payload p = object_list(registry, o);
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.text, "</6>;ver=1.2,</30001>;ver=10.12,</30001/3>");
}

TEST(ObjectList, EmptyAndSecurityOnlyRegistriesGiveEmptyList) {
  FixedRegistry<2> empty;
  EXPECT_EQ(object_list(empty, {}).text, "");
  PlainObject security{kSecurityDef, {0}};
  PlainObject oscore{kOscoreDef, {0}};
  FixedRegistry<2> secrets;
  ASSERT_TRUE(secrets.add(security).ok());
  ASSERT_TRUE(secrets.add(oscore).ok());
  Payload p = object_list(secrets, {});
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.text, "");
}

TEST(ObjectList, BadAlternatePathIsRefused) {
  ExampleClient11 c;
  for (const char* prefix : {"lwm2m", "/lwm2m/", "/a,b", "/a;b"}) {
    ObjectListOptions o;
    o.alternate_path = prefix;
    EXPECT_EQ(object_list(c.registry, o).status.error(), Error::kInvalidPath) << prefix;
  }
}

TEST(ObjectList, ReportsFullBufferAtEveryLength) {
  ExampleClient11 c;
  ObjectListOptions o;
  const uint16_t ct[] = {11544, 110};
  o.content_formats = ct;
  const std::string expected = "</>;rt=\"oma.lwm2m\";ct=\"11544 110\",</1>;ver=1.1,</1/0>,</3/0>,</5>";
  for (size_t size = 0; size < expected.size(); ++size)
    EXPECT_EQ(object_list(c.registry, o, size).status.error(), Error::kBufferTooSmall) << size;
  Payload p = object_list(c.registry, o, expected.size());
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.text, expected);
}

// ---- Discover ---------------------------------------------------------------

struct DiscoverClient {
  DeviceObject device;
  PlainObject server{kServer10Def, {0, 4}};
  FixedRegistry<4> registry;
  AttributeTable attributes = ts_example_attributes();
  DiscoverClient() {
    EXPECT_TRUE(registry.add(device).ok());
    EXPECT_TRUE(registry.add(server).ok());
    Attributes pmax300;
    pmax300.pmax = 300;
    attributes.attach(Path(1, 4), pmax300);
  }
};

// Core TS 1.2 Discover example: Discover /3 (default depth 2).
TEST(Discover, CoreTs12ObjectExample) {
  DiscoverClient c;
  Payload p = discover(c.registry, Path(3), std::nullopt, &c.attributes);
  ASSERT_TRUE(p.status.ok()) << error_name(p.status.error());
  EXPECT_EQ(p.text,
            "</3>;pmin=10,</3/0>;pmax=60,</3/0/1>,</3/0/2>,</3/0/3>,</3/0/4>,</3/0/6>;dim=2,"
            "</3/0/7>;dim=2;gt=50;lt=42.2,</3/0/8>;dim=2,</3/0/11>,</3/0/16>");
  // depth=2 is the default.
  EXPECT_EQ(discover(c.registry, Path(3), 2, &c.attributes).text, p.text);
}

// Core TS 1.2 Discover example: Discover /1?depth=1.
TEST(Discover, CoreTs12DepthOneExample) {
  DiscoverClient c;
  Payload p = discover(c.registry, Path(1), 1, &c.attributes);
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.text, "</1>,</1/0>,</1/4>;pmax=300");
}

// Core TS 1.2 Discover example: Discover /3/0?depth=3 lists resource
// instances; the target carries the object's pmin it inherits.
TEST(Discover, CoreTs12DepthThreeExample) {
  DiscoverClient c;
  Payload p = discover(c.registry, Path(3, 0), 3, &c.attributes);
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.text,
            "</3/0>;pmin=10;pmax=60,</3/0/1>,</3/0/2>,</3/0/3>,</3/0/4>,</3/0/6>;dim=2,</3/0/6/0>,"
            "</3/0/6/3>,</3/0/7>;dim=2;gt=50;lt=42.2,</3/0/7/0>,</3/0/7/1>;lt=45,</3/0/8>;dim=2,"
            "</3/0/8/1>,</3/0/8/2>,</3/0/11>,</3/0/16>");
  // Depth 2 reaches the same bottom from an instance.
  EXPECT_EQ(discover(c.registry, Path(3, 0), 2, &c.attributes).text, p.text);
}

// Core TS 1.2 Discover examples: Discover /3/0?depth=0 and Discover /3/0/7.
TEST(Discover, CoreTs12DepthZeroAndResourceExamples) {
  DiscoverClient c;
  Payload p = discover(c.registry, Path(3, 0), 0, &c.attributes);
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.text, "</3/0>;pmin=10;pmax=60");

  p = discover(c.registry, Path(3, 0, 7), std::nullopt, &c.attributes);
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.text, "</3/0/7>;dim=2;pmin=10;pmax=60;gt=50;lt=42.2,</3/0/7/0>,</3/0/7/1>;lt=45");
  EXPECT_EQ(discover(c.registry, Path(3, 0, 7), 0, &c.attributes).text, "</3/0/7>;dim=2;pmin=10;pmax=60;gt=50;lt=42.2");
}

// Instance default depth 1: resources without their instances.
TEST(Discover, InstanceDefaultDepthListsResources) {
  DiscoverClient c;
  Payload p = discover(c.registry, Path(3, 0), std::nullopt, &c.attributes);
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.text,
            "</3/0>;pmin=10;pmax=60,</3/0/1>,</3/0/2>,</3/0/3>,</3/0/4>,</3/0/6>;dim=2,"
            "</3/0/7>;dim=2;gt=50;lt=42.2,</3/0/8>;dim=2,</3/0/11>,</3/0/16>");
}

TEST(Discover, ObjectDepthsZeroAndThree) {
  DiscoverClient c;
  EXPECT_EQ(discover(c.registry, Path(3), 0, &c.attributes).text, "</3>;pmin=10");
  EXPECT_EQ(discover(c.registry, Path(3), 3, &c.attributes).text,
            "</3>;pmin=10,</3/0>;pmax=60,</3/0/1>,</3/0/2>,</3/0/3>,</3/0/4>,</3/0/6>;dim=2,</3/0/6/0>,"
            "</3/0/6/3>,</3/0/7>;dim=2;gt=50;lt=42.2,</3/0/7/0>,</3/0/7/1>;lt=45,</3/0/8>;dim=2,"
            "</3/0/8/1>,</3/0/8/2>,</3/0/11>,</3/0/16>");
}

// A resource instance target inherits from all three levels above; the
// closest value wins (lt=45 over the resource's 42.2).
TEST(Discover, ResourceInstanceTargetInheritsClosestAttributes) {
  DiscoverClient c;
  Payload p = discover(c.registry, Path(3, 0, 7, 1), std::nullopt, &c.attributes);
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.text, "</3/0/7/1>;pmin=10;pmax=60;gt=50;lt=45");
  EXPECT_EQ(discover(c.registry, Path(3, 0, 7, 0), 3, &c.attributes).text, "</3/0/7/0>;pmin=10;pmax=60;gt=50;lt=42.2");
}

TEST(Discover, SingleResourceTargetHasNoDim) {
  DiscoverClient c;
  EXPECT_EQ(discover(c.registry, Path(3, 0, 16), std::nullopt, &c.attributes).text, "</3/0/16>;pmin=10;pmax=60");
  EXPECT_EQ(discover(c.registry, Path(3, 0, 4), 3, nullptr).text, "</3/0/4>");
}

TEST(Discover, WithoutAttributeLookup) {
  DiscoverClient c;
  EXPECT_EQ(discover(c.registry, Path(3, 0, 7), std::nullopt, nullptr).text, "</3/0/7>;dim=2,</3/0/7/0>,</3/0/7/1>");
  EXPECT_EQ(discover(c.registry, Path(1), std::nullopt, nullptr).text, "</1>,</1/0>,</1/4>");
}

TEST(Discover, ObjectLinkCarriesVersionBeforeAttributes) {
  DeviceObject device(kDevice11Def);
  FixedRegistry<1> registry;
  ASSERT_TRUE(registry.add(device).ok());
  AttributeTable attrs = ts_example_attributes();
  EXPECT_EQ(discover(registry, Path(3), 1, &attrs).text, "</3>;ver=1.1;pmin=10,</3/0>;pmax=60");
  // Only the object link shows the version.
  EXPECT_EQ(discover(registry, Path(3, 0), 0, &attrs).text, "</3/0>;pmin=10;pmax=60");
}

TEST(Discover, ObjectWithoutInstancesAndEmptyMultipleResource) {
  PlainObject firmware{kFirmwareDef};
  PlainObject lists{kListDef, {2}};
  FixedRegistry<2> registry;
  ASSERT_TRUE(registry.add(firmware).ok());
  ASSERT_TRUE(registry.add(lists).ok());
  EXPECT_EQ(discover(registry, Path(5), std::nullopt, nullptr).text, "</5>");
  // The mandatory list exists with no instances: dim=0; the optional one is absent.
  EXPECT_EQ(discover(registry, Path(30002), 3, nullptr).text, "</30002>,</30002/2>,</30002/2/1>;dim=0");
}

TEST(Discover, Errors) {
  DiscoverClient c;
  struct Case {
    Path target;
    std::optional<uint8_t> depth;
    Error expected;
  };
  const Case cases[] = {
      {Path(3), 4, Error::kBadRequest},
      {Path(3, 0, 7), 255, Error::kBadRequest},
      {Path(99), 4, Error::kBadRequest},         // depth checked first
      {Path(), std::nullopt, Error::kBadRequest},  // root
      {Path(4), std::nullopt, Error::kNotFound},
      {Path(3, 1), std::nullopt, Error::kNotFound},
      {Path(1, 1), 0, Error::kNotFound},
      {Path(3, 0, 0), std::nullopt, Error::kNotFound},   // defined, not present
      {Path(3, 0, 5), std::nullopt, Error::kNotFound},   // not defined
      {Path(3, 0, 1, 0), std::nullopt, Error::kNotFound},  // single resource
      {Path(3, 0, 7, 2), std::nullopt, Error::kNotFound},
      {Path(3, 1, 7, 0), std::nullopt, Error::kNotFound},
  };
  for (const Case& k : cases) {
    std::string where = std::to_string(k.target.depth()) + ":" + std::to_string(k.target.object());
    EXPECT_EQ(discover(c.registry, k.target, k.depth, &c.attributes).status.error(), k.expected) << where;
  }
}

TEST(Discover, TooManyResourceInstancesToList) {
  ManyInstancesObject<kMaxDiscoveredResourceInstances> fits;
  FixedRegistry<1> ok_registry;
  ASSERT_TRUE(ok_registry.add(fits).ok());
  Payload p = discover(ok_registry, Path(30002, 0, 0), std::nullopt, nullptr, 2048);
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.text.rfind("</30002/0/0>;dim=64,</30002/0/0/0>,", 0), 0u);
  EXPECT_NE(p.text.find(",</30002/0/0/63>"), std::string::npos);

  ManyInstancesObject<kMaxDiscoveredResourceInstances + 1> too_many;
  FixedRegistry<1> registry;
  ASSERT_TRUE(registry.add(too_many).ok());
  EXPECT_EQ(discover(registry, Path(30002, 0, 0), std::nullopt, nullptr, 2048).status.error(),
            Error::kCapacityExceeded);
  // dim alone (depth 0) needs no list.
  EXPECT_EQ(discover(registry, Path(30002, 0, 0), 0, nullptr).text, "</30002/0/0>;dim=65");
  // A resource instance target among those seen is found; beyond them the
  // answer is not known.
  EXPECT_EQ(discover(registry, Path(30002, 0, 0, 5), std::nullopt, nullptr).text, "</30002/0/0/5>");
  EXPECT_EQ(discover(registry, Path(30002, 0, 0, 64), std::nullopt, nullptr).status.error(),
            Error::kCapacityExceeded);
}

TEST(Discover, ReportsFullBufferAtEveryLength) {
  DiscoverClient c;
  const std::string expected = discover(c.registry, Path(3, 0), 3, &c.attributes).text;
  ASSERT_FALSE(expected.empty());
  for (size_t size = 0; size < expected.size(); ++size)
    EXPECT_EQ(discover(c.registry, Path(3, 0), 3, &c.attributes, size).status.error(), Error::kBufferTooSmall)
        << size;
  EXPECT_EQ(discover(c.registry, Path(3, 0), 3, &c.attributes, expected.size()).text, expected);
}

}  // namespace
