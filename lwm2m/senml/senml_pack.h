// SenML (RFC 8428) as LwM2M uses it (Core TS §7.4.4 SenML JSON, §7.4.5 SenML
// CBOR): the parts shared by the JSON and CBOR encodings. A record's name is
// an LwM2M path: the base name (bn) and name (n) concatenated must parse as
// /o, /o/i, /o/i/r or /o/i/r/ri. Values: v (numbers), vs (String, Corelnk),
// vb (Boolean), vd (Opaque), and the LwM2M extension vlo (Objlnk "o:i"),
// whose label is the text "vlo" in both JSON and CBOR (Core TS 1.1 §7.4.5).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "lwm2m/core/path.h"
#include "lwm2m/core/record.h"
#include "lwm2m/core/status.h"
#include "lwm2m/core/objlnk_text.h"
#include "lwm2m/core/value.h"

namespace lwm2m::senml {

// The fields LwM2M gives meaning to; others are skipped (unless they end in
// '_', RFC 8428 §4.4 must-understand, which rejects the pack).
enum class Field : uint8_t {
  kBaseName,
  kBaseTime,
  kBaseValue,
  kBaseVersion,
  kName,
  kTime,
  kValue,
  kStringValue,
  kBooleanValue,
  kDataValue,
  kObjlnkValue,
};

// CBOR labels of RFC 8428 §6 (Table 6); vlo is a text label.
inline constexpr int64_t kCborBaseVersion = -1;
inline constexpr int64_t kCborBaseName = -2;
inline constexpr int64_t kCborBaseTime = -3;
inline constexpr int64_t kCborBaseValue = -5;
inline constexpr int64_t kCborName = 0;
inline constexpr int64_t kCborValue = 2;
inline constexpr int64_t kCborStringValue = 3;
inline constexpr int64_t kCborBooleanValue = 4;
inline constexpr int64_t kCborTime = 6;
inline constexpr int64_t kCborDataValue = 8;
inline constexpr std::string_view kObjlnkLabel = "vlo";

// SenML version this code implements (RFC 8428 §4.4: higher versions are refused).
inline constexpr double kMaxVersion = 10;

// Longest base name or name that can still be part of a valid path text
// ("/65534/65534/65534/65534/").
inline constexpr size_t kMaxNameText = Path::kMaxTextLength + 1;

// JSON field name -> Field; false for names LwM2M does not use.
bool field_from_json_label(std::string_view label, Field& out);
// CBOR integer label -> Field; false for labels LwM2M does not use.
bool field_from_cbor_label(int64_t label, Field& out);
// RFC 8428 §4.4: a label ending in '_' must be understood or the pack refused.
inline bool is_must_understand(std::string_view label) { return !label.empty() && label.back() == '_'; }

// One record's fields as a decoder found them, before base fields apply.
class RawRecord {
 public:
  // Marks a field as present: kDuplicate when seen before in this record,
  // kBadRequest for a second value field (RFC 8428 §4.2: at most one value).
  Status mark(Field f);
  bool has(Field f) const { return (seen_ >> static_cast<unsigned>(f) & 1u) != 0; }
  bool has_value() const;

  std::string_view base_name;
  double base_time = 0;
  double base_version = 0;
  DecodedValue base_value;  // kInteger or kFloat
  std::string_view name;
  double time = 0;
  Value value;  // typed; kNone when the record names a path only

 private:
  uint16_t seen_ = 0;
};

// Carries base fields from record to record and turns raw records into
// DecodedRecords with absolute paths (RFC 8428 §4.6 resolution).
class PackResolver {
 public:
  explicit PackResolver(const Path& request_path) : request_path_(request_path) {}
  void reset();
  // kInvalidPath when bn+n is not an LwM2M path, kBadRequest when the path
  // lies outside the request path or bver is above 10, kOutOfRange when
  // bv+v or bt+t overflows.
  Status resolve(const RawRecord& raw, DecodedRecord& out);

 private:
  Path request_path_;
  char base_name_[kMaxNameText] = {};
  size_t base_name_size_ = 0;
  double base_time_ = 0;
  DecodedValue base_value_;  // kNone when no bv
};

// What both pack decoders keep between next() calls around their own
// reading: the resolver, whether the pack's opening was read, and a final
// outcome (an error is sticky, the end of the pack stays the end).
class PackProgress {
 public:
  explicit PackProgress(const Path& request_path) : resolver_(request_path) {}
  // Back to the start of the pack (for rewind()).
  void reset();
  // True when next() must return outcome() without reading.
  bool settled() const { return finished_ || error_ != Error::kOk; }
  // The error seen, else false (the end of the pack).
  Result<bool> outcome() const;
  bool started() const { return started_; }
  void mark_started() { started_ = true; }
  Result<bool> fail(Error e);
  Result<bool> finish();
  // The end of a record read into `raw` (`read` says how that went):
  // resolves it into `out`, true on success; a failure becomes sticky.
  Result<bool> complete(Status read, const RawRecord& raw, DecodedRecord& out);

 private:
  PackResolver resolver_;
  bool started_ = false;
  bool finished_ = false;
  Error error_ = Error::kOk;
};

// Classification of v text from JSON: integral text (no '.', 'e', 'E') that
// fits int64 -> kInteger, fits uint64 -> kUnsignedInteger, else kFloat.
Result<Value> number_from_text(std::string_view text);


// Which SenML value field carries a data type.
enum class ValueField : uint8_t { kNone, kNumber, kString, kBoolean, kData, kObjlnk };
ValueField value_field_for(DataType type);

// Names and times for an encoder, following the Core TS examples: the first
// record carries bn = the request path followed by '/', and n is the rest of
// the path ("/3/0/" + "6/0"). A record at the request path itself gets bn =
// the path and no n. For the root (composite) request, n is the absolute path
// and there is no bn. Timestamps go into bt when they change, into t
// (relative to bt) when the difference is exact.
class NameAndTimePlanner {
 public:
  struct Plan {
    std::string_view base_name;  // empty: no bn field
    std::string_view name;       // empty: no n field
    bool emit_base_time = false;
    double base_time = 0;
    bool emit_time = false;
    double time = 0;
  };

  void begin(const Path& request_path);
  // kInternal when the record lies outside the request path or repeats the
  // request path after the first record.
  Result<Plan> plan(const Record& record);

 private:
  Path request_path_;
  bool first_ = true;
  bool base_is_path_itself_ = false;
  bool have_base_time_ = false;
  double base_time_ = 0;
  char base_name_[kMaxNameText] = {};
  char name_[kMaxNameText] = {};
};

// Opaque values in SenML JSON "vd": base64url without padding (RFC 8428 §4.3).
// Encoders feed the data in chunks of kBase64ChunkBytes (the last may be shorter).
inline constexpr size_t kBase64ChunkBytes = 48;
size_t base64url_encode_chunk(std::span<const uint8_t> chunk, std::span<char, 64> out);
// Decodes vd text: base64url without padding per RFC 8428 §4.3; padded and
// standard-alphabet text is accepted too, since some LwM2M peers send it.
Result<size_t> base64_any_decode(std::span<const uint8_t> text, std::span<uint8_t> out);

}  // namespace lwm2m::senml
