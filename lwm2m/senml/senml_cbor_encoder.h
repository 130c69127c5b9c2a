// SenML CBOR encoder (content format 112, Core TS §7.4.5, RFC 8428 §6).
#pragma once

#include <cstdint>
#include <span>

#include "lwm2m/core/byte_writer.h"
#include "lwm2m/core/record.h"
#include "lwm2m/senml/senml_pack.h"

namespace lwm2m {

// Integer labels of RFC 8428 §6 and the text label "vlo" for Objlnk. The pack
// is a definite-length array whose head is written at finish(), once the
// record count is known (shortest head, RFC 8949 §4.2 preferred serialization).
class SenmlCborEncoder final : public RecordEncoder {
 public:
  explicit SenmlCborEncoder(std::span<uint8_t> out) : bytes_(out) {}

  Status begin(const Path& request_path) override;
  Status add(const Record& record) override;
  Result<size_t> finish() override;

 private:
  ByteWriter bytes_;
  senml::NameAndTimePlanner planner_;
  uint64_t records_ = 0;
  bool begun_ = false;
  Error error_ = Error::kOk;  // a failed add() spoils the payload: finish() reports it
};

}  // namespace lwm2m
