// OMA TLV encoder (content format 11542, Core TS §7.4.3).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "lwm2m/core/record.h"
#include "lwm2m/tlv/tlv_header.h"

namespace lwm2m {

// Turns the ascending record stream of a Read (or Notify) into the TLV
// hierarchy the Core TS prescribes for the request path:
//   /o        Object Instance TLVs holding the resources of each instance
//   /o/i      Resource TLVs (a Multiple Resource TLV around resource instances)
//   /o/i/r    one Resource TLV, or one Multiple Resource TLV
//   /o/i/r/ri one Resource Instance TLV
// The root path cannot be expressed in TLV: begin("/") is kNotAcceptable.
// Records must have depth 3 or 4 (TLV cannot express an instance or a multiple
// resource without values, so empty ones are left out) and ascend strictly;
// otherwise kInternal. Timestamps are not carried.
//
// Container lengths are back-patched: a container reserves the longest header
// (kTlvMaxHeaderSize) and its content slides down when it closes, so the
// buffer needs up to 4 spare bytes per open container (8 at most) beyond the
// final payload. No heap.
class TlvEncoder final : public RecordEncoder {
 public:
  explicit TlvEncoder(std::span<uint8_t> out) : out_(out) {}

  Status begin(const Path& request_path) override;
  Status add(const Record& record) override;
  Result<size_t> finish() override;

 private:
  struct Container {
    bool open = false;
    Path path;              // of the instance (/o/i) or multiple resource (/o/i/r)
    size_t header_at = 0;   // where the reserved header starts
    size_t content_at = 0;  // where the nested TLVs start
  };

  Status check_order(const Path& path) const;
  Status open(Container& c, const Path& path);
  Status close(Container& c, TlvKind kind, uint16_t id);
  Status append_item(TlvKind kind, uint16_t id, std::span<const uint8_t> value);
  Status fail(Status s) {
    error_ = s.error();
    return s;
  }

  std::span<uint8_t> out_;
  size_t size_ = 0;
  Path request_;
  Path last_;
  bool has_last_ = false;
  bool begun_ = false;
  Error error_ = Error::kOk;
  Container instance_;
  Container multiple_;
};

}  // namespace lwm2m
