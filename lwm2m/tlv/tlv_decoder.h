// OMA TLV decoder (content format 11542, Core TS §7.4.3).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "lwm2m/core/record.h"
#include "lwm2m/tlv/tlv_header.h"

namespace lwm2m {

// Walks a TLV payload in place and yields one record per Resource (with
// value) or Resource Instance TLV, with absolute paths and
// DecodedValue{bytes, WireEncoding::kTlvBytes}; lwm2m::convert gives the value
// once the resource's data type is known.
//
// What the payload may hold at its top level, by request path:
//   /o        Object Instance TLVs
//   /o/i      Resource / Multiple Resource TLVs, or one Object Instance TLV
//             with id i around them (both are seen from servers)
//   /o/i/r    one Resource or Multiple Resource TLV with id r, or Resource
//             Instance TLVs directly
//   /o/i/r/ri one Resource Instance TLV with id ri
// A create on /o may come with or without the Object Instance TLV: the caller
// asks wrapped_instance_id() and decodes against /o (wrapped) or against
// /o/<id it picked> (bare resources).
//
// Errors: kTruncated (header or value runs past the payload), kMalformed (a
// TLV of the wrong kind for its level, a child running past its container,
// a container that is not a TLV sequence), kDuplicate (the same id twice
// among siblings), kInvalidPath (id 65535), kBadRequest (an id that
// contradicts the request path, or a request on the root). Nesting is bounded
// by the format (Object Instance > Multiple Resource > Resource Instance).
// Empty containers yield no record. After an error, next() repeats it until rewind().
class TlvDecoder final : public RecordDecoder {
 public:
  TlvDecoder(std::span<const uint8_t> payload, const Path& request_path);

  Result<bool> next(DecodedRecord& out) override;
  void rewind() override;

  // The id of the Object Instance TLV that starts the payload, or kNotFound
  // when it starts with a resource (or is empty); errors for a bad header.
  static Result<uint16_t> wrapped_instance_id(std::span<const uint8_t> payload);

 private:
  // An open level of the hierarchy: the payload itself, or a container TLV.
  struct Level {
    size_t end = 0;           // offset just past this level's content
    size_t first_child = 0;   // offset of this level's first child TLV
    Path path;                // of the container (the request path at the top)
    uint8_t child_depth = 0;  // path depth every child must address
    uint16_t last_id = 0;     // id of the latest child
    bool has_child = false;
    bool ascending = true;    // children so far came in ascending id order
  };
  static constexpr size_t kMaxLevels = 4;  // payload + 3 nested containers

  Result<bool> step(DecodedRecord& out);
  Result<Path> place_at_top(const TlvHeader& h);
  Status check_duplicate(Level& level, uint16_t id);

  std::span<const uint8_t> payload_;
  Path request_;
  Level levels_[kMaxLevels];
  size_t depth_ = 0;  // open levels
  size_t pos_ = 0;
  Error error_ = Error::kOk;
  // At the top of an /o/i (etc.) request: either one wrapper TLV naming the
  // request path itself, or children of it; never both.
  bool top_wrapped_ = false;
};

}  // namespace lwm2m
