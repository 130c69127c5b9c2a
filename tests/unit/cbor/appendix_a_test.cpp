// RFC 8949 Appendix A: every example, decoded (diagnostic notation or value)
// and re-encoded (byte-exact where the example is preferred serialization).
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "cbor_test_util.h"
#include "lwm2m/cbor/cbor_reader.h"
#include "lwm2m/cbor/cbor_writer.h"

namespace {

using cbor_test::diagnose;
using cbor_test::from_hex;
using cbor_test::to_hex;
using cbor_test::transcode;

struct Example {
  const char* hex;
  const char* diagnostic;  // as printed by the test's diagnostic printer
};

// Non-float rows of Appendix A. The printer writes bignums (tags 2/3) as the
// tagged byte string, and non-ASCII text with \u escapes as the RFC does.
const Example kExamples[] = {
    {"00", "0"},
    {"01", "1"},
    {"0a", "10"},
    {"17", "23"},
    {"1818", "24"},
    {"1819", "25"},
    {"1864", "100"},
    {"1903e8", "1000"},
    {"1a000f4240", "1000000"},
    {"1b000000e8d4a51000", "1000000000000"},
    {"1bffffffffffffffff", "18446744073709551615"},
    {"c249010000000000000000", "2(h'010000000000000000')"},  // 18446744073709551616
    {"3bffffffffffffffff", "-18446744073709551616"},
    {"c349010000000000000000", "3(h'010000000000000000')"},  // -18446744073709551617
    {"20", "-1"},
    {"29", "-10"},
    {"3863", "-100"},
    {"3903e7", "-1000"},
    {"f4", "false"},
    {"f5", "true"},
    {"f6", "null"},
    {"f7", "undefined"},
    {"f0", "simple(16)"},
    {"f8ff", "simple(255)"},
    {"c074323031332d30332d32315432303a30343a30305a", "0(\"2013-03-21T20:04:00Z\")"},
    {"c11a514b67b0", "1(1363896240)"},
    {"c1fb41d452d9ec200000", "1(1363896240.5)"},
    {"d74401020304", "23(h'01020304')"},
    {"d818456449455446", "24(h'6449455446')"},
    {"d82076687474703a2f2f7777772e6578616d706c652e636f6d", "32(\"http://www.example.com\")"},
    {"40", "h''"},
    {"4401020304", "h'01020304'"},
    {"60", "\"\""},
    {"6161", "\"a\""},
    {"6449455446", "\"IETF\""},
    {"62225c", "\"\\\"\\\\\""},
    {"62c3bc", "\"\\u00fc\""},
    {"63e6b0b4", "\"\\u6c34\""},
    {"64f0908591", "\"\\ud800\\udd51\""},
    {"80", "[]"},
    {"83010203", "[1, 2, 3]"},
    {"8301820203820405", "[1, [2, 3], [4, 5]]"},
    {"98190102030405060708090a0b0c0d0e0f101112131415161718181819",
     "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25]"},
    {"a0", "{}"},
    {"a201020304", "{1: 2, 3: 4}"},
    {"a26161016162820203", "{\"a\": 1, \"b\": [2, 3]}"},
    {"826161a161626163", "[\"a\", {\"b\": \"c\"}]"},
    {"a56161614161626142616361436164614461656145",
     "{\"a\": \"A\", \"b\": \"B\", \"c\": \"C\", \"d\": \"D\", \"e\": \"E\"}"},
    {"5f42010243030405ff", "(_ h'0102', h'030405')"},
    {"7f657374726561646d696e67ff", "(_ \"strea\", \"ming\")"},
    {"9fff", "[_ ]"},
    {"9f018202039f0405ffff", "[_ 1, [2, 3], [_ 4, 5]]"},
    {"9f01820203820405ff", "[_ 1, [2, 3], [4, 5]]"},
    {"83018202039f0405ff", "[1, [2, 3], [_ 4, 5]]"},
    {"83019f0203ff820405", "[1, [_ 2, 3], [4, 5]]"},
    {"9f0102030405060708090a0b0c0d0e0f101112131415161718181819ff",
     "[_ 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25]"},
    {"bf61610161629f0203ffff", "{_ \"a\": 1, \"b\": [_ 2, 3]}"},
    {"826161bf61626163ff", "[\"a\", {_ \"b\": \"c\"}]"},
    {"bf6346756ef563416d7421ff", "{_ \"Fun\": true, \"Amt\": -2}"},
};

TEST(CborAppendixA, DecodesEveryExample) {
  for (const Example& e : kExamples) {
    EXPECT_EQ(diagnose(from_hex(e.hex)), e.diagnostic) << e.hex;
  }
}

// All non-float rows are preferred serialization (indefinite lengths are
// kept by the transcoder), so writing them back gives the same bytes.
TEST(CborAppendixA, ReencodesEveryExampleByteExact) {
  for (const Example& e : kExamples) {
    EXPECT_EQ(to_hex(transcode(from_hex(e.hex))), e.hex) << e.diagnostic;
  }
}

struct FloatExample {
  const char* hex;
  double value;
  const char* preferred_hex;  // what the writer produces for `value`
};

const FloatExample kFloats[] = {
    {"f90000", 0.0, "f90000"},
    {"f98000", -0.0, "f98000"},
    {"f93c00", 1.0, "f93c00"},
    {"fb3ff199999999999a", 1.1, "fb3ff199999999999a"},
    {"f93e00", 1.5, "f93e00"},
    {"f97bff", 65504.0, "f97bff"},
    {"fa47c35000", 100000.0, "fa47c35000"},
    {"fa7f7fffff", 3.4028234663852886e+38, "fa7f7fffff"},
    {"fb7e37e43c8800759c", 1.0e+300, "fb7e37e43c8800759c"},
    {"f90001", 5.960464477539063e-8, "f90001"},
    {"f90400", 0.00006103515625, "f90400"},
    {"f9c400", -4.0, "f9c400"},
    {"fbc010666666666666", -4.1, "fbc010666666666666"},
    {"f97c00", INFINITY, "f97c00"},
    {"f97e00", NAN, "f97e00"},
    {"f9fc00", -INFINITY, "f9fc00"},
    // The same values in longer, non-preferred widths.
    {"fa7f800000", INFINITY, "f97c00"},
    {"fa7fc00000", NAN, "f97e00"},
    {"faff800000", -INFINITY, "f9fc00"},
    {"fb7ff0000000000000", INFINITY, "f97c00"},
    {"fb7ff8000000000000", NAN, "f97e00"},
    {"fbfff0000000000000", -INFINITY, "f9fc00"},
};

TEST(CborAppendixA, DecodesEveryFloatExample) {
  for (const FloatExample& e : kFloats) {
    std::vector<uint8_t> bytes = from_hex(e.hex);
    lwm2m::cbor::CborReader reader(bytes);
    lwm2m::Result<double> d = reader.read_float();
    ASSERT_TRUE(d.ok()) << e.hex;
    EXPECT_TRUE(reader.at_end()) << e.hex;
    if (std::isnan(e.value)) {
      EXPECT_TRUE(std::isnan(*d)) << e.hex;
    } else {
      EXPECT_EQ(*d, e.value) << e.hex;
      EXPECT_EQ(std::signbit(*d), std::signbit(e.value)) << e.hex;
    }
  }
}

TEST(CborAppendixA, EncodesEveryFloatInPreferredWidth) {
  for (const FloatExample& e : kFloats) {
    uint8_t buf[16];
    lwm2m::cbor::CborWriter writer{std::span<uint8_t>(buf)};
    writer.write_float(e.value);
    ASSERT_TRUE(writer.status().ok());
    EXPECT_EQ(to_hex(std::vector<uint8_t>(buf, buf + writer.size())), e.preferred_hex) << e.hex;
  }
}

// Direct writer calls for the integer and string rows (not via the transcoder).
TEST(CborAppendixA, WriterApiProducesIntegerAndStringRows) {
  auto encode = [](auto write) {
    uint8_t buf[64];
    lwm2m::cbor::CborWriter writer{std::span<uint8_t>(buf)};
    write(writer);
    EXPECT_TRUE(writer.status().ok());
    return to_hex(std::vector<uint8_t>(buf, buf + writer.size()));
  };
  using W = lwm2m::cbor::CborWriter;
  EXPECT_EQ(encode([](W& w) { w.write_int(0); }), "00");
  EXPECT_EQ(encode([](W& w) { w.write_int(23); }), "17");
  EXPECT_EQ(encode([](W& w) { w.write_int(24); }), "1818");
  EXPECT_EQ(encode([](W& w) { w.write_int(1000); }), "1903e8");
  EXPECT_EQ(encode([](W& w) { w.write_int(1000000); }), "1a000f4240");
  EXPECT_EQ(encode([](W& w) { w.write_int(1000000000000); }), "1b000000e8d4a51000");
  EXPECT_EQ(encode([](W& w) { w.write_unsigned(18446744073709551615u); }), "1bffffffffffffffff");
  EXPECT_EQ(encode([](W& w) { w.write_negative(18446744073709551615u); }), "3bffffffffffffffff");
  EXPECT_EQ(encode([](W& w) { w.write_int(-1); }), "20");
  EXPECT_EQ(encode([](W& w) { w.write_int(-100); }), "3863");
  EXPECT_EQ(encode([](W& w) { w.write_int(-1000); }), "3903e7");
  EXPECT_EQ(encode([](W& w) { w.write_int(INT64_MIN); }), "3b7fffffffffffffff");
  EXPECT_EQ(encode([](W& w) { w.write_bool(false); }), "f4");
  EXPECT_EQ(encode([](W& w) { w.write_bool(true); }), "f5");
  EXPECT_EQ(encode([](W& w) { w.write_null(); }), "f6");
  EXPECT_EQ(encode([](W& w) { w.write_undefined(); }), "f7");
  EXPECT_EQ(encode([](W& w) { w.write_simple(16); }), "f0");
  EXPECT_EQ(encode([](W& w) { w.write_simple(255); }), "f8ff");
  EXPECT_EQ(encode([](W& w) {
              w.write_tag(1);
              w.write_int(1363896240);
            }),
            "c11a514b67b0");
  EXPECT_EQ(encode([](W& w) { w.write_text("IETF"); }), "6449455446");
  EXPECT_EQ(encode([](W& w) { w.write_text("\xc3\xbc"); }), "62c3bc");
  EXPECT_EQ(encode([](W& w) { w.write_bytes(std::vector<uint8_t>{1, 2, 3, 4}); }), "4401020304");
  EXPECT_EQ(encode([](W& w) {
              w.begin_map(2);
              w.write_unsigned(1);
              w.write_unsigned(2);
              w.write_unsigned(3);
              w.write_unsigned(4);
            }),
            "a201020304");
  EXPECT_EQ(encode([](W& w) {
              w.begin_indefinite_map();
              w.write_text("Fun");
              w.write_bool(true);
              w.write_text("Amt");
              w.write_int(-2);
              w.write_break();
            }),
            "bf6346756ef563416d7421ff");
  EXPECT_EQ(encode([](W& w) {
              w.begin_indefinite_text();
              w.write_text("strea");
              w.write_text("ming");
              w.write_break();
            }),
            "7f657374726561646d696e67ff");
}

}  // namespace
