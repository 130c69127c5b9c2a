// TlvDecoder: accepted shapes per request level and every kind of malformed
// payload (Core TS §7.4.3).
#include <gtest/gtest.h>

#include <vector>

#include "tlv_test_util.h"

using namespace lwm2m;
using namespace lwm2m::test;

namespace {
Error decode_error(const char* payload, const Path& request) { return decode_tlv(hex(payload), request).error; }

std::vector<Path> paths(const Decoded& d) {
  std::vector<Path> out;
  for (const DecodedRecord& r : d.records) out.push_back(r.path);
  return out;
}
}  // namespace

TEST(TlvDecoder, EmptyPayloadHasNoRecords) {
  Decoded d = decode_tlv({}, {3, 0});
  EXPECT_EQ(d.error, Error::kOk);
  EXPECT_TRUE(d.records.empty());
}

TEST(TlvDecoder, ResourceInstancesDirectlyUnderResourceRequest) {
  Decoded d = decode_tlv(hex("41 00 01 41 01 05"), {3, 0, 6});
  ASSERT_EQ(d.error, Error::kOk);
  EXPECT_EQ(paths(d), (std::vector<Path>{{3, 0, 6, 0}, {3, 0, 6, 1}}));
  EXPECT_EQ(typed(d.records[1], DataType::kInteger), Value::of_integer(5));
}

TEST(TlvDecoder, NonShortestHeadersAreAccepted) {
  // 8-bit length field for a 1-byte value, 16-bit id field for id 9.
  Decoded d = decode_tlv(hex("C8 09 01 64 E1 00 0A 0F F0 00 0B 00 01 07"), {3, 0});
  ASSERT_EQ(d.error, Error::kOk);
  EXPECT_EQ(paths(d), (std::vector<Path>{{3, 0, 9}, {3, 0, 10}, {3, 0, 11}}));
  EXPECT_EQ(typed(d.records[2], DataType::kInteger), Value::of_integer(7));
}

TEST(TlvDecoder, SiblingsInAnyOrder) {
  Decoded d = decode_tlv(hex("C1 0A 0F C1 09 64 86 06 41 01 05 41 00 01"), {3, 0});
  ASSERT_EQ(d.error, Error::kOk);
  EXPECT_EQ(paths(d), (std::vector<Path>{{3, 0, 10}, {3, 0, 9}, {3, 0, 6, 1}, {3, 0, 6, 0}}));
}

TEST(TlvDecoder, EmptyContainersYieldNothing) {
  Decoded d = decode_tlv(hex("80 06 C1 09 64"), {3, 0});
  ASSERT_EQ(d.error, Error::kOk);
  EXPECT_EQ(paths(d), (std::vector<Path>{{3, 0, 9}}));
  d = decode_tlv(hex("00 01"), Path(3));
  EXPECT_EQ(d.error, Error::kOk);
  EXPECT_TRUE(d.records.empty());
}

TEST(TlvDecoder, WrappedInstanceIdForCreate) {
  // Create on /o: with the Object Instance TLV the server picked the id.
  EXPECT_EQ(TlvDecoder::wrapped_instance_id(hex("08 07 03 C1 09 64")).value(), 7);
  EXPECT_EQ(TlvDecoder::wrapped_instance_id(hex("28 01 2C 03 C1 09 64")).value(), 300);
  EXPECT_EQ(TlvDecoder::wrapped_instance_id(hex("C1 09 64")).error(), Error::kNotFound);
  EXPECT_EQ(TlvDecoder::wrapped_instance_id({}).error(), Error::kNotFound);
  EXPECT_EQ(TlvDecoder::wrapped_instance_id(hex("08 07")).error(), Error::kTruncated);
  EXPECT_EQ(TlvDecoder::wrapped_instance_id(hex("20 FF FF")).error(), Error::kInvalidPath);
  // Without it, the caller decodes the bare resources against /o/<its id>.
  Decoded d = decode_tlv(hex("C1 09 64"), {3, 4});
  ASSERT_EQ(d.error, Error::kOk);
  EXPECT_EQ(paths(d), (std::vector<Path>{{3, 4, 9}}));
}

TEST(TlvDecoder, RewindStartsOver) {
  auto payload = hex("C1 09 64 C1 0A 0F");
  TlvDecoder decoder(payload, {3, 0});
  DecodedRecord r;
  ASSERT_TRUE(decoder.next(r).value());
  ASSERT_TRUE(decoder.next(r).value());
  EXPECT_FALSE(decoder.next(r).value());
  decoder.rewind();
  ASSERT_TRUE(decoder.next(r).value());
  EXPECT_EQ(r.path, Path(3, 0, 9));
}

TEST(TlvDecoder, ErrorsAreStickyUntilRewind) {
  auto payload = hex("C1 09 64 C1 09 65");
  TlvDecoder decoder(payload, {3, 0});
  DecodedRecord r;
  ASSERT_TRUE(decoder.next(r).value());
  EXPECT_EQ(decoder.next(r).error(), Error::kDuplicate);
  EXPECT_EQ(decoder.next(r).error(), Error::kDuplicate);
  decoder.rewind();
  EXPECT_TRUE(decoder.next(r).value());
}

// --- malformed input -------------------------------------------------------

TEST(TlvDecoderMalformed, TruncatedHeaders) {
  EXPECT_EQ(decode_error("C8", {3, 0}), Error::kTruncated);
  EXPECT_EQ(decode_error("E1 00", {3, 0}), Error::kTruncated);       // 16-bit id cut short
  EXPECT_EQ(decode_error("D0 09 01", {3, 0}), Error::kTruncated);    // 16-bit length cut short
  EXPECT_EQ(decode_error("C1 09 64 D8 0A", {3, 0}), Error::kTruncated);
}

TEST(TlvDecoderMalformed, LengthsPastTheEnd) {
  EXPECT_EQ(decode_error("C8 00 14 4F 70 65 6E", {3, 0}), Error::kTruncated);
  EXPECT_EQ(decode_error("C3 03 31 2E", {3, 0}), Error::kTruncated);
  EXPECT_EQ(decode_error("D8 00 FF FF FF 00", {3, 0}), Error::kTruncated);
  EXPECT_EQ(decode_error("08 00 79 C1 09 64", Path(3)), Error::kTruncated);
}

TEST(TlvDecoderMalformed, ResourceInstanceAtTheWrongLevel) {
  EXPECT_EQ(decode_error("41 00 01", {3, 0}), Error::kMalformed);             // among resources
  EXPECT_EQ(decode_error("08 00 03 41 00 01", Path(3)), Error::kMalformed);   // inside an instance
  EXPECT_EQ(decode_error("41 00 01", Path(3)), Error::kMalformed);            // among instances
  EXPECT_EQ(decode_error("C1 06 01", {3, 0, 6, 1}), Error::kMalformed);       // resource for an instance request
}

TEST(TlvDecoderMalformed, ObjectInstanceInsideAResource) {
  EXPECT_EQ(decode_error("82 06 00 01", {3, 0}), Error::kMalformed);
  EXPECT_EQ(decode_error("85 06 03 01 C1 09 64", {3, 0, 6}), Error::kMalformed);
  // And nested Object Instance TLVs.
  EXPECT_EQ(decode_error("08 00 05 03 01 C1 09 64", Path(3)), Error::kMalformed);
  // A Resource TLV inside a Multiple Resource TLV.
  EXPECT_EQ(decode_error("83 06 C1 00 01", {3, 0}), Error::kMalformed);
  // Resources directly under an object request.
  EXPECT_EQ(decode_error("C1 09 64", Path(3)), Error::kMalformed);
}

TEST(TlvDecoderMalformed, DeepNestingIsBoundedByTheLevels) {
  // Containers nested as deep as the bytes allow never get past the level rules.
  std::vector<uint8_t> deep;
  for (int i = 0; i < 200; ++i) {  // Multiple Resource TLVs with 16-bit lengths, each inside the last
    const int inner = 4 * (199 - i);
    deep.insert(deep.end(), {0x90, 0x01, static_cast<uint8_t>(inner >> 8), static_cast<uint8_t>(inner)});
  }
  EXPECT_EQ(decode_tlv(deep, {3, 0}).error, Error::kMalformed);
}

TEST(TlvDecoderMalformed, DuplicateIdsAtTheSameLevel) {
  EXPECT_EQ(decode_error("C1 09 64 C1 09 65", {3, 0}), Error::kDuplicate);
  EXPECT_EQ(decode_error("C1 09 64 C1 0A 0F C1 09 01", {3, 0}), Error::kDuplicate);   // not adjacent
  EXPECT_EQ(decode_error("C1 0A 0F C1 09 64 C1 0A 01", {3, 0}), Error::kDuplicate);   // after a step back
  EXPECT_EQ(decode_error("C1 06 01 83 06 41 00 01", {3, 0}), Error::kDuplicate);      // resource vs multiple
  EXPECT_EQ(decode_error("86 06 41 00 01 41 00 05", {3, 0}), Error::kDuplicate);      // resource instances
  EXPECT_EQ(decode_error("03 00 C1 09 64 03 00 C1 09 64", Path(3)), Error::kDuplicate);
  EXPECT_EQ(decode_error("C1 09 64 C1 09 64", {3, 0, 9}), Error::kDuplicate);          // the resource twice
  EXPECT_EQ(decode_error("03 00 C1 09 64 03 00 C1 0A 0F", {3, 0}), Error::kDuplicate);  // the wrapper twice
  // The same ids in different containers are fine.
  EXPECT_EQ(decode_error("03 00 C1 09 64 03 01 C1 09 64", Path(3)), Error::kOk);
}

TEST(TlvDecoderMalformed, ReservedId65535) {
  EXPECT_EQ(decode_error("E1 FF FF 01", {3, 0}), Error::kInvalidPath);
  EXPECT_EQ(decode_error("84 06 61 FF FF 01", {3, 0}), Error::kInvalidPath);
  EXPECT_EQ(decode_error("20 FF FF", Path(3)), Error::kInvalidPath);
}

TEST(TlvDecoderMalformed, NestedContentMustFillTheContainerExactly) {
  // The child runs past its container (which the payload itself could hold).
  EXPECT_EQ(decode_error("82 06 41 00 01", {3, 0}), Error::kMalformed);
  EXPECT_EQ(decode_error("08 00 02 C1 09 64", Path(3)), Error::kMalformed);
  // A stray byte after the last child inside the container.
  EXPECT_EQ(decode_error("84 06 41 00 01 00", {3, 0}), Error::kMalformed);
  EXPECT_EQ(decode_error("04 00 C1 09 64 00", Path(3)), Error::kMalformed);
}

TEST(TlvDecoderMalformed, TrailingGarbage) {
  EXPECT_EQ(decode_error("C1 09 64 00", {3, 0}), Error::kTruncated);
  EXPECT_EQ(decode_error("C1 09 64 FF", {3, 0}), Error::kTruncated);
  EXPECT_EQ(decode_error("41 01 05 41 02 06", {3, 0, 6, 1}), Error::kBadRequest);
  EXPECT_EQ(decode_error("41 01 05 01", {3, 0, 6, 1}), Error::kTruncated);
}

TEST(TlvDecoderMalformed, IdsThatContradictTheRequestPath) {
  EXPECT_EQ(decode_error("03 01 C1 09 64", {3, 0}), Error::kBadRequest);
  EXPECT_EQ(decode_error("C1 0A 0F", {3, 0, 9}), Error::kBadRequest);
  EXPECT_EQ(decode_error("83 07 41 00 01", {3, 0, 6}), Error::kBadRequest);
  EXPECT_EQ(decode_error("41 00 01", {3, 0, 6, 1}), Error::kBadRequest);
}

TEST(TlvDecoderMalformed, WrapperMixedWithBareResources) {
  EXPECT_EQ(decode_error("C1 09 64 03 00 C1 0A 0F", {3, 0}), Error::kMalformed);
  EXPECT_EQ(decode_error("03 00 C1 09 64 C1 0A 0F", {3, 0}), Error::kMalformed);
  EXPECT_EQ(decode_error("86 06 41 00 01 41 01 05 41 02 07", {3, 0, 6}), Error::kMalformed);
}

TEST(TlvDecoderMalformed, RootRequestIsRefused) {
  EXPECT_EQ(decode_error("08 00 03 C1 09 64", Path()), Error::kBadRequest);
}

TEST(TlvDecoderMalformed, ValuesOfTheWrongShapeFailInConvert) {
  // The decoder hands over bytes; convert() judges them for the data type.
  Decoded d = decode_tlv(hex("C3 09 01 02 03 C2 0A C3 28 C2 0B 01 02 C2 0C 80 00"), {3, 0});
  ASSERT_EQ(d.error, Error::kOk);
  ASSERT_EQ(d.records.size(), 4u);
  EXPECT_EQ(convert(d.records[0].value, DataType::kInteger, {}).error(), Error::kMalformed);   // 3-byte integer
  EXPECT_EQ(convert(d.records[1].value, DataType::kString, {}).error(), Error::kInvalidUtf8);  // C3 without a continuation byte
  EXPECT_EQ(convert(d.records[2].value, DataType::kBoolean, {}).error(), Error::kMalformed);
  EXPECT_EQ(convert(d.records[3].value, DataType::kFloat, {}).error(), Error::kMalformed);
}
