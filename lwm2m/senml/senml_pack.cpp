#include "lwm2m/senml/senml_pack.h"

#include <cmath>
#include <cstring>

#include "lwm2m/core/base64.h"
#include "lwm2m/core/number_text.h"

namespace lwm2m::senml {

namespace {

constexpr uint16_t bit(Field f) { return static_cast<uint16_t>(1u << static_cast<unsigned>(f)); }

constexpr uint16_t kValueFields = bit(Field::kValue) | bit(Field::kStringValue) | bit(Field::kBooleanValue) |
                                  bit(Field::kDataValue) | bit(Field::kObjlnkValue);

struct Label {
  std::string_view json;
  int64_t cbor;
  Field field;
};

constexpr Label kLabels[] = {
    {"bn", kCborBaseName, Field::kBaseName},       {"bt", kCborBaseTime, Field::kBaseTime},
    {"bv", kCborBaseValue, Field::kBaseValue},     {"bver", kCborBaseVersion, Field::kBaseVersion},
    {"n", kCborName, Field::kName},                {"t", kCborTime, Field::kTime},
    {"v", kCborValue, Field::kValue},              {"vs", kCborStringValue, Field::kStringValue},
    {"vb", kCborBooleanValue, Field::kBooleanValue}, {"vd", kCborDataValue, Field::kDataValue},
};

double as_double(const Value& v) {
  switch (v.type) {
    case DataType::kInteger: return static_cast<double>(v.integer);
    case DataType::kUnsignedInteger: return static_cast<double>(v.unsigned_integer);
    default: return v.floating;
  }
}

}  // namespace

bool field_from_json_label(std::string_view label, Field& out) {
  for (const Label& l : kLabels) {
    if (l.json == label) {
      out = l.field;
      return true;
    }
  }
  if (label == kObjlnkLabel) {
    out = Field::kObjlnkValue;
    return true;
  }
  return false;
}

bool field_from_cbor_label(int64_t label, Field& out) {
  for (const Label& l : kLabels) {
    if (l.cbor == label) {
      out = l.field;
      return true;
    }
  }
  return false;
}

Status RawRecord::mark(Field f) {
  if (has(f)) return Error::kDuplicate;
  if ((bit(f) & kValueFields) != 0 && has_value()) return Error::kMalformed;
  seen_ = static_cast<uint16_t>(seen_ | bit(f));
  return kOk;
}

bool RawRecord::has_value() const { return (seen_ & kValueFields) != 0; }

void PackResolver::reset() {
  base_name_size_ = 0;
  base_time_ = 0;
  base_value_ = {};
}

Status PackResolver::resolve(const RawRecord& raw, DecodedRecord& out) {
  if (raw.has(Field::kBaseVersion) && raw.base_version > kMaxVersion) return Error::kBadRequest;
  if (raw.has(Field::kBaseName)) {
    if (raw.base_name.size() > sizeof base_name_) return Error::kInvalidPath;
    std::memcpy(base_name_, raw.base_name.data(), raw.base_name.size());
    base_name_size_ = raw.base_name.size();
  }
  if (raw.has(Field::kBaseTime)) base_time_ = raw.base_time;
  if (raw.has(Field::kBaseValue)) base_value_ = raw.base_value;

  // RFC 8428 §4.5.1: the name is bn and n concatenated; LwM2M needs a path.
  char full[2 * kMaxNameText];
  if (raw.name.size() > kMaxNameText) return Error::kInvalidPath;
  std::memcpy(full, base_name_, base_name_size_);
  if (!raw.name.empty()) std::memcpy(full + base_name_size_, raw.name.data(), raw.name.size());
  Result<Path> path = Path::parse(std::string_view(full, base_name_size_ + raw.name.size()));
  if (!path.ok()) return Error::kInvalidPath;
  if (!path->is_within(request_path_)) return Error::kBadRequest;

  Value value = raw.value;
  // RFC 8428 §4.6: a numeric value is bv + v.
  if (raw.has(Field::kValue) && base_value_.value.type != DataType::kNone) {
    const Value& base = base_value_.value;
    if (base.type == DataType::kInteger && value.type == DataType::kInteger) {
      int64_t sum;
      if (__builtin_add_overflow(base.integer, value.integer, &sum)) return Error::kOutOfRange;
      value = Value::of_integer(sum);
    } else {
      double sum = as_double(base) + as_double(value);
      if (!std::isfinite(sum)) return Error::kOutOfRange;
      value = Value::of_float(sum);
    }
  }

  // RFC 8428 §4.5.3: the time is bt + t; zero means "no time given".
  double time = base_time_ + (raw.has(Field::kTime) ? raw.time : 0);
  if (!std::isfinite(time)) return Error::kOutOfRange;

  out.path = *path;
  out.value.value = value;
  out.value.encoding = WireEncoding::kTyped;
  out.time = time;
  out.has_time = time != 0;
  return kOk;
}

void PackProgress::reset() {
  resolver_.reset();
  started_ = false;
  finished_ = false;
  error_ = Error::kOk;
}

Result<bool> PackProgress::outcome() const {
  if (error_ != Error::kOk) return error_;
  return false;
}

Result<bool> PackProgress::fail(Error e) {
  error_ = e;
  return e;
}

Result<bool> PackProgress::finish() {
  finished_ = true;
  return false;
}

Result<bool> PackProgress::complete(Status read, const RawRecord& raw, DecodedRecord& out) {
  if (!read.ok()) return fail(read.error());
  Status s = resolver_.resolve(raw, out);
  if (!s.ok()) return fail(s.error());
  return true;
}

Result<Value> number_from_text(std::string_view text) {
  bool integral = text.find_first_of(".eE") == std::string_view::npos;
  if (integral) {
    Result<int64_t> i = parse_int64(text);
    if (i.ok()) return Value::of_integer(*i);
    if (i.error() != Error::kOutOfRange) return i.error();
    if (text[0] != '-') {
      Result<uint64_t> u = parse_uint64(text);
      if (u.ok()) return Value::of_unsigned(*u);
    }
  }
  Result<double> d = parse_double(text);
  if (!d.ok()) return d.error();
  return Value::of_float(*d);
}

ValueField value_field_for(DataType type) {
  switch (type) {
    case DataType::kNone: return ValueField::kNone;
    case DataType::kInteger:
    case DataType::kUnsignedInteger:
    case DataType::kFloat:
    case DataType::kTime: return ValueField::kNumber;
    case DataType::kString:
    case DataType::kCorelnk: return ValueField::kString;
    case DataType::kBoolean: return ValueField::kBoolean;
    case DataType::kOpaque: return ValueField::kData;
    case DataType::kObjlnk: return ValueField::kObjlnk;
  }
  return ValueField::kNone;
}

void NameAndTimePlanner::begin(const Path& request_path) {
  request_path_ = request_path;
  first_ = true;
  base_is_path_itself_ = false;
  have_base_time_ = false;
  base_time_ = 0;
}

Result<NameAndTimePlanner::Plan> NameAndTimePlanner::plan(const Record& record) {
  if (!record.path.is_within(request_path_)) return Error::kInternal;
  Plan p;
  Result<size_t> full = record.path.format(name_);
  if (!full.ok()) return full.error();
  if (request_path_.is_root()) {
    p.name = std::string_view(name_, *full);
  } else {
    if (!first_ && (base_is_path_itself_ || record.path == request_path_)) return Error::kInternal;
    Result<size_t> base = request_path_.format(std::span<char>(base_name_, Path::kMaxTextLength));
    if (!base.ok()) return base.error();
    if (record.path == request_path_) {
      base_is_path_itself_ = true;
      p.base_name = std::string_view(base_name_, *base);
    } else {
      base_name_[*base] = '/';
      if (first_) p.base_name = std::string_view(base_name_, *base + 1);
      p.name = std::string_view(name_ + *base + 1, *full - *base - 1);
    }
  }
  first_ = false;

  if (record.has_time) {
    double delta = record.time - base_time_;
    if (have_base_time_ && std::isfinite(delta) && base_time_ + delta == record.time) {
      if (delta != 0) {
        p.emit_time = true;
        p.time = delta;
      }
    } else {
      p.emit_base_time = true;
      p.base_time = record.time;
      base_time_ = record.time;
      have_base_time_ = true;
    }
  } else if (base_time_ != 0) {
    // Later records must not inherit a time they do not have.
    p.emit_base_time = true;
    p.base_time = 0;
    base_time_ = 0;
  }
  return p;
}

size_t base64url_encode_chunk(std::span<const uint8_t> chunk, std::span<char, 64> out) {
  Result<size_t> n = base64_encode(chunk.first(chunk.size() < kBase64ChunkBytes ? chunk.size() : kBase64ChunkBytes), out);
  size_t len = *n;  // 48 bytes encode to exactly 64 chars
  while (len > 0 && out[len - 1] == '=') --len;
  for (size_t i = 0; i < len; ++i) {
    if (out[i] == '+') out[i] = '-';
    else if (out[i] == '/') out[i] = '_';
  }
  return len;
}

Result<size_t> base64_any_decode(std::span<const uint8_t> text, std::span<uint8_t> out) {
  Result<size_t> n = base64_decode(text, out, /*url=*/true, /*allow_unpadded=*/true);
  if (n.ok() || n.error() == Error::kBufferTooSmall) return n;
  return base64_decode(text, out, /*url=*/false, /*allow_unpadded=*/true);
}

}  // namespace lwm2m::senml
