// SenML JSON decoder (content format 110, Core TS §7.4.4, RFC 8428 §5).
#pragma once

#include <cstdint>
#include <span>

#include "lwm2m/core/record.h"
#include "lwm2m/json/json_reader.h"
#include "lwm2m/senml/senml_pack.h"

namespace lwm2m {

// Reads the records of a SenML JSON pack in place. `scratch` holds unescaped
// strings and decoded "vd" bytes; a record's values are valid until the next
// call to next(). Paths are bn+n, and must lie within `request_path`.
class SenmlJsonDecoder final : public RecordDecoder {
 public:
  SenmlJsonDecoder(std::span<const uint8_t> payload, const Path& request_path, std::span<uint8_t> scratch)
      : reader_(payload, scratch), progress_(request_path) {}

  Result<bool> next(DecodedRecord& out) override;
  void rewind() override;

 private:
  Status read_record(senml::RawRecord& raw);
  Status read_field(senml::Field field, senml::RawRecord& raw);
  Result<JsonToken> read_scalar();

  JsonReader reader_;
  senml::PackProgress progress_;
};

}  // namespace lwm2m
