// LwM2M CBOR decoder (Content-Format 11544, Core TS 1.2 §7.4.6).
//
// Walks the nested maps with an explicit, bounded stack (one level per map;
// a path never exceeds 4 ids, so at most 5 maps are open) and yields one
// record per leaf value with its absolute path. Every key is an id or an
// array of ids (0..65534); maps may be definite or indefinite length.
//
// Values come out kTyped: unsigned/negative integers as kInteger (kUnsigned-
// Integer above INT64_MAX), floats as kFloat, true/false as kBoolean, text as
// kString (an Objlnk "o:i" or a Corelnk arrives as text: convert() maps it),
// byte strings as kOpaque, tag 1 with an integer as kTime, null as kNone.
//
// Errors: kMalformed (not well-formed CBOR, top level not a map, a key that
// is not an id or a non-empty array of ids, trailing bytes), kTruncated,
// kInvalidUtf8, kInvalidPath (id 65535, more than 4 levels, a value above
// resource level, a path outside the request path), kDuplicate (two keys of
// one map where one's ids start the other's, which would name one path
// twice), kOutOfRange (negative integer below INT64_MIN), kTypeMismatch (an
// array, tag other than 1, undefined or other simple value as a value),
// kUnsupportedFormat (indefinite-length string as a value: the value could
// not be a view into the payload). An error is sticky until rewind().
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "lwm2m/cbor/cbor_reader.h"
#include "lwm2m/core/record.h"

namespace lwm2m {

class Lwm2mCborDecoder final : public RecordDecoder {
 public:
  Lwm2mCborDecoder(std::span<const uint8_t> payload, const Path& request_path);

  Result<bool> next(DecodedRecord& out) override;
  void rewind() override;

  static constexpr uint8_t kMaxLevels = 4;  // ids in a path

 private:
  struct MapLevel {
    size_t first_entry = 0;  // offset of the map's first key
    uint64_t count = 0;      // pairs, for definite maps
    uint64_t entries = 0;    // keys read so far
    bool indefinite = false;
    uint8_t path_depth = 0;  // ids named by the keys of enclosing maps
    bool ascending = true;   // keys so far ascend by first id
    uint16_t last_first_id = 0;
  };
  struct Key {
    uint16_t ids[kMaxLevels] = {};
    uint8_t size = 0;
  };

  Result<bool> step(DecodedRecord& out);
  Status start();
  // Reads a key of a map whose keys start at path depth `path_depth`.
  static Status read_key(cbor::CborReader& reader, uint8_t path_depth, Key& key);
  Status check_no_duplicate(MapLevel& level, const Key& key) const;
  Status read_value(DecodedValue& out);
  Path current_path(uint8_t depth) const;

  std::span<const uint8_t> payload_;
  Path request_;
  cbor::CborReader reader_;
  MapLevel stack_[kMaxLevels + 1];
  uint8_t depth_ = 0;
  uint16_t ids_[kMaxLevels] = {};
  bool started_ = false;
  bool done_ = false;
  Error error_ = Error::kOk;
};

}  // namespace lwm2m
