// Every data type through every record format, end to end through the data
// model: read an instance in format F (Core TS 1.2 §6.3.1), decode the
// payload and write it into a fresh object (§6.3.3), and compare. Also the
// single-value formats text/plain (§7.4.1) and opaque (§7.4.2).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "lwm2m/formats/codecs.h"
#include "lwm2m/model/operations.h"
#include "lwm2m/model/stored_object.h"

using namespace lwm2m;

namespace {

constexpr ResourceDef kAllTypes[] = {
    {0, "String", Operations::kReadWrite, false, false, DataType::kString, {}, ""},
    {1, "Integer", Operations::kReadWrite, false, false, DataType::kInteger, {}, ""},
    {2, "Unsigned", Operations::kReadWrite, false, false, DataType::kUnsignedInteger, {}, ""},
    {3, "Float", Operations::kReadWrite, false, false, DataType::kFloat, {}, ""},
    {4, "Boolean", Operations::kReadWrite, false, false, DataType::kBoolean, {}, ""},
    {5, "Opaque", Operations::kReadWrite, false, false, DataType::kOpaque, {}, ""},
    {6, "Time", Operations::kReadWrite, false, false, DataType::kTime, {}, ""},
    {7, "Objlnk", Operations::kReadWrite, false, false, DataType::kObjlnk, {}, ""},
    {8, "Corelnk", Operations::kReadWrite, false, false, DataType::kCorelnk, {}, ""},
    {9, "Multiple", Operations::kReadWrite, true, false, DataType::kInteger, {}, ""},
};
constexpr ObjectDef kAllTypesObject{32000, "AllTypes", {1, 0}, true, false, kAllTypes};

class AllTypesObject final : public StoredObject<2, 24, 256> {
 public:
  AllTypesObject() : StoredObject(kAllTypesObject) {}
};

const uint8_t kBlob[] = {0x00, 0xFF, 0x10, 0x80, 0x7F};

void fill(AllTypesObject& o, int variant) {
  ASSERT_TRUE(o.create_instance(0).ok());
  if (variant == 0) {
    ASSERT_TRUE(o.set(0, 0, Value::of_string("Open Mobile Alliance \xC3\xA9\"\\/")).ok());
    ASSERT_TRUE(o.set(0, 1, Value::of_integer(-123456789012LL)).ok());
    ASSERT_TRUE(o.set(0, 2, Value::of_unsigned(UINT64_MAX)).ok());
    ASSERT_TRUE(o.set(0, 3, Value::of_float(-22.5)).ok());
    ASSERT_TRUE(o.set(0, 4, Value::of_boolean(true)).ok());
    ASSERT_TRUE(o.set(0, 5, Value::of_opaque(kBlob)).ok());
    ASSERT_TRUE(o.set(0, 6, Value::of_time(1700000000)).ok());
    ASSERT_TRUE(o.set(0, 7, Value::of_objlnk(3, 0)).ok());
    ASSERT_TRUE(o.set(0, 8, Value::of_corelnk("</3/0>;ct=0")).ok());
    ASSERT_TRUE(o.set(0, 9, 0, Value::of_integer(1)).ok());
    ASSERT_TRUE(o.set(0, 9, 7, Value::of_integer(-70000)).ok());
  } else {  // edge values
    ASSERT_TRUE(o.set(0, 0, Value::of_string("")).ok());
    ASSERT_TRUE(o.set(0, 1, Value::of_integer(INT64_MIN)).ok());
    ASSERT_TRUE(o.set(0, 2, Value::of_unsigned(0)).ok());
    ASSERT_TRUE(o.set(0, 3, Value::of_float(0.1)).ok());
    ASSERT_TRUE(o.set(0, 4, Value::of_boolean(false)).ok());
    ASSERT_TRUE(o.set(0, 6, Value::of_time(-1)).ok());
    ASSERT_TRUE(o.set(0, 7, Value::of_objlnk(65535, 65535)).ok());
    ASSERT_TRUE(o.set(0, 9, 65534, Value::of_integer(INT64_MAX)).ok());
  }
}

struct Payload {
  std::vector<uint8_t> bytes;
  Status status;
};

Payload encode(ContentFormat f, const Registry& registry, const Path& path) {
  Payload p;
  p.bytes.resize(2048);
  AnyEncoder any;
  Result<RecordEncoder*> enc = any.open(f, p.bytes);
  if (!enc.ok()) return {{}, enc.status()};
  p.status = read(registry, path, **enc);
  if (!p.status.ok()) return p;
  Result<size_t> n = (*enc)->finish();
  p.status = n.status();
  p.bytes.resize(n.ok() ? *n : 0);
  return p;
}

void expect_same(const Object& a, const Object& b, uint16_t resource, uint16_t ri = StoredEntry::kSingle) {
  Path p = ri == StoredEntry::kSingle ? Path(a.id(), 0, resource) : Path(a.id(), 0, resource, ri);
  Value va, vb;
  ASSERT_EQ(a.read(p, va).ok(), b.read(p, vb).ok()) << "resource " << resource;
  EXPECT_EQ(va, vb) << "resource " << resource;
}

class EveryRecordFormat : public ::testing::TestWithParam<std::tuple<ContentFormat, int>> {};

TEST_P(EveryRecordFormat, InstanceRoundTripsThroughTheModel) {
  auto [format, variant] = GetParam();
  AllTypesObject source, target;
  FixedRegistry<1> from, to;
  ASSERT_TRUE(from.add(source).ok());
  ASSERT_TRUE(to.add(target).ok());
  fill(source, variant);
  ASSERT_TRUE(target.create_instance(0).ok());

  Payload p = encode(format, from, Path(32000, 0));
  ASSERT_TRUE(p.status.ok()) << error_name(p.status.error());
  uint8_t scratch[512], convert_scratch[128];
  AnyDecoder any;
  Result<RecordDecoder*> dec = any.open(format, p.bytes, Path(32000, 0), scratch);
  ASSERT_TRUE(dec.ok());
  Status written = write(to, Path(32000, 0), WriteMode::kReplace, **dec, convert_scratch);
  ASSERT_TRUE(written.ok()) << error_name(written.error()) << " decoding "
                            << std::string(p.bytes.begin(), p.bytes.end());
  for (uint16_t r = 0; r <= 8; ++r) expect_same(source, target, r);
  for (uint16_t ri : {uint16_t{0}, uint16_t{7}, uint16_t{65534}}) expect_same(source, target, 9, ri);
}

INSTANTIATE_TEST_SUITE_P(
    Formats, EveryRecordFormat,
    ::testing::Combine(::testing::Values(ContentFormat::kTlv, ContentFormat::kSenmlJson, ContentFormat::kSenmlCbor,
                                         ContentFormat::kLwm2mCbor, ContentFormat::kOmaJson),
                       ::testing::Values(0, 1)));

TEST(SingleValueFormats, EveryTypeAsTextPlainAndOpaque) {
  AllTypesObject source, target;
  FixedRegistry<1> from, to;
  ASSERT_TRUE(from.add(source).ok());
  ASSERT_TRUE(to.add(target).ok());
  fill(source, 0);
  ASSERT_TRUE(target.create_instance(0).ok());
  for (uint16_t r = 0; r <= 8; ++r) {
    ContentFormat f = r == 5 ? ContentFormat::kOpaque : ContentFormat::kTextPlain;
    Payload p = encode(f, from, Path(32000, 0, r));
    ASSERT_TRUE(p.status.ok()) << r;
    uint8_t scratch[64], convert_scratch[64];
    AnyDecoder any;
    Result<RecordDecoder*> dec = any.open(f, p.bytes, Path(32000, 0, r), scratch);
    ASSERT_TRUE(dec.ok());
    ASSERT_TRUE(write(to, Path(32000, 0, r), WriteMode::kReplace, **dec, convert_scratch).ok()) << r;
    expect_same(source, target, r);
  }
  // Opaque as text/plain is base64 (Core TS 1.2 §7.4.1).
  Payload b64 = encode(ContentFormat::kTextPlain, from, Path(32000, 0, 5));
  ASSERT_TRUE(b64.status.ok());
  EXPECT_EQ(std::string(b64.bytes.begin(), b64.bytes.end()), "AP8QgH8=");
}

TEST(SingleValueFormats, TextAndOpaqueRefuseWhatTheyCannotCarry) {
  AllTypesObject source;
  FixedRegistry<1> from;
  ASSERT_TRUE(from.add(source).ok());
  fill(source, 0);
  EXPECT_FALSE(encode(ContentFormat::kTextPlain, from, Path(32000, 0)).status.ok());
  EXPECT_FALSE(encode(ContentFormat::kOpaque, from, Path(32000, 0, 0)).status.ok());
  AnyEncoder any;
  uint8_t out[8];
  EXPECT_EQ(any.open(ContentFormat::kLinkFormat, out).error(), Error::kUnsupportedFormat);
}

TEST(Decoders, MalformedPayloadsChangeNothing) {
  AllTypesObject target;
  FixedRegistry<1> to;
  ASSERT_TRUE(to.add(target).ok());
  ASSERT_TRUE(target.create_instance(0).ok());
  ASSERT_TRUE(target.set(0, 1, Value::of_integer(5)).ok());
  auto text = [](const char* s) { return std::vector<uint8_t>(s, s + std::char_traits<char>::length(s)); };
  std::vector<uint8_t> senml_cbor = {0x81, 0xA3, 0x21, 0x69};  // [{bn: "/32000/0/", n: "1", v: <missing>
  for (char c : std::string("/32000/0/")) senml_cbor.push_back(static_cast<uint8_t>(c));
  for (uint8_t b : {uint8_t{0x00}, uint8_t{0x61}, uint8_t{0x31}, uint8_t{0x02}}) senml_cbor.push_back(b);
  // Each starts with a valid new value (6) and then breaks.
  const std::vector<std::pair<ContentFormat, std::vector<uint8_t>>> bad = {
      {ContentFormat::kTlv, {0xC1, 0x01, 0x06, 0xC1}},  // second TLV truncated
      {ContentFormat::kSenmlJson, text("[{\"bn\":\"/32000/0/\",\"n\":\"1\",\"v\":6}")},  // no closing ]
      {ContentFormat::kSenmlCbor, senml_cbor},
      {ContentFormat::kLwm2mCbor, {0xBF, 0x01, 0x06}},  // indefinite map without its break
      {ContentFormat::kOmaJson, text("{\"bn\":\"/32000/0/\",\"e\":[{\"n\":\"1\",\"v\":6}")},
  };
  for (const auto& [format, bytes] : bad) {
    uint8_t scratch[64], convert_scratch[64];
    AnyDecoder any;
    Result<RecordDecoder*> dec = any.open(format, bytes, Path(32000, 0), scratch);
    ASSERT_TRUE(dec.ok());
    EXPECT_FALSE(write(to, Path(32000, 0), WriteMode::kPartialUpdate, **dec, convert_scratch).ok())
        << static_cast<int>(format);
    Value v;
    ASSERT_TRUE(target.read(Path(32000, 0, 1), v).ok());
    EXPECT_EQ(v, Value::of_integer(5));
  }
}

}  // namespace
