// SenML CBOR (content format 112): RFC 8428 §6 labels and example, the Core TS
// §7.4.4 /3/0 read in the §7.4.5 CBOR encoding, round trips of every LwM2M
// data type, base time, indefinite lengths and malformed packs.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "lwm2m/senml/senml_cbor_decoder.h"
#include "lwm2m/senml/senml_cbor_encoder.h"
#include "senml_test_util.h"

using lwm2m::DataType;
using lwm2m::Error;
using lwm2m::Path;
using lwm2m::Record;
using lwm2m::SenmlCborDecoder;
using lwm2m::SenmlCborEncoder;
using lwm2m::Value;
using senml_test::core_ts_device_records;
using senml_test::decode_all;
using senml_test::Decoded;
using senml_test::rec;
using senml_test::text_of;

namespace {

using Bytes = std::vector<uint8_t>;

// Small builders for expected CBOR, so vectors read like their diagnostic notation.
Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}
Bytes text(std::string_view s) {
  Bytes out;
  if (s.size() < 24) out.push_back(static_cast<uint8_t>(0x60 + s.size()));
  else out = {0x78, static_cast<uint8_t>(s.size())};
  out.insert(out.end(), s.begin(), s.end());
  return out;
}
Bytes uint_item(uint64_t v) {  // major type 0, up to 32 bits
  if (v < 24) return {static_cast<uint8_t>(v)};
  if (v < 256) return {0x18, static_cast<uint8_t>(v)};
  if (v < 65536) return {0x19, static_cast<uint8_t>(v >> 8), static_cast<uint8_t>(v)};
  return {0x1a, static_cast<uint8_t>(v >> 24), static_cast<uint8_t>(v >> 16), static_cast<uint8_t>(v >> 8),
          static_cast<uint8_t>(v)};
}

Decoded decode(const Bytes& cbor, const Path& request = Path{}, size_t scratch_size = 256) {
  std::vector<uint8_t> scratch(scratch_size);
  SenmlCborDecoder d(cbor, request, scratch);
  return decode_all(d);
}

Error decode_error(const Bytes& cbor, const Path& request = Path{}) { return decode(cbor, request).error; }

Bytes encode(const Path& request, const std::vector<Record>& records, size_t capacity = 4096) {
  return senml_test::encode_ok<SenmlCborEncoder>(request, records, capacity);
}

// Core TS §7.4.4's /3/0 read with the labels of §7.4.5 (bn -2, n 0, v 2, vs 3).
Bytes core_ts_device_read_cbor() {
  const Bytes bn = {0x21}, n = {0x00}, v = {0x02}, vs = {0x03};
  return cat({{0x90},  // array(16)
              {0xa3}, bn, text("/3/0/"), n, text("0"), vs, text("Open Mobile Alliance"),
              {0xa2}, n, text("1"), vs, text("Lightweight M2M Client"),
              {0xa2}, n, text("2"), vs, text("345000123"),
              {0xa2}, n, text("3"), vs, text("1.0"),
              {0xa2}, n, text("6/0"), v, uint_item(1),
              {0xa2}, n, text("6/1"), v, uint_item(5),
              {0xa2}, n, text("7/0"), v, uint_item(3800),
              {0xa2}, n, text("7/1"), v, uint_item(5000),
              {0xa2}, n, text("8/0"), v, uint_item(125),
              {0xa2}, n, text("8/1"), v, uint_item(900),
              {0xa2}, n, text("9"), v, uint_item(100),
              {0xa2}, n, text("10"), v, uint_item(15),
              {0xa2}, n, text("11/0"), v, uint_item(0),
              {0xa2}, n, text("13"), v, uint_item(1367491215),
              {0xa2}, n, text("14"), vs, text("+02:00"),
              {0xa2}, n, text("16"), vs, text("U")});
}

// RFC 8428 §6: the CBOR form of the §5.1.2 pack
// [{-2: "urn:dev:ow:10e2073a0108006:", 0: "voltage", 1: "V", 2: 120.1}, {0: "current", 1: "A", 2: 1.2}]
Bytes rfc8428_section6_example(std::string_view bn, std::string_view n1, std::string_view n2) {
  return cat({{0x82, 0xa4, 0x21}, text(bn), {0x00}, text(n1), {0x01}, text("V"),
              {0x02, 0xfb, 0x40, 0x5e, 0x06, 0x66, 0x66, 0x66, 0x66, 0x66},
              {0xa3, 0x00}, text(n2), {0x01}, text("A"),
              {0x02, 0xfb, 0x3f, 0xf3, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33}});
}

}  // namespace

TEST(SenmlCbor, CoreTs7_4_5DeviceReadEncodesExactly) {
  EXPECT_EQ(encode(Path(3, 0), core_ts_device_records()), core_ts_device_read_cbor());
}

TEST(SenmlCbor, CoreTs7_4_5DeviceReadDecodes) {
  Decoded d = decode(core_ts_device_read_cbor(), Path(3, 0));
  senml_test::expect_records(d, core_ts_device_records());
}

TEST(SenmlCbor, Rfc8428Section6Example) {
  // As published, the names are URNs, not LwM2M paths.
  EXPECT_EQ(decode_error(rfc8428_section6_example("urn:dev:ow:10e2073a0108006:", "voltage", "current")),
            Error::kInvalidPath);
  // The same pack with path names: the unit (label 1) is skipped, values are floats.
  Decoded d = decode(rfc8428_section6_example("/3316/0/", "5700", "/3317/0/5700"));
  // bn "/3316/0/" + "/3317/0/5700" is not a path: the second record must use its own bn.
  EXPECT_EQ(d.error, Error::kInvalidPath);
  d = decode(rfc8428_section6_example("/3316/0/", "5700", "5701"));
  ASSERT_EQ(d.error, Error::kOk);
  ASSERT_EQ(d.records.size(), 2u);
  EXPECT_EQ(d.records[0].path, Path(3316, 0, 5700));
  EXPECT_EQ(d.records[0].value.value, Value::of_float(120.1));
  EXPECT_EQ(d.records[1].path, Path(3316, 0, 5701));
  EXPECT_EQ(d.records[1].value.value, Value::of_float(1.2));
}

TEST(SenmlCbor, RoundTripsEveryDataType) {
  const uint8_t opaque[] = {0x00, 0xfb, 0xff, 0x10};
  std::vector<Record> records = {
      rec(Path(9, 0, 0), Value::of_string("tab\t\"quote\" \xC3\xA9\xF0\x9D\x84\x9E")),
      rec(Path(9, 0, 1), Value::of_integer(-9223372036854775807 - 1)),
      rec(Path(9, 0, 2), Value::of_unsigned(18446744073709551615u)),
      rec(Path(9, 0, 3), Value::of_float(-0.1)),
      rec(Path(9, 0, 4), Value::of_boolean(false)),
      rec(Path(9, 0, 5), Value::of_opaque(opaque)),
      rec(Path(9, 0, 6), Value::of_time(1700000000)),
      rec(Path(9, 0, 7), Value::of_objlnk(3, 65534)),
      rec(Path(9, 0, 8), Value::of_corelnk("</3/0>;ct=112")),
      rec(Path(9, 0, 9, 0), Value::of_opaque({})),
      rec(Path(9, 0, 10), Value::of_objlnk(65535, 65535)),
      rec(Path(9, 0, 11), Value::of_float(2.5)),
      rec(Path(9, 0, 12), Value::of_integer(-1)),
  };
  Bytes cbor = encode(Path(9, 0), records);
  Decoded d = decode(cbor, Path(9, 0));
  senml_test::expect_records(d, records);
  senml_test::expect_converts_back(d, records);
  // vd is a byte string (RFC 8428 §6) and vlo a text label with text value.
  Bytes vd = cat({{0x08, 0x44, 0x00, 0xfb, 0xff, 0x10}});
  EXPECT_NE(std::search(cbor.begin(), cbor.end(), vd.begin(), vd.end()), cbor.end());
  Bytes vlo = cat({text("vlo"), text("3:65534")});
  EXPECT_NE(std::search(cbor.begin(), cbor.end(), vlo.begin(), vlo.end()), cbor.end());
}

TEST(SenmlCbor, CompositeNamesAndReadCompositeRequest) {
  Record name_only;
  name_only.path = Path(3, 0, 0);
  Record second;
  second.path = Path(1, 0, 1);
  Bytes cbor = encode(Path{}, {name_only, second});
  EXPECT_EQ(cbor, cat({{0x82, 0xa1, 0x00}, text("/3/0/0"), {0xa1, 0x00}, text("/1/0/1")}));
  Decoded d = decode(cbor);
  ASSERT_EQ(d.error, Error::kOk);
  ASSERT_EQ(d.records.size(), 2u);
  EXPECT_EQ(d.records[1].path, Path(1, 0, 1));
  EXPECT_EQ(d.records[1].value.value.type, DataType::kNone);
}

TEST(SenmlCbor, TimestampsRoundTrip) {
  const double times[] = {1700000000, 1700000005.5, 1700000005.5, 1600000000.25};
  std::vector<Record> records = senml_test::timed_temperatures(times);
  Bytes cbor = encode(Path(3303, 0), records);
  // The first record: {-2: "/3303/0/", -3: 1700000000, 0: "5700", 2: 20.5} with bt as an integer.
  Bytes first = cat({{0x85, 0xa4, 0x21}, text("/3303/0/"), {0x22, 0x1a, 0x65, 0x53, 0xf1, 0x00}, {0x00},
                     text("5700"), {0x02, 0xf9, 0x4d, 0x20}});
  ASSERT_GE(cbor.size(), first.size());
  EXPECT_EQ(Bytes(cbor.begin(), cbor.begin() + static_cast<long>(first.size())), first);
  senml_test::expect_timed_temperatures(decode(cbor), times);
}

TEST(SenmlCbor, ArrayHeadWidensPastTwentyThreeRecords) {
  std::vector<Record> records;
  for (uint16_t i = 0; i < 300; ++i) records.push_back(rec(Path(3, 0, 7, i), Value::of_integer(i)));
  Bytes cbor = encode(Path(3, 0, 7), records, 8192);
  ASSERT_GE(cbor.size(), 3u);
  EXPECT_EQ(cbor[0], 0x99);  // array, two-byte count
  EXPECT_EQ(cbor[1], 0x01);
  EXPECT_EQ(cbor[2], 0x2c);
  Decoded d = decode(cbor);
  ASSERT_EQ(d.error, Error::kOk);
  ASSERT_EQ(d.records.size(), 300u);
  EXPECT_EQ(d.records[299].path, Path(3, 0, 7, 299));
  EXPECT_EQ(d.records[299].value.value, Value::of_integer(299));
}

TEST(SenmlCbor, IndefiniteLengthsDecode) {
  // [_ {_ -2: "/3/0/", 0: (_ "1", "3"), 3: (_ "ab", "c")}, {0: "0", 8: (_ h'01', h'02')} ]
  Bytes cbor = cat({{0x9f, 0xbf, 0x21}, text("/3/0/"), {0x00, 0x7f}, text("1"), text("3"), {0xff},
                    {0x03, 0x7f}, text("ab"), text("c"), {0xff, 0xff},
                    {0xa2, 0x00}, text("0"), {0x08, 0x5f, 0x41, 0x01, 0x41, 0x02, 0xff}, {0xff}});
  Decoded d = decode(cbor);
  ASSERT_EQ(d.error, Error::kOk);
  ASSERT_EQ(d.records.size(), 2u);
  EXPECT_EQ(d.records[0].path, Path(3, 0, 13));
  EXPECT_EQ(text_of(d.records[0].value.value), "abc");
  EXPECT_EQ(d.records[1].path, Path(3, 0, 0));
  EXPECT_EQ(text_of(d.records[1].value.value), std::string("\x01\x02"));
  EXPECT_EQ(decode(cbor, Path{}, 2).error, Error::kBufferTooSmall);
}

TEST(SenmlCbor, UnknownLabelsSkippedMustUnderstandRefused) {
  // {0: "/3/0/0", 1: "m", 99: [1, {2: 3}], "x": null, 2: 5}
  Bytes ok = cat({{0x81, 0xa5, 0x00}, text("/3/0/0"), {0x01}, text("m"), {0x18, 0x63, 0x82, 0x01, 0xa1, 0x02, 0x03},
                  text("x"), {0xf6, 0x02, 0x05}});
  Decoded d = decode(ok);
  ASSERT_EQ(d.error, Error::kOk);
  EXPECT_EQ(d.records[0].value.value, Value::of_integer(5));
  EXPECT_EQ(decode_error(cat({{0x81, 0xa2, 0x00}, text("/3/0/0"), text("foo_"), {0x01}})), Error::kBadRequest);
}

TEST(SenmlCbor, RejectsMalformedPacks) {
  const Bytes n = cat({{0x00}, text("/3/0/0")});
  auto one = [&](Bytes rest, uint8_t pairs = 2) { return cat({{0x81, static_cast<uint8_t>(0xa0 + pairs)}, n, rest}); };
  EXPECT_EQ(decode_error({}), Error::kTruncated);
  EXPECT_EQ(decode_error({0xa0}), Error::kMalformed);                 // not an array
  EXPECT_EQ(decode_error({0x81, 0x01}), Error::kMalformed);           // record not a map
  EXPECT_EQ(decode_error(cat({one({0x02, 0x01}), {0x00}})), Error::kMalformed);  // trailing byte
  EXPECT_EQ(decode_error({0x82, 0xa0}), Error::kTruncated);           // count says two records
  EXPECT_EQ(decode_error({0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}), Error::kTruncated);
  EXPECT_EQ(decode_error({0x9f, 0xa1, 0x00}), Error::kTruncated);
  EXPECT_EQ(decode_error(cat({{0x9f, 0xa1, 0x00}, text("/3/0/0")})), Error::kTruncated);  // no break
  EXPECT_EQ(decode_error(one({0x02}, 2)), Error::kTruncated);
  EXPECT_EQ(decode_error(one({0x02, 0x01, 0x02, 0x02}, 3)), Error::kDuplicate);
  EXPECT_EQ(decode_error(one({0x02, 0x01, 0x04, 0xf5}, 3)), Error::kMalformed);  // two values
  EXPECT_EQ(decode_error(one(cat({{0x02}, text("1")}))), Error::kTypeMismatch);  // v as text
  EXPECT_EQ(decode_error(one({0x03, 0x41, 0x61})), Error::kTypeMismatch);        // vs as bytes
  EXPECT_EQ(decode_error(one(cat({{0x08}, text("AA")}))), Error::kTypeMismatch);  // vd as text
  EXPECT_EQ(decode_error(one({0x04, 0x01})), Error::kTypeMismatch);              // vb as int
  EXPECT_EQ(decode_error(one({0x02, 0xc1, 0x01})), Error::kTypeMismatch);        // tagged v
  EXPECT_EQ(decode_error(one({0x06, 0xf6})), Error::kTypeMismatch);              // t as null
  EXPECT_EQ(decode_error(one({0x02, 0x3b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff})),
            Error::kOutOfRange);  // -2^64
  EXPECT_EQ(decode_error(one({0x06, 0xf9, 0x7c, 0x00})), Error::kOutOfRange);    // t = +inf
  EXPECT_EQ(decode_error(one(cat({text("vlo"), text("3")}))), Error::kMalformed);
  EXPECT_EQ(decode_error(one({0x03, 0x62, 0xc3, 0x28})), Error::kInvalidUtf8);
  EXPECT_EQ(decode_error(one({0xf5, 0x01})), Error::kMalformed);                 // boolean label
  EXPECT_EQ(decode_error(cat({{0x81, 0xa1, 0x00}, text("3/0/0")})), Error::kInvalidPath);
  EXPECT_EQ(decode_error(cat({{0x81, 0xa1, 0x00, 0x01}})), Error::kTypeMismatch);  // n as int
  EXPECT_EQ(decode_error(cat({{0x81, 0xa1, 0x02, 0x01}})), Error::kInvalidPath);  // no name
  EXPECT_EQ(decode_error(one({0x20, 0x0b})), Error::kBadRequest);                 // bver 11
  EXPECT_EQ(decode_error(one({0x02, 0x01}), Path(4)), Error::kBadRequest);        // outside request
  Bytes deep = one({0x18, 0x63});
  for (int i = 0; i < 40; ++i) deep.push_back(0x81);
  deep.push_back(0x00);
  EXPECT_EQ(decode_error(deep), Error::kTooDeep);
}

TEST(SenmlCbor, RewindAndStickyErrors) {
  Bytes cbor = core_ts_device_read_cbor();
  uint8_t scratch[16];
  SenmlCborDecoder d(cbor, Path(3, 0), scratch);
  lwm2m::DecodedRecord r;
  int count = 0;
  while (*d.next(r)) ++count;
  EXPECT_EQ(count, 16);
  d.rewind();
  ASSERT_TRUE(*d.next(r));
  EXPECT_EQ(r.path, Path(3, 0, 0));

  Bytes bad = {0x82, 0xa1, 0x00, 0x61, 0x31};
  SenmlCborDecoder b(bad, Path{}, scratch);
  EXPECT_EQ(b.next(r).error(), Error::kInvalidPath);
  EXPECT_EQ(b.next(r).error(), Error::kInvalidPath);
}

TEST(SenmlCbor, EncoderErrors) {
  uint8_t small[12];
  SenmlCborEncoder e(small);
  ASSERT_TRUE(e.begin(Path(3, 0)).ok());
  EXPECT_EQ(e.add(rec(Path(3, 0, 0), Value::of_string("Open Mobile Alliance"))).error(), Error::kBufferTooSmall);
  EXPECT_EQ(e.finish().error(), Error::kBufferTooSmall);

  // 24 one-byte records fit in 1 + 24 * n bytes only with the one-byte head; the wider head needs room.
  uint8_t buf[256];
  SenmlCborEncoder bad_utf8(buf);
  ASSERT_TRUE(bad_utf8.begin(Path(3, 0)).ok());
  EXPECT_EQ(bad_utf8.add(rec(Path(3, 0, 0), Value::of_string("\xC3"))).error(), Error::kInvalidUtf8);
  EXPECT_EQ(bad_utf8.finish().error(), Error::kInvalidUtf8);

  SenmlCborEncoder outside(buf);
  ASSERT_TRUE(outside.begin(Path(3, 0)).ok());
  EXPECT_EQ(outside.add(rec(Path(4, 0, 0), Value::of_integer(1))).error(), Error::kInternal);
}

TEST(SenmlCbor, HeadWideningNeedsRoom) {
  // 24 records of {0: "n"} at 4 bytes each: body 96 bytes, head 2 bytes.
  std::vector<Record> records;
  for (uint16_t i = 0; i < 24; ++i) records.push_back(rec(Path(3, 0, i), Value::none()));
  Bytes full = encode(Path{}, records);
  std::vector<uint8_t> buf(full.size() - 1);  // one byte short for the wider head
  SenmlCborEncoder e(buf);
  ASSERT_TRUE(e.begin(Path{}).ok());
  for (const Record& r : records) ASSERT_TRUE(e.add(r).ok());
  EXPECT_EQ(e.finish().error(), Error::kBufferTooSmall);
}
