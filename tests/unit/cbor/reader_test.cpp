// CborReader API: typed readers, failures that consume nothing, chunked
// strings, container counts and skip().
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cbor_test_util.h"
#include "lwm2m/cbor/cbor_reader.h"

namespace {

using cbor_test::from_hex;
using lwm2m::Error;
using lwm2m::cbor::CborReader;
using lwm2m::cbor::MajorType;

TEST(CborReader, HeadFieldsForEachMajorType) {
  std::vector<uint8_t> b = from_hex("1903e8");
  CborReader r(b);
  auto h = r.read_head();
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->major, MajorType::kUnsigned);
  EXPECT_EQ(h->info, 25);
  EXPECT_EQ(h->argument, 1000u);
  EXPECT_TRUE(r.at_end());

  std::vector<uint8_t> brk = from_hex("ff");
  CborReader r2(brk);
  auto b2 = r2.peek_head();
  ASSERT_TRUE(b2.ok());
  EXPECT_TRUE(b2->is_break());
  EXPECT_EQ(r2.offset(), 0u);  // peek consumes nothing
}

TEST(CborReader, ReadIntCoversInt64AndRejectsBeyond) {
  std::vector<uint8_t> b = from_hex("3b7fffffffffffffff 1b7fffffffffffffff 3b8000000000000000");
  CborReader r(b);
  EXPECT_EQ(*r.read_int(), INT64_MIN);
  EXPECT_EQ(*r.read_int(), INT64_MAX);
  EXPECT_EQ(r.read_int().error(), Error::kOutOfRange);
  EXPECT_EQ(r.offset(), 18u);  // the failed read consumed nothing
}

TEST(CborReader, TypedReadersConsumeNothingOnMismatch) {
  std::vector<uint8_t> b = from_hex("6161");
  CborReader r(b);
  EXPECT_EQ(r.read_unsigned().error(), Error::kTypeMismatch);
  EXPECT_EQ(r.read_bytes().error(), Error::kTypeMismatch);
  EXPECT_EQ(r.read_float().error(), Error::kTypeMismatch);
  EXPECT_EQ(r.read_bool().error(), Error::kTypeMismatch);
  EXPECT_EQ(r.read_null().error(), Error::kTypeMismatch);
  EXPECT_EQ(r.read_map().error(), Error::kTypeMismatch);
  EXPECT_EQ(r.read_tag().error(), Error::kTypeMismatch);
  EXPECT_EQ(r.offset(), 0u);
  EXPECT_EQ(*r.read_text(), "a");
}

TEST(CborReader, TextIsValidatedAsUtf8) {
  std::vector<uint8_t> b = from_hex("62c328");
  CborReader r(b);
  EXPECT_EQ(r.read_text().error(), Error::kInvalidUtf8);
  EXPECT_EQ(r.offset(), 0u);
}

TEST(CborReader, IndefiniteStringsByChunksOrConcatenated) {
  std::vector<uint8_t> b = from_hex("7f657374726561646d696e67ff");
  CborReader r(b);
  EXPECT_EQ(r.read_text().error(), Error::kUnsupportedFormat);
  uint8_t scratch[16];
  auto n = r.read_text_into(scratch);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(std::string(reinterpret_cast<char*>(scratch), *n), "streaming");
  EXPECT_TRUE(r.at_end());

  CborReader chunks(b);
  auto head = chunks.read_head();
  ASSERT_TRUE(head.ok() && head->indefinite());
  std::span<const uint8_t> chunk;
  std::vector<size_t> sizes;
  for (;;) {
    auto more = chunks.next_chunk(MajorType::kText, chunk);
    ASSERT_TRUE(more.ok());
    if (!*more) break;
    sizes.push_back(chunk.size());
  }
  EXPECT_EQ(sizes, (std::vector<size_t>{5, 4}));
  EXPECT_TRUE(chunks.at_end());
}

TEST(CborReader, ConcatenationIntoSmallScratchFailsCleanly) {
  std::vector<uint8_t> b = from_hex("5f42010243030405ff");
  CborReader r(b);
  uint8_t scratch[4];
  EXPECT_EQ(r.read_bytes_into(scratch).error(), Error::kBufferTooSmall);
  EXPECT_EQ(r.offset(), 0u);
  uint8_t enough[5];
  EXPECT_EQ(*r.read_bytes_into(enough), 5u);
}

TEST(CborReader, DefiniteBytesIntoScratch) {
  std::vector<uint8_t> b = from_hex("4401020304");
  CborReader r(b);
  uint8_t scratch[4];
  EXPECT_EQ(*r.read_bytes_into(scratch), 4u);
  EXPECT_EQ(scratch[3], 4);
}

TEST(CborReader, ContainerCountsAreCheckedAgainstTheInput) {
  std::vector<uint8_t> b = from_hex("a2 01 02 03");  // needs 4 bytes after the head
  CborReader r(b);
  EXPECT_EQ(r.read_map().error(), Error::kTruncated);
  std::vector<uint8_t> ok = from_hex("a2 01 02 03 04");
  CborReader r2(ok);
  auto m = r2.read_map();
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->count, 2u);
  EXPECT_FALSE(m->indefinite);
}

TEST(CborReader, SkipMovesPastOneWholeItem) {
  std::vector<uint8_t> b = from_hex("bf61610161629f0203ffff 07");
  CborReader r(b);
  ASSERT_TRUE(r.skip().ok());
  EXPECT_EQ(*r.read_unsigned(), 7u);
}

TEST(CborReader, SkipHonoursTheReaderDepth) {
  std::vector<uint8_t> b = from_hex("818100");
  CborReader shallow(b, 1);
  EXPECT_EQ(shallow.skip().error(), Error::kTooDeep);
  CborReader deep(b, 2);
  EXPECT_TRUE(deep.skip().ok());
}

TEST(CborReader, BoolNullAndTag) {
  std::vector<uint8_t> b = from_hex("f5 f4 f6 c1 00");
  CborReader r(b);
  EXPECT_TRUE(*r.read_bool());
  EXPECT_FALSE(*r.read_bool());
  EXPECT_TRUE(r.read_null().ok());
  EXPECT_EQ(*r.read_tag(), 1u);
  EXPECT_EQ(*r.read_unsigned(), 0u);
  EXPECT_EQ(r.read_unsigned().error(), Error::kTruncated);
}

}  // namespace
