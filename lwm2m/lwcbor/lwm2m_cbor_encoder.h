// LwM2M CBOR encoder (Content-Format 11544, Core TS 1.2 §7.4.6).
//
// The payload is a CBOR map whose keys are path ids (unsigned integers) or
// arrays of ids standing for several levels at once, and whose values are
// either nested maps of the same kind or resource values. Paths in the
// payload are absolute.
//
// Shape written here: the request path is collapsed into the single key of the
// outer map ({[3, 0]: {...}} for /3/0, {3: {...}} for /3, {[3, 0, 1]: v} for
// /3/0/1); below it every level is a map keyed by one id. For the root request
// (Read-Composite, Send) the outer map is keyed by object id.
//
// Maps are definite-length: each map head is written as a one-byte
// placeholder and back-patched with its pair count when the map closes (the
// tail is moved in the rare case a map holds 24 or more pairs). This keeps the
// output in RFC 8949 preferred serialization, which every CBOR decoder reads,
// while the records still stream in without lookahead.
//
// Values: Integer -> major type 0/1, Unsigned Integer -> major type 0, Float
// -> shortest exact float, Boolean -> simple value, String and Corelnk -> text
// string, Opaque -> byte string, Time -> tag 1 with an integer, Objlnk ->
// text "o:i", a record without value -> null. Timestamped records cannot be
// carried (kNotAcceptable).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "lwm2m/cbor/cbor_writer.h"
#include "lwm2m/core/byte_writer.h"
#include "lwm2m/core/record.h"

namespace lwm2m {

class Lwm2mCborEncoder final : public RecordEncoder {
 public:
  explicit Lwm2mCborEncoder(std::span<uint8_t> out);

  // Records must lie within `request_path`, be at resource or resource
  // instance depth, ascend strictly, and never lie below an earlier record
  // (kInternal otherwise).
  Status begin(const Path& request_path) override;
  Status add(const Record& record) override;
  Result<size_t> finish() override;

 private:
  struct OpenMap {
    size_t head_offset = 0;
    uint64_t pairs = 0;
  };

  void open_map();
  void close_map();
  void write_value(const Value& value);
  size_t common_prefix(const Path& a, const Path& b) const;

  ByteWriter out_;
  cbor::CborWriter cbor_;
  Path request_;
  Path last_;
  bool started_ = false;
  bool has_records_ = false;
  uint8_t root_key_depth_ = 1;  // ids covered by each key of the outer map
  OpenMap maps_[4];              // outer map + one per level below it
  uint8_t open_maps_ = 0;
};

}  // namespace lwm2m
