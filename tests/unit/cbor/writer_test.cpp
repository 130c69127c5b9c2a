// CborWriter behaviour beyond the Appendix A rows: head widths at their
// boundaries, float width choice, and overflow reporting.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "cbor_test_util.h"
#include "lwm2m/cbor/cbor_writer.h"

namespace {

using cbor_test::to_hex;
using lwm2m::Error;
using lwm2m::cbor::CborWriter;
using lwm2m::cbor::MajorType;

template <typename F>
std::string encode(F write) {
  uint8_t buf[64];
  CborWriter writer{std::span<uint8_t>(buf)};
  write(writer);
  EXPECT_TRUE(writer.status().ok());
  return to_hex(std::vector<uint8_t>(buf, buf + writer.size()));
}

TEST(CborWriter, HeadUsesShortestArgumentAtEachBoundary) {
  EXPECT_EQ(encode([](CborWriter& w) { w.write_unsigned(255); }), "18ff");
  EXPECT_EQ(encode([](CborWriter& w) { w.write_unsigned(256); }), "190100");
  EXPECT_EQ(encode([](CborWriter& w) { w.write_unsigned(65535); }), "19ffff");
  EXPECT_EQ(encode([](CborWriter& w) { w.write_unsigned(65536); }), "1a00010000");
  EXPECT_EQ(encode([](CborWriter& w) { w.write_unsigned(4294967295u); }), "1affffffff");
  EXPECT_EQ(encode([](CborWriter& w) { w.write_unsigned(4294967296u); }), "1b0000000100000000");
  EXPECT_EQ(encode([](CborWriter& w) { w.write_int(-24); }), "37");
  EXPECT_EQ(encode([](CborWriter& w) { w.write_int(-25); }), "3818");
  EXPECT_EQ(encode([](CborWriter& w) { w.write_int(INT64_MAX); }), "1b7fffffffffffffff");
  EXPECT_EQ(encode([](CborWriter& w) { w.begin_array(24); }), "9818");
  EXPECT_EQ(encode([](CborWriter& w) { w.write_tag(1); }), "c1");
  EXPECT_EQ(encode([](CborWriter& w) { w.write_head(MajorType::kTag, 256); }), "d90100");
}

TEST(CborWriter, FloatWidthIsTheShortestExactOne) {
  EXPECT_EQ(encode([](CborWriter& w) { w.write_float(0.5); }), "f93800");
  EXPECT_EQ(encode([](CborWriter& w) { w.write_float(65504.0); }), "f97bff");
  EXPECT_EQ(encode([](CborWriter& w) { w.write_float(65505.0); }), "fa477fe100");  // needs single
  EXPECT_EQ(encode([](CborWriter& w) { w.write_float(65536.0); }), "fa47800000");  // beyond half range
  EXPECT_EQ(encode([](CborWriter& w) { w.write_float(1.0 / 3.0); }), "fb3fd5555555555555");
  EXPECT_EQ(encode([](CborWriter& w) { w.write_float(static_cast<float>(0.1)); }), "fa3dcccccd");
  // Half subnormals: smallest, largest, and one that needs a wider type.
  EXPECT_EQ(encode([](CborWriter& w) { w.write_float(std::ldexp(1.0, -24)); }), "f90001");
  EXPECT_EQ(encode([](CborWriter& w) { w.write_float(std::ldexp(1023.0, -24)); }), "f903ff");
  EXPECT_EQ(encode([](CborWriter& w) { w.write_float(std::ldexp(1.0, -25)); }), "fa33000000");
  EXPECT_EQ(encode([](CborWriter& w) { w.write_float(std::ldexp(3.0, -25)); }), "fa33c00000");
  // Below single's subnormals and above its range: double.
  EXPECT_EQ(encode([](CborWriter& w) { w.write_float(1e-300); }), "fb01a56e1fc2f8f359");
  EXPECT_EQ(encode([](CborWriter& w) { w.write_float(1e39); }), "fb48078287f49c4a1d");
  EXPECT_EQ(encode([](CborWriter& w) { w.write_float(-NAN); }), "f97e00");
}

TEST(CborWriter, OverflowIsReportedAsBufferTooSmall) {
  uint8_t buf[3];
  CborWriter writer{std::span<uint8_t>(buf)};
  writer.write_text("abc");
  EXPECT_EQ(writer.status().error(), Error::kBufferTooSmall);
  EXPECT_EQ(writer.size(), 4u);  // the size the item needs

  uint8_t exact[4];
  CborWriter fits{std::span<uint8_t>(exact)};
  fits.write_text("abc");
  EXPECT_TRUE(fits.status().ok());
}

TEST(CborWriter, SharesACallerByteWriter) {
  uint8_t buf[8];
  lwm2m::ByteWriter out{std::span<uint8_t>(buf)};
  out.put(uint8_t{0xaa});
  CborWriter writer(out);
  writer.write_unsigned(1);
  EXPECT_EQ(out.size(), 2u);
  EXPECT_EQ(buf[1], 0x01);
}

TEST(CborWriter, ReservedSimpleValuesAreNotWritten) {
  // 24..31 have no well-formed encoding; the writer emits undefined instead.
  EXPECT_EQ(encode([](CborWriter& w) { w.write_simple(24); }), "f7");
  EXPECT_EQ(encode([](CborWriter& w) { w.write_simple(32); }), "f820");
}

}  // namespace
