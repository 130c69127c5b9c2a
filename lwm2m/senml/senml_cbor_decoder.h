// SenML CBOR decoder (content format 112, Core TS §7.4.5, RFC 8428 §6).
#pragma once

#include <cstdint>
#include <span>

#include "lwm2m/cbor/cbor_reader.h"
#include "lwm2m/core/record.h"
#include "lwm2m/senml/senml_pack.h"

namespace lwm2m {

// Reads the records of a SenML CBOR pack in place. Values: v by CBOR major
// type (unsigned -> kInteger, or kUnsignedInteger above INT64_MAX; negative ->
// kInteger; float -> kFloat), vs -> kString, vb -> kBoolean, vd (byte string)
// -> kOpaque, "vlo" -> kObjlnk. `scratch` holds indefinite-length strings;
// a record's values are valid until the next call to next().
class SenmlCborDecoder final : public RecordDecoder {
 public:
  SenmlCborDecoder(std::span<const uint8_t> payload, const Path& request_path, std::span<uint8_t> scratch)
      : payload_(payload), reader_(payload), scratch_(scratch), progress_(request_path) {}

  Result<bool> next(DecodedRecord& out) override;
  void rewind() override;

 private:
  Status read_record(senml::RawRecord& raw);
  Status read_pair(senml::RawRecord& raw);
  Status read_field(senml::Field field, senml::RawRecord& raw);
  Result<std::span<const uint8_t>> read_string(cbor::MajorType type);
  Result<Value> read_number();
  Result<double> read_double();

  std::span<const uint8_t> payload_;
  cbor::CborReader reader_;
  std::span<uint8_t> scratch_;
  size_t scratch_used_ = 0;
  senml::PackProgress progress_;
  uint64_t records_left_ = 0;
  bool indefinite_ = false;
};

}  // namespace lwm2m
