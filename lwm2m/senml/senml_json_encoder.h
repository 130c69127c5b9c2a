// SenML JSON encoder (content format 110, Core TS §7.4.4, RFC 8428 §5).
#pragma once

#include <cstdint>
#include <span>

#include "lwm2m/core/byte_writer.h"
#include "lwm2m/core/record.h"
#include "lwm2m/json/json_writer.h"
#include "lwm2m/senml/senml_pack.h"

namespace lwm2m {

class SenmlJsonEncoder final : public RecordEncoder {
 public:
  explicit SenmlJsonEncoder(std::span<uint8_t> out) : bytes_(out), json_(bytes_) {}

  Status begin(const Path& request_path) override;
  Status add(const Record& record) override;
  Result<size_t> finish() override;

 private:
  ByteWriter bytes_;
  JsonWriter json_;
  senml::NameAndTimePlanner planner_;
  bool begun_ = false;
};

}  // namespace lwm2m
