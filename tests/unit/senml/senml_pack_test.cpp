// Shared SenML logic: labels, value classification, Objlnk text, name
// resolution (RFC 8428 §4.5.1 concatenation must give an LwM2M path) and the
// encoder's naming plan (Core TS §7.4.4 examples: bn "/3/0/", n "0").
#include <gtest/gtest.h>

#include <string>

#include "lwm2m/senml/senml_pack.h"

using lwm2m::DataType;
using lwm2m::DecodedRecord;
using lwm2m::Error;
using lwm2m::Path;
using lwm2m::Record;
using lwm2m::Value;
using namespace lwm2m::senml;

TEST(SenmlPack, LabelsOfRfc8428Section6) {
  Field f;
  ASSERT_TRUE(field_from_cbor_label(-2, f));
  EXPECT_EQ(f, Field::kBaseName);
  ASSERT_TRUE(field_from_cbor_label(-3, f));
  EXPECT_EQ(f, Field::kBaseTime);
  ASSERT_TRUE(field_from_cbor_label(0, f));
  EXPECT_EQ(f, Field::kName);
  ASSERT_TRUE(field_from_cbor_label(2, f));
  EXPECT_EQ(f, Field::kValue);
  ASSERT_TRUE(field_from_cbor_label(3, f));
  EXPECT_EQ(f, Field::kStringValue);
  ASSERT_TRUE(field_from_cbor_label(4, f));
  EXPECT_EQ(f, Field::kBooleanValue);
  ASSERT_TRUE(field_from_cbor_label(6, f));
  EXPECT_EQ(f, Field::kTime);
  ASSERT_TRUE(field_from_cbor_label(8, f));
  EXPECT_EQ(f, Field::kDataValue);
  EXPECT_FALSE(field_from_cbor_label(1, f));  // unit: not used by LwM2M
  ASSERT_TRUE(field_from_json_label("vlo", f));
  EXPECT_EQ(f, Field::kObjlnkValue);
  EXPECT_FALSE(field_from_json_label("u", f));
  EXPECT_TRUE(is_must_understand("foo_"));
  EXPECT_FALSE(is_must_understand("foo"));
}

TEST(SenmlPack, RecordFieldsMayAppearOnceAndOneValueOnly) {
  RawRecord r;
  EXPECT_TRUE(r.mark(Field::kName).ok());
  EXPECT_EQ(r.mark(Field::kName).error(), Error::kDuplicate);
  EXPECT_TRUE(r.mark(Field::kValue).ok());
  EXPECT_EQ(r.mark(Field::kStringValue).error(), Error::kMalformed);
  EXPECT_EQ(r.mark(Field::kValue).error(), Error::kDuplicate);
}

TEST(SenmlPack, NumberClassification) {
  EXPECT_EQ(*number_from_text("42"), Value::of_integer(42));
  EXPECT_EQ(*number_from_text("-9223372036854775808"), Value::of_integer(INT64_MIN));
  EXPECT_EQ(*number_from_text("18446744073709551615"), Value::of_unsigned(UINT64_MAX));
  EXPECT_EQ(*number_from_text("18446744073709551616"), Value::of_float(18446744073709551616.0));
  EXPECT_EQ(*number_from_text("-9223372036854775809"), Value::of_float(-9223372036854775809.0));
  EXPECT_EQ(*number_from_text("1.0"), Value::of_float(1.0));
  EXPECT_EQ(*number_from_text("1e2"), Value::of_float(100.0));
  EXPECT_EQ(number_from_text("1e999").error(), Error::kOutOfRange);
}

// RFC 8428 §4.3: vd is base64url without padding; RFC 4648 §10 vectors.
TEST(SenmlPack, Base64Url) {
  auto enc = [](std::string_view s) {
    char out[64];
    size_t n = base64url_encode_chunk({reinterpret_cast<const uint8_t*>(s.data()), s.size()}, out);
    return std::string(out, n);
  };
  EXPECT_EQ(enc(""), "");
  EXPECT_EQ(enc("f"), "Zg");
  EXPECT_EQ(enc("fo"), "Zm8");
  EXPECT_EQ(enc("foo"), "Zm9v");
  EXPECT_EQ(enc("foob"), "Zm9vYg");
  EXPECT_EQ(enc("\xfb\xff"), "-_8");
  auto dec = [](std::string_view s) {
    uint8_t out[16];
    auto n = base64_any_decode({reinterpret_cast<const uint8_t*>(s.data()), s.size()}, out);
    return n.ok() ? std::string(reinterpret_cast<char*>(out), *n) : std::string("error");
  };
  EXPECT_EQ(dec("aGkgCg"), "hi \n");     // RFC 8428 §5.1.4 "nfc-reader"
  EXPECT_EQ(dec("-_8"), "\xfb\xff");
  EXPECT_EQ(dec("+/8="), "\xfb\xff");    // standard alphabet with padding, as some peers send
  EXPECT_EQ(dec("Zg=="), "f");
  EXPECT_EQ(dec("Z"), "error");
  EXPECT_EQ(dec("Zm9v!"), "error");
  EXPECT_EQ(dec("-/8"), "error");        // mixed alphabets
}

namespace {
// A raw record naming bn (when with_bn) and n (when not empty).
RawRecord named(std::string_view bn, std::string_view n, bool with_bn = true) {
  RawRecord raw;
  if (with_bn) {
    EXPECT_TRUE(raw.mark(Field::kBaseName).ok());
    raw.base_name = bn;
  }
  if (!n.empty()) {
    EXPECT_TRUE(raw.mark(Field::kName).ok());
    raw.name = n;
  }
  return raw;
}

DecodedRecord resolve_ok(PackResolver& r, std::string_view bn, std::string_view n, bool with_bn = true) {
  DecodedRecord out;
  EXPECT_TRUE(r.resolve(named(bn, n, with_bn), out).ok()) << bn << " + " << n;
  return out;
}

Error resolve_error(const Path& request, std::string_view bn, std::string_view n) {
  PackResolver r(request);
  DecodedRecord out;
  return r.resolve(named(bn, n), out).error();
}
}  // namespace

TEST(SenmlPack, NamesResolveByConcatenation) {
  PackResolver r(Path{});
  EXPECT_EQ(resolve_ok(r, "/3/0/", "0").path, Path(3, 0, 0));
  EXPECT_EQ(resolve_ok(r, "", "6/1", false).path, Path(3, 0, 6, 1));  // bn carries over
  EXPECT_EQ(resolve_ok(r, "/3/0/7", "").path, Path(3, 0, 7));         // bn alone is the name
  EXPECT_EQ(resolve_ok(r, "", "/1/0/1").path, Path(1, 0, 1));         // empty bn, absolute n
  EXPECT_EQ(resolve_ok(r, "/3/0", "/1").path, Path(3, 0, 1));         // bn without '/' and n with it
  EXPECT_EQ(resolve_ok(r, "/3/", "0").path, Path(3, 0));
}

TEST(SenmlPack, NamesThatAreNotPaths) {
  EXPECT_EQ(resolve_error(Path{}, "/3/0", "1"), Error::kInvalidPath);  // "/3/01": no leading zeros
  EXPECT_EQ(resolve_error(Path{}, "/3/0/", "/1"), Error::kInvalidPath);  // "//"
  EXPECT_EQ(resolve_error(Path{}, "urn:dev:ow:10e2073a01080063:", "voltage"), Error::kInvalidPath);
  EXPECT_EQ(resolve_error(Path{}, "", ""), Error::kInvalidPath);  // no name at all
  EXPECT_EQ(resolve_error(Path{}, "/3/0/", "65535"), Error::kInvalidPath);
  EXPECT_EQ(resolve_error(Path{}, "/3/0/1/2/", "3"), Error::kInvalidPath);  // five levels
  EXPECT_EQ(resolve_error(Path{}, "/3/0/", std::string(40, '1')), Error::kInvalidPath);
  EXPECT_EQ(resolve_error(Path{}, std::string(40, '/'), "1"), Error::kInvalidPath);
  // A path outside the request path is a bad request (Write on /3/0 naming /3/1/0).
  EXPECT_EQ(resolve_error(Path(3, 0), "/3/1/", "0"), Error::kBadRequest);
}

// RFC 8428 §4.5.3 and §4.6: time is bt + t, numeric value is bv + v.
TEST(SenmlPack, BaseTimeAndBaseValue) {
  PackResolver r(Path{});
  RawRecord a;
  ASSERT_TRUE(a.mark(Field::kBaseName).ok());
  a.base_name = "/3303/0/5700";
  ASSERT_TRUE(a.mark(Field::kBaseTime).ok());
  a.base_time = 1.276020076001e+09;
  ASSERT_TRUE(a.mark(Field::kBaseValue).ok());
  a.base_value.value = Value::of_integer(100);
  ASSERT_TRUE(a.mark(Field::kValue).ok());
  a.value = Value::of_integer(5);
  DecodedRecord out;
  ASSERT_TRUE(r.resolve(a, out).ok());
  EXPECT_TRUE(out.has_time);
  EXPECT_DOUBLE_EQ(out.time, 1.276020076001e+09);
  EXPECT_EQ(out.value.value, Value::of_integer(105));

  RawRecord b;
  ASSERT_TRUE(b.mark(Field::kTime).ok());
  b.time = -5;
  ASSERT_TRUE(b.mark(Field::kValue).ok());
  b.value = Value::of_float(0.5);
  ASSERT_TRUE(r.resolve(b, out).ok());
  EXPECT_DOUBLE_EQ(out.time, 1.276020071001e+09);
  EXPECT_EQ(out.value.value, Value::of_float(100.5));

  RawRecord c;  // no time anywhere once bt is reset to zero
  ASSERT_TRUE(c.mark(Field::kBaseTime).ok());
  c.base_time = 0;
  ASSERT_TRUE(r.resolve(c, out).ok());
  EXPECT_FALSE(out.has_time);
  EXPECT_EQ(out.value.value.type, DataType::kNone);

  RawRecord overflow;
  ASSERT_TRUE(overflow.mark(Field::kBaseValue).ok());
  overflow.base_value.value = Value::of_integer(INT64_MAX);
  ASSERT_TRUE(overflow.mark(Field::kValue).ok());
  overflow.value = Value::of_integer(1);
  EXPECT_EQ(r.resolve(overflow, out).error(), Error::kOutOfRange);
}

TEST(SenmlPack, RefusesNewerVersions) {
  PackResolver r(Path{});
  RawRecord raw;
  ASSERT_TRUE(raw.mark(Field::kBaseName).ok());
  raw.base_name = "/3/0/0";
  ASSERT_TRUE(raw.mark(Field::kBaseVersion).ok());
  raw.base_version = 11;
  DecodedRecord out;
  EXPECT_EQ(r.resolve(raw, out).error(), Error::kBadRequest);
  raw.base_version = 10;
  EXPECT_TRUE(r.resolve(raw, out).ok());
}

TEST(SenmlPack, PlannerFollowsCoreTsNaming) {
  NameAndTimePlanner p;
  p.begin(Path(3, 0));
  Record r;
  r.path = Path(3, 0, 0);
  auto a = p.plan(r);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->base_name, "/3/0/");
  EXPECT_EQ(a->name, "0");
  r.path = Path(3, 0, 6, 1);
  auto b = p.plan(r);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->base_name, "");
  EXPECT_EQ(b->name, "6/1");
  r.path = Path(4, 0, 0);
  EXPECT_EQ(p.plan(r).error(), Error::kInternal);  // outside the request path

  p.begin(Path(3, 0, 0));  // a single resource: bn is the path, no n
  r.path = Path(3, 0, 0);
  auto c = p.plan(r);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->base_name, "/3/0/0");
  EXPECT_EQ(c->name, "");
  EXPECT_EQ(p.plan(r).error(), Error::kInternal);  // the same path twice

  p.begin(Path{});  // composite: absolute names, no bn
  r.path = Path(1, 0, 1);
  auto d = p.plan(r);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->base_name, "");
  EXPECT_EQ(d->name, "/1/0/1");
}

TEST(SenmlPack, PlannerTimes) {
  NameAndTimePlanner p;
  p.begin(Path(3303, 0));
  Record r;
  r.path = Path(3303, 0, 5700);
  r.has_time = true;
  r.time = 1700000000;
  auto a = p.plan(r);
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(a->emit_base_time);
  EXPECT_EQ(a->base_time, 1700000000);
  EXPECT_FALSE(a->emit_time);
  r.time = 1700000010.5;
  auto b = p.plan(r);
  ASSERT_TRUE(b.ok());
  EXPECT_FALSE(b->emit_base_time);
  EXPECT_TRUE(b->emit_time);
  EXPECT_EQ(b->time, 10.5);
  r.time = 1700000000;  // same as bt: neither field
  auto c = p.plan(r);
  ASSERT_TRUE(c.ok());
  EXPECT_FALSE(c->emit_base_time);
  EXPECT_FALSE(c->emit_time);
  r.has_time = false;  // untimed after timed: bt back to 0
  auto d = p.plan(r);
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->emit_base_time);
  EXPECT_EQ(d->base_time, 0);
}
