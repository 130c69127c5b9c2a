// Helpers shared by the TLV tests: hex payloads, encode and decode in one call.
#pragma once

#include <gtest/gtest.h>

#include <cctype>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "lwm2m/core/record.h"
#include "lwm2m/tlv/tlv_decoder.h"
#include "lwm2m/tlv/tlv_encoder.h"
#include "tests/unit/common/record_test_util.h"

namespace lwm2m::test {

// "C8 00 14 4F" -> bytes; spaces and newlines are ignored.
inline std::vector<uint8_t> hex(std::string_view text) {
  std::vector<uint8_t> out;
  int high = -1;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) continue;
    int v = std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : std::toupper(c) - 'A' + 10;
    if (high < 0) {
      high = v;
    } else {
      out.push_back(static_cast<uint8_t>(high << 4 | v));
      high = -1;
    }
  }
  return out;
}

using record_test::Encoded;
using record_test::record;

inline Encoded encode_tlv(const Path& request, const std::vector<Record>& records, size_t capacity = 4096) {
  return record_test::encode_with<TlvEncoder>(request, records, capacity);
}

// Keeps its own copy of the payload: the records' bytes point into it.
struct Decoded {
  Error error = Error::kOk;
  std::vector<DecodedRecord> records;
  std::shared_ptr<const std::vector<uint8_t>> payload;
};

inline Decoded decode_tlv(const std::vector<uint8_t>& bytes, const Path& request) {
  Decoded result;
  result.payload = std::make_shared<const std::vector<uint8_t>>(bytes);
  TlvDecoder decoder(*result.payload, request);
  for (;;) {
    DecodedRecord r;
    Result<bool> more = decoder.next(r);
    if (!more.ok()) {
      result.error = more.error();
      return result;
    }
    if (!*more) return result;
    result.records.push_back(r);
  }
}

// The typed value of a decoded TLV record, for the resource's data type.
inline Value typed(const DecodedRecord& r, DataType type) {
  Result<Value> v = convert(r.value, type, {});
  EXPECT_TRUE(v.ok()) << error_name(v.error());
  return v.value();
}

}  // namespace lwm2m::test
