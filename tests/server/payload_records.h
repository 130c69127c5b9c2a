// Payloads as records for tests: decode what a client answered with the
// project's decoders (lwm2m::AnyDecoder) into owned records, and encode
// records for Write, Create, Write-Composite and Bootstrap-Write with
// lwm2m::AnyEncoder. Host test code: owns its bytes on the heap.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "lwm2m/core/path.h"
#include "lwm2m/core/record.h"
#include "lwm2m/core/status.h"
#include "lwm2m/core/value.h"

namespace lwm2m::test_server {

// One decoded record whose bytes live in the record itself.
struct OwnedRecord {
  Path path;
  DataType type = DataType::kNone;  // as the format gave it (typed formats)
  WireEncoding encoding = WireEncoding::kTyped;
  std::vector<uint8_t> bytes;  // string, opaque, corelnk, or untyped text/TLV bytes
  Value scalar;                // numbers, booleans, objlnk (bytes unused)
  double time = 0;
  bool has_time = false;

  std::string path_text() const;
  // The value as `target` (Appendix C conversions; TLV and text/plain bytes
  // are interpreted as `target`). Strings and opaque views point into `bytes`
  // or `scratch`.
  Result<Value> as(DataType target, std::span<uint8_t> scratch) const;
  Result<int64_t> as_integer() const;
  Result<double> as_float() const;
  Result<bool> as_boolean() const;
  Result<std::string> as_string() const;  // strings, corelnk, text
};

// Decodes a whole payload; an error for any malformed record.
Result<std::vector<OwnedRecord>> decode_records(uint16_t content_format, std::span<const uint8_t> payload,
                                                const Path& request_path);

// Encodes `records` (ascending path order, all within `request_path`).
Result<std::vector<uint8_t>> encode_records(uint16_t content_format, const Path& request_path,
                                            std::span<const Record> records);

// A Read-Composite / Observe-Composite request body naming `paths`
// (SenML JSON [{"n":..}] or SenML CBOR [{0:..}], Core TS §7.4.6/§7.4.7).
Result<std::vector<uint8_t>> encode_composite_paths(uint16_t content_format, const std::vector<std::string>& paths);

}  // namespace lwm2m::test_server
