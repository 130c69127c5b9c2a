#include "lwm2m/omajson/oma_json_encoder.h"

#include <string_view>

#include "lwm2m/core/base64.h"
#include "lwm2m/core/number_text.h"
#include "lwm2m/core/objlnk_text.h"

namespace lwm2m {

namespace {

// Decimal text of an id, into `out` (at least 5 chars).
std::string_view id_text(uint16_t id, char* out) {
  char digits[5];
  size_t n = 0;
  do {
    digits[n++] = static_cast<char>('0' + id % 10);
    id = static_cast<uint16_t>(id / 10);
  } while (id != 0);
  for (size_t i = 0; i < n; ++i) out[i] = digits[n - 1 - i];
  return {out, n};
}

}  // namespace

Status OmaJsonEncoder::begin(const Path& request_path) {
  if (begun_) return Error::kInternal;
  begun_ = true;
  request_ = request_path;
  char text[Path::kMaxTextLength];
  Result<size_t> n = request_path.format(text);
  if (!n.ok()) {
    error_ = n.error();
    return error_;
  }
  json_.begin_object();
  json_.key("bn");
  json_.begin_string();
  json_.append_string(std::string_view(text, *n));
  if (!request_path.is_root()) json_.append_string("/");
  json_.end_string();
  json_.key("e");
  json_.begin_array();
  return json_.status();
}

Status OmaJsonEncoder::write_value(const Value& v) {
  switch (v.type) {
    case DataType::kString:
    case DataType::kCorelnk:
      json_.key("sv");
      json_.string(v.text());
      return kOk;
    case DataType::kOpaque: {
      json_.key("sv");
      json_.begin_string();
      // Base64 in small pieces: no buffer sized for the whole value.
      std::span<const uint8_t> rest = v.bytes;
      while (!rest.empty()) {
        size_t take = rest.size() < 48 ? rest.size() : 48;
        char chunk[base64_encoded_size(48)];
        Result<size_t> n = base64_encode(rest.first(take), chunk);
        if (!n.ok()) return n.error();
        json_.append_string(std::string_view(chunk, *n));
        rest = rest.subspan(take);
      }
      json_.end_string();
      return kOk;
    }
    case DataType::kInteger:
    case DataType::kTime:
      json_.key("v");
      json_.number_int(v.integer);
      return kOk;
    case DataType::kUnsignedInteger:
      json_.key("v");
      json_.number_uint(v.unsigned_integer);
      return kOk;
    case DataType::kFloat:
      json_.key("v");
      json_.number_double(v.floating);
      return kOk;
    case DataType::kBoolean:
      json_.key("bv");
      json_.boolean(v.boolean);
      return kOk;
    case DataType::kObjlnk: {
      json_.key("ov");
      json_.string(objlnk_text(v.link).view());
      return kOk;
    }
    case DataType::kNone:
      return Error::kNotAcceptable;
  }
  return Error::kNotAcceptable;
}

Status OmaJsonEncoder::add(const Record& record) {
  if (error_ != Error::kOk) return error_;
  if (!begun_) return error_ = Error::kInternal;
  const Path& p = record.path;
  if (p.depth() < Path::kResource || !p.is_within(request_)) return error_ = Error::kInternal;
  // Ascending paths; a timestamped record may repeat the last path (a
  // history of one resource, Core TS 1.0 §6.4.4 "t").
  bool history = record.has_time && last_had_time_ && p == last_;
  if (any_record_ && !(last_ < p) && !history) return error_ = Error::kInternal;
  if (record.value.type == DataType::kNone) return error_ = Error::kNotAcceptable;
  json_.begin_object();
  if (p.depth() > request_.depth()) {
    json_.key("n");
    json_.begin_string();
    for (uint8_t level = request_.depth(); level < p.depth(); ++level) {
      char text[5];
      if (level > request_.depth()) json_.append_string("/");
      json_.append_string(id_text(p.id(level), text));
    }
    json_.end_string();
  }
  Status s = write_value(record.value);
  if (!s.ok()) return error_ = s.error();
  if (record.has_time) {
    json_.key("t");
    json_.number_double(record.time);
  }
  json_.end_object();
  last_ = p;
  last_had_time_ = record.has_time;
  any_record_ = true;
  if (!json_.status().ok()) error_ = json_.status().error();
  return error_;
}

Result<size_t> OmaJsonEncoder::finish() {
  if (error_ != Error::kOk) return error_;
  if (!begun_) return Error::kInternal;
  json_.end_array();
  json_.end_object();
  LWM2M_TRY(json_.status());
  if (!json_.complete()) return Error::kInternal;
  return out_.size();
}

}  // namespace lwm2m
