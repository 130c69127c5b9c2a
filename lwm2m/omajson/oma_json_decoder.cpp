#include "lwm2m/omajson/oma_json_decoder.h"

#include <cmath>
#include <cstring>
#include <string_view>

#include "lwm2m/core/number_text.h"
#include "lwm2m/core/objlnk_text.h"

namespace lwm2m {

namespace {

constexpr size_t kMaxName = 64;

// Entry keys; bit positions for duplicate detection.
enum EntryKey : uint8_t { kName, kTime, kNumber, kBool, kString, kObjlnk, kUnknown };

EntryKey entry_key(std::string_view k) {
  if (k == "n") return kName;
  if (k == "t") return kTime;
  if (k == "v") return kNumber;
  if (k == "bv") return kBool;
  if (k == "sv") return kString;
  if (k == "ov") return kObjlnk;
  return kUnknown;
}

Status expect(JsonReader& json, JsonToken want) {
  Result<JsonToken> t = json.next();
  if (!t.ok()) return t.status();
  return *t == want ? kOk : Status(Error::kMalformed);
}

Result<double> read_double(JsonReader& json) {
  LWM2M_TRY(expect(json, JsonToken::kNumber));
  return parse_double(json.text());
}

// "v": integers stay integers (unsigned beyond int64), anything else is Float.
Result<Value> number_value(std::string_view text) {
  if (text.find_first_of(".eE") == std::string_view::npos) {
    Result<int64_t> i = parse_int64(text);
    if (i.ok()) return Value::of_integer(*i);
    if (text.front() != '-') {
      Result<uint64_t> u = parse_uint64(text);
      if (u.ok()) return Value::of_unsigned(*u);
    }
  }
  Result<double> d = parse_double(text);
  if (!d.ok()) return d.error();
  return Value::of_float(*d);
}

// "ov": "object:instance".
Result<Value> objlnk_value(std::string_view text) {
  Result<Objlnk> link = parse_objlnk(text);
  if (!link.ok()) return link.error();
  return Value::of_objlnk(link->object_id, link->instance_id);
}

}  // namespace

OmaJsonDecoder::OmaJsonDecoder(std::span<const uint8_t> payload, const Path& request_path,
                               std::span<uint8_t> scratch)
    : json_(payload, scratch), request_(request_path) {}

Status OmaJsonDecoder::fail(Error e) {
  if (error_ == Error::kOk) error_ = e;
  return error_;
}

void OmaJsonDecoder::rewind() {
  json_.reset();
  json_.release_scratch();
  has_base_name_ = has_base_time_ = false;
  base_name_length_ = 0;
  base_time_ = 0;
  seen_count_ = 0;
  started_ = done_ = false;
  error_ = Error::kOk;
}

// First pass: reads "bn" and "bt" wherever they stand and checks the JSON as
// a whole. Second pass: leaves the reader just inside the "e" array.
Status OmaJsonDecoder::start() {
  json_.reset();
  LWM2M_TRY(expect(json_, JsonToken::kBeginObject));
  bool has_entries = false;
  while (true) {
    json_.release_scratch();
    Result<JsonToken> t = json_.next();
    if (!t.ok()) return t.status();
    if (*t == JsonToken::kEndObject) break;
    std::string_view key = json_.text();
    if (key == "bn") {
      if (has_base_name_) return Error::kDuplicate;
      has_base_name_ = true;
      LWM2M_TRY(expect(json_, JsonToken::kString));
      std::string_view bn = json_.text();
      if (bn.size() > kMaxBaseName) return Error::kInvalidPath;
      if (!bn.empty()) std::memcpy(base_name_, bn.data(), bn.size());
      base_name_length_ = bn.size();
    } else if (key == "bt") {
      if (has_base_time_) return Error::kDuplicate;
      has_base_time_ = true;
      Result<double> bt = read_double(json_);
      if (!bt.ok()) return bt.status();
      base_time_ = *bt;
    } else if (key == "e") {
      if (has_entries) return Error::kDuplicate;
      has_entries = true;
      LWM2M_TRY(json_.skip_value());
    } else {
      return Error::kMalformed;
    }
  }
  LWM2M_TRY(expect(json_, JsonToken::kEnd));
  if (!has_entries) return Error::kMalformed;

  json_.reset();
  json_.release_scratch();
  LWM2M_TRY(expect(json_, JsonToken::kBeginObject));
  while (true) {
    LWM2M_TRY(expect(json_, JsonToken::kKey));
    if (json_.text() == "e") break;
    LWM2M_TRY(json_.skip_value());
  }
  LWM2M_TRY(expect(json_, JsonToken::kBeginArray));
  started_ = true;
  return kOk;
}

Result<Path> OmaJsonDecoder::resolve(std::string_view name) const {
  if (name.size() > kMaxName) return Error::kInvalidPath;
  char text[kMaxBaseName + 1 + kMaxName];
  size_t n = 0;
  if (has_base_name_) {
    std::memcpy(text, base_name_, base_name_length_);
    n = base_name_length_;
  } else if (name.empty() || name.front() != '/') {
    // No base name: names are relative to the request path.
    Result<size_t> len = request_.format(std::span<char>(text, Path::kMaxTextLength));
    if (!len.ok()) return len.error();
    n = *len;
    if (request_.is_root()) n = 0;
    text[n++] = '/';
  }
  if (n > 0 && text[n - 1] != '/' && !name.empty() && name.front() != '/') text[n++] = '/';
  if (!name.empty()) std::memcpy(text + n, name.data(), name.size());
  n += name.size();
  return Path::parse(std::string_view(text, n));
}

Status OmaJsonDecoder::read_entry(DecodedRecord& out) {
  std::string_view name;
  double time = 0;
  bool has_time = false;
  DecodedValue value;
  uint8_t keys_seen = 0;
  bool has_value = false;
  while (true) {
    Result<JsonToken> t = json_.next();
    if (!t.ok()) return t.status();
    if (*t == JsonToken::kEndObject) break;
    EntryKey key = entry_key(json_.text());
    if (key == kUnknown) return Error::kMalformed;
    if (keys_seen & (1u << key)) return Error::kDuplicate;
    keys_seen = static_cast<uint8_t>(keys_seen | (1u << key));
    if (key != kName && key != kTime) {
      if (has_value) return Error::kMalformed;  // "v" and "sv" in one entry
      has_value = true;
    }
    switch (key) {
      case kName:
        LWM2M_TRY(expect(json_, JsonToken::kString));
        name = json_.text();
        break;
      case kTime: {
        Result<double> v = read_double(json_);
        if (!v.ok()) return v.status();
        time = *v;
        has_time = true;
        break;
      }
      case kNumber: {
        LWM2M_TRY(expect(json_, JsonToken::kNumber));
        Result<Value> v = number_value(json_.text());
        if (!v.ok()) return v.status();
        value.value = *v;
        break;
      }
      case kBool: {
        Result<JsonToken> b = json_.next();
        if (!b.ok()) return b.status();
        if (*b != JsonToken::kTrue && *b != JsonToken::kFalse) return Error::kMalformed;
        value.value = Value::of_boolean(*b == JsonToken::kTrue);
        break;
      }
      case kString:
        LWM2M_TRY(expect(json_, JsonToken::kString));
        value.value = Value::of_string(json_.text());
        value.encoding = WireEncoding::kPlainText;
        break;
      case kObjlnk: {
        LWM2M_TRY(expect(json_, JsonToken::kString));
        Result<Value> v = objlnk_value(json_.text());
        if (!v.ok()) return v.status();
        value.value = *v;
        break;
      }
      case kUnknown:
        return Error::kMalformed;
    }
  }
  if (!has_value) return Error::kMalformed;

  Result<Path> path = resolve(name);
  if (!path.ok()) return path.status();
  if (path->depth() < Path::kResource || !path->is_within(request_)) return Error::kBadRequest;
  // Timestamped entries may repeat a path (a history of one resource).
  if (!has_time && !has_base_time_) {
    for (size_t i = 0; i < seen_count_; ++i)
      if (seen_[i] == *path) return Error::kDuplicate;
    if (seen_count_ < kTrackedPaths) seen_[seen_count_++] = *path;
  }

  out = DecodedRecord{};
  out.path = *path;
  out.value = value;
  if (has_time || has_base_time_) {
    if (!std::isfinite(base_time_ + time)) return Error::kOutOfRange;
    out.time = base_time_ + time;
    out.has_time = true;
  }
  return kOk;
}

Result<bool> OmaJsonDecoder::next(DecodedRecord& out) {
  if (error_ != Error::kOk) return error_;
  if (!started_) {
    Status s = start();
    if (!s.ok()) return fail(s.error());
  }
  if (done_) return false;
  json_.release_scratch();
  Result<JsonToken> t = json_.next();
  if (!t.ok()) return fail(t.error());
  if (*t == JsonToken::kEndArray) {
    done_ = true;
    return false;
  }
  if (*t != JsonToken::kBeginObject) return fail(Error::kMalformed);
  Status s = read_entry(out);
  if (!s.ok()) return fail(s.error());
  return true;
}

}  // namespace lwm2m
