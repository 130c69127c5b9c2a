// RFC 8949 Appendix F.1: every example of a not-well-formed item is rejected
// with a clear error, plus nesting, overflow and UTF-8 cases.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cbor_test_util.h"
#include "lwm2m/cbor/cbor_reader.h"

namespace {

using cbor_test::from_hex;
using lwm2m::Error;
using lwm2m::cbor::check_well_formed;

struct Malformed {
  const char* hex;
  Error expected;
};

void expect_all(const std::vector<Malformed>& cases) {
  for (const Malformed& m : cases) {
    std::vector<uint8_t> bytes = from_hex(m.hex);
    EXPECT_EQ(check_well_formed(bytes).error(), m.expected)
        << m.hex << " gave " << lwm2m::error_name(check_well_formed(bytes).error());
  }
}

// F.1 "Too little data": the end of the input comes inside an item.
TEST(CborAppendixF, EndOfInputInHead) {
  expect_all({{"18", Error::kTruncated},       {"19 01", Error::kTruncated},
              {"1a 01 02 03", Error::kTruncated}, {"1b 01 02 03 04 05 06 07", Error::kTruncated},
              {"38", Error::kTruncated},       {"58", Error::kTruncated},
              {"78", Error::kTruncated},       {"98", Error::kTruncated},
              {"9a 01 ff 00", Error::kTruncated}, {"b8", Error::kTruncated},
              {"d8", Error::kTruncated},       {"f8", Error::kTruncated},
              {"f9 00", Error::kTruncated},    {"fa 00 00", Error::kTruncated},
              {"fb 00 00 00", Error::kTruncated}});
}

TEST(CborAppendixF, DefiniteStringsShortOfData) {
  expect_all({{"41", Error::kTruncated},
              {"61", Error::kTruncated},
              {"5a ff ff ff ff 00", Error::kTruncated},
              {"5b ff ff ff ff ff ff ff ff 01 02 03", Error::kTruncated},
              {"7a ff ff ff ff 00", Error::kTruncated},
              {"7b 7f ff ff ff ff ff ff ff 01 02 03", Error::kTruncated}});
}

TEST(CborAppendixF, DefiniteContainersShortOfItems) {
  expect_all({{"81", Error::kTruncated},
              {"81 81 81 81 81 81 81 81 81", Error::kTruncated},
              {"82 00", Error::kTruncated},
              {"a1", Error::kTruncated},
              {"a2 01 02", Error::kTruncated},
              {"a1 00", Error::kTruncated},
              {"a2 00 00 00", Error::kTruncated}});
}

TEST(CborAppendixF, TagWithoutContent) { expect_all({{"c0", Error::kTruncated}}); }

TEST(CborAppendixF, IndefiniteItemsNotClosed) {
  expect_all({{"5f 41 00", Error::kTruncated},
              {"7f 61 00", Error::kTruncated},
              {"9f", Error::kTruncated},
              {"9f 01 02", Error::kTruncated},
              {"bf", Error::kTruncated},
              {"bf 01 02 01 02", Error::kTruncated},
              {"81 9f", Error::kTruncated},
              {"9f 80 00", Error::kTruncated},
              {"9f 9f 9f 9f 9f ff ff ff ff", Error::kTruncated},
              {"9f 81 9f 81 9f 9f ff ff ff", Error::kTruncated}});
}

// F.1 "Syntax error": reserved additional information 28..30.
TEST(CborAppendixF, ReservedAdditionalInformation) {
  std::vector<Malformed> cases;
  static const char* kHex[] = {"1c", "1d", "1e", "3c", "3d", "3e", "5c", "5d", "5e", "7c", "7d", "7e",
                               "9c", "9d", "9e", "bc", "bd", "be", "dc", "dd", "de", "fc", "fd", "fe"};
  for (const char* h : kHex) cases.push_back({h, Error::kMalformed});
  expect_all(cases);
}

TEST(CborAppendixF, ReservedTwoByteSimpleValues) {
  expect_all({{"f8 00", Error::kMalformed},
              {"f8 01", Error::kMalformed},
              {"f8 18", Error::kMalformed},
              {"f8 1f", Error::kMalformed}});
}

TEST(CborAppendixF, IndefiniteStringChunksOfWrongType) {
  expect_all({{"5f 00 ff", Error::kMalformed},
              {"5f 21 ff", Error::kMalformed},
              {"5f 61 00 ff", Error::kMalformed},
              {"5f 80 ff", Error::kMalformed},
              {"5f a0 ff", Error::kMalformed},
              {"5f c0 00 ff", Error::kMalformed},
              {"5f e0 ff", Error::kMalformed},
              {"7f 41 00 ff", Error::kMalformed}});
}

TEST(CborAppendixF, IndefiniteStringChunksNotDefinite) {
  expect_all({{"5f 5f 41 00 ff ff", Error::kMalformed}, {"7f 7f 61 00 ff ff", Error::kMalformed}});
}

TEST(CborAppendixF, BreakOutsideIndefiniteContainer) {
  expect_all({{"ff", Error::kMalformed},
              {"81 ff", Error::kMalformed},
              {"82 00 ff", Error::kMalformed},
              {"a1 ff", Error::kTruncated},  // one pair needs two bytes: the count check reports it first
              {"a1 ff 00", Error::kMalformed},
              {"a1 00 ff", Error::kMalformed},
              // Two pairs need four bytes, so the count check reports it first.
              {"a2 00 00 ff", Error::kTruncated},
              {"a2 00 00 ff 00", Error::kMalformed},
              {"9f 81 ff", Error::kMalformed},
              {"9f 82 9f 81 9f 9f ff ff ff ff", Error::kMalformed},
              {"9f c0 ff", Error::kMalformed}});
}

TEST(CborAppendixF, BreakInIndefiniteMapAfterKey) {
  expect_all({{"bf 00 ff", Error::kMalformed}, {"bf 00 00 00 ff", Error::kMalformed}});
}

TEST(CborAppendixF, IndefiniteLengthOnIntegersAndTags) {
  expect_all({{"1f", Error::kMalformed}, {"3f", Error::kMalformed}, {"df", Error::kMalformed}});
}

TEST(CborWellFormed, TrailingBytesAfterTheItem) {
  expect_all({{"00 00", Error::kMalformed}, {"a0 ff", Error::kMalformed}});
}

TEST(CborWellFormed, HugeCountsDoNotOverflow) {
  expect_all({{"9b ff ff ff ff ff ff ff ff", Error::kTruncated},
              {"bb ff ff ff ff ff ff ff ff", Error::kTruncated},
              {"bb 80 00 00 00 00 00 00 00 00 00", Error::kTruncated},
              {"5b ff ff ff ff ff ff ff ff", Error::kTruncated}});
}

TEST(CborWellFormed, TextMustBeUtf8) {
  expect_all({{"62 c3 28", Error::kInvalidUtf8},
              {"63 ed a0 80", Error::kInvalidUtf8},  // a surrogate
              {"62 c0 80", Error::kInvalidUtf8},     // overlong NUL
              // RFC 8949 §3.2.3: a character may not be split across chunks.
              {"7f 61 c3 61 bc ff", Error::kInvalidUtf8}});
  // Byte strings carry any bytes.
  EXPECT_TRUE(check_well_formed(from_hex("42 c3 28")).ok());
}

std::vector<uint8_t> nested(size_t depth, uint8_t open, const std::vector<uint8_t>& inner,
                            uint8_t close = 0) {
  std::vector<uint8_t> out(depth, open);
  out.insert(out.end(), inner.begin(), inner.end());
  if (close) out.insert(out.end(), depth, close);
  return out;
}

TEST(CborWellFormed, NestingUpToTheDefaultBoundIsAccepted) {
  EXPECT_TRUE(check_well_formed(nested(16, 0x81, {0x00})).ok());
  EXPECT_TRUE(check_well_formed(nested(16, 0x9f, {}, 0xff)).ok());
}

TEST(CborWellFormed, DeepNestingIsRejectedWithTooDeep) {
  EXPECT_EQ(check_well_formed(nested(17, 0x81, {0x00})).error(), Error::kTooDeep);
  EXPECT_EQ(check_well_formed(nested(17, 0x9f, {}, 0xff)).error(), Error::kTooDeep);
  std::vector<uint8_t> maps;
  for (int i = 0; i < 17; ++i) maps.insert(maps.end(), {0xa1, 0x00});
  maps.push_back(0x00);
  EXPECT_EQ(check_well_formed(maps).error(), Error::kTooDeep);
  // Far beyond any stack: still a clean error.
  EXPECT_EQ(check_well_formed(nested(100000, 0x9f, {}, 0xff)).error(), Error::kTooDeep);
}

TEST(CborWellFormed, DepthBoundIsConfigurable) {
  EXPECT_EQ(check_well_formed(nested(3, 0x81, {0x00}), 2).error(), Error::kTooDeep);
  EXPECT_TRUE(check_well_formed(nested(3, 0x81, {0x00}), 3).ok());
}

TEST(CborWellFormed, LongTagChainsNeedNoStack) {
  EXPECT_TRUE(check_well_formed(nested(100000, 0xc6, {0x00})).ok());
  EXPECT_EQ(check_well_formed(nested(100000, 0xc6, {})).error(), Error::kTruncated);
}

TEST(CborWellFormed, EmptyInputIsTruncated) {
  EXPECT_EQ(check_well_formed({}).error(), Error::kTruncated);
}

}  // namespace
