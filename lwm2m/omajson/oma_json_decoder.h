// OMA LwM2M JSON decoder (application/vnd.oma.lwm2m+json, content format
// 11543; Core TS 1.0 §6.4.4 "JSON", kept in Core TS 1.1 for older servers).
//
// The payload is one object with "bn" (base name, optional), "bt" (base
// time, optional) and "e" (the entries), in any order. Each entry has "n"
// (name, optional), "t" (time, optional) and exactly one of "v", "bv", "sv",
// "ov". A record's path is bn + n; without "bn" names are relative to the
// request path. A single '/' is put between bn and n when bn lacks it.
//
// Values come out as:
//   "v"  typed Integer (or Unsigned Integer beyond int64, Float for fractions)
//   "bv" typed Boolean
//   "ov" typed Objlnk ("3:0")
//   "sv" WireEncoding::kPlainText: the format carries strings and base64
//        opaque values alike in "sv", so the resource's type decides (convert()).
// A record's time is bt + t when either is present.
//
// Errors: kMalformed (JSON grammar, unknown or wrongly typed keys, an entry
// with no or two values, a bad "ov"), kDuplicate (a key twice in one object;
// the same path twice among the first kTrackedPaths untimed entries), kInvalidPath
// (a name that is no LwM2M path), kBadRequest (a path outside the request
// path or above resource level), kOutOfRange (numbers), kTooDeep,
// kInvalidUtf8, kBufferTooSmall (scratch too small for an escaped string).
// After an error, next() repeats it until rewind().
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "lwm2m/core/record.h"
#include "lwm2m/json/json_reader.h"

namespace lwm2m {

class OmaJsonDecoder final : public RecordDecoder {
 public:
  static constexpr size_t kMaxBaseName = 32;
  static constexpr size_t kTrackedPaths = 64;

  // `scratch` holds unescaped strings (names, "sv" values with escapes); a
  // record's views stay valid until the next call to next().
  OmaJsonDecoder(std::span<const uint8_t> payload, const Path& request_path, std::span<uint8_t> scratch);

  Result<bool> next(DecodedRecord& out) override;
  void rewind() override;

 private:
  Status start();
  Status read_entry(DecodedRecord& out);
  Result<Path> resolve(std::string_view name) const;
  Status fail(Error e);

  JsonReader json_;
  Path request_;
  char base_name_[kMaxBaseName] = {};
  size_t base_name_length_ = 0;
  bool has_base_name_ = false;
  double base_time_ = 0;
  bool has_base_time_ = false;
  Path seen_[kTrackedPaths];
  size_t seen_count_ = 0;
  bool started_ = false;
  bool done_ = false;
  Error error_ = Error::kOk;
};

}  // namespace lwm2m
