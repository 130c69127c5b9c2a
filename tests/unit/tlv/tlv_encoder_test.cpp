// TlvEncoder: hierarchy per request level, long values, and refusals.
#include <gtest/gtest.h>

#include <vector>

#include "tlv_test_util.h"

using namespace lwm2m;
using namespace lwm2m::test;

TEST(TlvEncoder, ObjectRequestGroupsResourcesPerInstance) {
  Encoded e = encode_tlv(Path(5), {record({5, 0, 1}, Value::of_integer(1)), record({5, 0, 2, 0}, Value::of_integer(2)),
                                   record({5, 0, 2, 1}, Value::of_integer(3)), record({5, 1, 1}, Value::of_integer(4))});
  ASSERT_EQ(e.error, Error::kOk);
  EXPECT_EQ(e.bytes, hex("08 00 0B C1 01 01 86 02 41 00 02 41 01 03"
                         "03 01 C1 01 04"));
}

TEST(TlvEncoder, MultipleResourceFollowedByAnotherMultipleResource) {
  Encoded e = encode_tlv({5, 0}, {record({5, 0, 1, 0}, Value::of_integer(1)), record({5, 0, 2, 0}, Value::of_integer(2))});
  ASSERT_EQ(e.error, Error::kOk);
  EXPECT_EQ(e.bytes, hex("83 01 41 00 01 83 02 41 00 02"));
}

TEST(TlvEncoder, EmptyReadGivesEmptyPayload) {
  Encoded e = encode_tlv({3, 0}, {});
  ASSERT_EQ(e.error, Error::kOk);
  EXPECT_TRUE(e.bytes.empty());
}

TEST(TlvEncoder, SixteenBitIdsAndLongLengths) {
  std::vector<uint8_t> big(70000, 0xAB);
  std::vector<uint8_t> medium(300, 0xCD);
  Encoded e = encode_tlv(Path(1000), {record({1000, 300, 400}, Value::of_opaque(medium)),
                                      record({1000, 300, 401, 500}, Value::of_opaque(big))},
                         80000);
  ASSERT_EQ(e.error, Error::kOk);
  // Instance: 16-bit id, 24-bit length; resource 400: 16-bit id and length;
  // multiple resource 401 and instance 500: 16-bit ids, 24-bit lengths.
  const size_t resource = 1 + 2 + 2 + 300;
  const size_t instance_500 = 1 + 2 + 3 + 70000;
  const size_t multiple = 1 + 2 + 3 + instance_500;
  const size_t content = resource + multiple;
  ASSERT_EQ(e.bytes.size(), 1 + 2 + 3 + content);
  std::vector<uint8_t> header = hex("38 01 2C");
  header.push_back(static_cast<uint8_t>(content >> 16));
  header.push_back(static_cast<uint8_t>(content >> 8));
  header.push_back(static_cast<uint8_t>(content));
  EXPECT_EQ(std::vector<uint8_t>(e.bytes.begin(), e.bytes.begin() + 6), header);
  Decoded d = decode_tlv(e.bytes, Path(1000));
  ASSERT_EQ(d.error, Error::kOk);
  ASSERT_EQ(d.records.size(), 2u);
  EXPECT_EQ(d.records[0].path, Path(1000, 300, 400));
  EXPECT_EQ(d.records[0].value.value.bytes.size(), 300u);
  EXPECT_EQ(d.records[1].path, Path(1000, 300, 401, 500));
  EXPECT_EQ(d.records[1].value.value.bytes.size(), 70000u);
  EXPECT_EQ(d.records[1].value.value.bytes[69999], 0xAB);
}

TEST(TlvEncoder, RootCannotBeExpressed) {
  EXPECT_EQ(encode_tlv(Path(), {}).error, Error::kNotAcceptable);
}

TEST(TlvEncoder, RefusesBrokenRecordStreams) {
  // Out of order, repeated, outside the request, too shallow.
  EXPECT_EQ(encode_tlv({3, 0}, {record({3, 0, 2}, Value::of_integer(1)), record({3, 0, 1}, Value::of_integer(1))}).error,
            Error::kInternal);
  EXPECT_EQ(encode_tlv({3, 0}, {record({3, 0, 1}, Value::of_integer(1)), record({3, 0, 1}, Value::of_integer(1))}).error,
            Error::kInternal);
  EXPECT_EQ(encode_tlv({3, 0}, {record({3, 1, 1}, Value::of_integer(1))}).error, Error::kInternal);
  EXPECT_EQ(encode_tlv(Path(3), {record({3, 0}, Value::of_integer(1))}).error, Error::kInternal);
  // A single resource and then an instance of it.
  EXPECT_EQ(encode_tlv({3, 0}, {record({3, 0, 6}, Value::of_integer(1)), record({3, 0, 6, 0}, Value::of_integer(1))}).error,
            Error::kInternal);
  EXPECT_EQ(encode_tlv({3, 0, 6}, {record({3, 0, 6}, Value::of_integer(1)), record({3, 0, 6, 0}, Value::of_integer(1))}).error,
            Error::kInternal);
  // A resource instance under a request for a different instance.
  EXPECT_EQ(encode_tlv({3, 0, 6, 1}, {record({3, 0, 6, 0}, Value::of_integer(1))}).error, Error::kInternal);
}

TEST(TlvEncoder, RefusesValuelessRecords) {
  EXPECT_EQ(encode_tlv({3, 0}, {record({3, 0, 4}, Value::none())}).error, Error::kNotAcceptable);
}

TEST(TlvEncoder, EveryTooSmallBufferFailsCleanly) {
  const std::vector<Record> records = {
      record({2, 0, 0}, Value::of_integer(1)),      record({2, 0, 2, 127}, Value::of_integer(7)),
      record({2, 0, 3}, Value::of_integer(127)),    record({2, 2, 2, 310}, Value::of_integer(1)),
      record({2, 2, 3}, Value::of_string("abcdefghij")),
  };
  Encoded full = encode_tlv(Path(2), records);
  ASSERT_EQ(full.error, Error::kOk);
  for (size_t capacity = 0; capacity < full.bytes.size(); ++capacity)
    EXPECT_EQ(encode_tlv(Path(2), records, capacity).error, Error::kBufferTooSmall) << capacity;
  // Back-patching needs at most 4 spare bytes per open container.
  Encoded roomy = encode_tlv(Path(2), records, full.bytes.size() + 8);
  ASSERT_EQ(roomy.error, Error::kOk);
  EXPECT_EQ(roomy.bytes, full.bytes);
}

TEST(TlvEncoder, ErrorsAreStickyUntilBegin) {
  uint8_t buffer[4];
  TlvEncoder encoder(buffer);
  ASSERT_TRUE(encoder.begin({3, 0}).ok());
  EXPECT_EQ(encoder.add(record({3, 0, 0}, Value::of_string("too long for four"))).error(), Error::kBufferTooSmall);
  EXPECT_EQ(encoder.add(record({3, 0, 9}, Value::of_integer(1))).error(), Error::kBufferTooSmall);
  EXPECT_EQ(encoder.finish().error(), Error::kBufferTooSmall);
  ASSERT_TRUE(encoder.begin({3, 0}).ok());
  ASSERT_TRUE(encoder.add(record({3, 0, 9}, Value::of_integer(100))).ok());
  EXPECT_EQ(encoder.finish().value(), 3u);
  EXPECT_EQ(std::vector<uint8_t>(buffer, buffer + 3), hex("C1 09 64"));
}

TEST(TlvEncoder, AddOrFinishWithoutBeginIsRefused) {
  uint8_t buffer[16];
  TlvEncoder encoder(buffer);
  EXPECT_EQ(encoder.add(record({3, 0, 9}, Value::of_integer(1))).error(), Error::kInternal);
  TlvEncoder other(buffer);
  EXPECT_EQ(other.finish().error(), Error::kInternal);
}
