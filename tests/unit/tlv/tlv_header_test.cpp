// TLV header layout, Core TS §7.4.3 (type byte: bits 7-6 kind, bit 5 id
// width, bits 4-3 length field width, bits 2-0 a length of at most 7).
#include <gtest/gtest.h>

#include <vector>

#include "lwm2m/tlv/tlv_header.h"
#include "tlv_test_util.h"

using namespace lwm2m;
using namespace lwm2m::test;

namespace {
std::vector<uint8_t> header(TlvKind kind, uint16_t id, size_t length) {
  std::vector<uint8_t> out(kTlvMaxHeaderSize);
  Result<size_t> n = write_tlv_header(kind, id, length, out);
  EXPECT_TRUE(n.ok());
  out.resize(n.ok() ? *n : 0);
  EXPECT_EQ(out.size(), tlv_header_size(id, length));
  return out;
}
}  // namespace

TEST(TlvHeader, ShortestFormsForIdAndLength) {
  EXPECT_EQ(header(TlvKind::kResourceValue, 9, 1), hex("C1 09"));
  EXPECT_EQ(header(TlvKind::kResourceValue, 9, 7), hex("C7 09"));
  EXPECT_EQ(header(TlvKind::kResourceValue, 9, 8), hex("C8 09 08"));
  EXPECT_EQ(header(TlvKind::kResourceValue, 9, 255), hex("C8 09 FF"));
  EXPECT_EQ(header(TlvKind::kResourceValue, 9, 256), hex("D0 09 01 00"));
  EXPECT_EQ(header(TlvKind::kResourceValue, 9, 65535), hex("D0 09 FF FF"));
  EXPECT_EQ(header(TlvKind::kResourceValue, 9, 65536), hex("D8 09 01 00 00"));
  EXPECT_EQ(header(TlvKind::kResourceValue, 9, kTlvMaxLength), hex("D8 09 FF FF FF"));
  EXPECT_EQ(header(TlvKind::kResourceValue, 255, 0), hex("C0 FF"));
  EXPECT_EQ(header(TlvKind::kResourceValue, 256, 0), hex("E0 01 00"));
  EXPECT_EQ(header(TlvKind::kResourceInstance, 310, 1), hex("61 01 36"));
  EXPECT_EQ(header(TlvKind::kMultipleResource, 6, 6), hex("86 06"));
  EXPECT_EQ(header(TlvKind::kObjectInstance, 0, 121), hex("08 00 79"));
  EXPECT_EQ(header(TlvKind::kObjectInstance, 65534, 70000), hex("38 FF FE 01 11 70"));
}

TEST(TlvHeader, LengthBeyond24BitsIsRefused) {
  uint8_t out[kTlvMaxHeaderSize];
  EXPECT_EQ(write_tlv_header(TlvKind::kResourceValue, 1, kTlvMaxLength + 1, out).error(), Error::kOutOfRange);
  EXPECT_EQ(write_tlv_header(TlvKind::kResourceValue, 300, 70000, std::span<uint8_t>(out, 5)).error(),
            Error::kBufferTooSmall);
}

TEST(TlvHeader, ParsesEveryForm) {
  auto bytes = hex("D8 09 00 00 02 AA BB");
  Result<TlvHeader> h = parse_tlv_header(bytes);
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->kind, TlvKind::kResourceValue);
  EXPECT_EQ(h->id, 9);
  EXPECT_EQ(h->length, 2u);
  EXPECT_EQ(h->header_size, 5u);

  bytes = hex("61 01 36 01");
  h = parse_tlv_header(bytes);
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->kind, TlvKind::kResourceInstance);
  EXPECT_EQ(h->id, 310);
  EXPECT_EQ(h->length, 1u);
  EXPECT_EQ(h->header_size, 3u);
}

TEST(TlvHeader, TruncatedHeaderOrValue) {
  for (const char* text : {"", "C1", "E1 00", "C8 09", "D0 09 01", "D8 09 00 00", "F8 00 09 00 00", "C1 09",
                           "C8 09 02 AA", "D0 09 00 03 AA BB", "07 00 01 02 03 04 05"}) {
    auto bytes = hex(text);
    EXPECT_EQ(parse_tlv_header(bytes).error(), Error::kTruncated) << text;
  }
}
