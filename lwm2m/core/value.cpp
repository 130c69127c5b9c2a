#include "lwm2m/core/value.h"

#include <cmath>
#include <cstring>

#include "lwm2m/core/base64.h"
#include "lwm2m/core/number_text.h"
#include "lwm2m/core/objlnk_text.h"
#include "lwm2m/core/path.h"

namespace lwm2m {

const char* data_type_name(DataType t) {
  switch (t) {
    case DataType::kNone: return "None";
    case DataType::kString: return "String";
    case DataType::kInteger: return "Integer";
    case DataType::kUnsignedInteger: return "Unsigned Integer";
    case DataType::kFloat: return "Float";
    case DataType::kBoolean: return "Boolean";
    case DataType::kOpaque: return "Opaque";
    case DataType::kTime: return "Time";
    case DataType::kObjlnk: return "Objlnk";
    case DataType::kCorelnk: return "Corelnk";
  }
  return "?";
}

bool operator==(const Value& a, const Value& b) {
  if (a.type != b.type) return false;
  switch (a.type) {
    case DataType::kNone: return true;
    case DataType::kInteger:
    case DataType::kTime: return a.integer == b.integer;
    case DataType::kUnsignedInteger: return a.unsigned_integer == b.unsigned_integer;
    case DataType::kFloat: return a.floating == b.floating;
    case DataType::kBoolean: return a.boolean == b.boolean;
    case DataType::kObjlnk: return a.link == b.link;
    case DataType::kString:
    case DataType::kOpaque:
    case DataType::kCorelnk:
      return a.bytes.size() == b.bytes.size() &&
             (a.bytes.empty() || std::memcmp(a.bytes.data(), b.bytes.data(), a.bytes.size()) == 0);
  }
  return false;
}

bool is_valid_utf8(std::span<const uint8_t> s) {
  size_t i = 0;
  while (i < s.size()) {
    uint8_t c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t extra;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) extra = 1, cp = c & 0x1F;
    else if ((c & 0xF0) == 0xE0) extra = 2, cp = c & 0x0F;
    else if ((c & 0xF8) == 0xF0) extra = 3, cp = c & 0x07;
    else return false;
    if (i + extra >= s.size()) return false;
    for (size_t k = 1; k <= extra; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return false;
      cp = cp << 6 | (s[i + k] & 0x3F);
    }
    static constexpr uint32_t kMinForLength[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMinForLength[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += extra + 1;
  }
  return true;
}

namespace {

uint64_t read_be(std::span<const uint8_t> b) {
  uint64_t v = 0;
  for (uint8_t byte : b) v = v << 8 | byte;
  return v;
}

bool is_integer_length(size_t n) { return n == 1 || n == 2 || n == 4 || n == 8; }

// Core TS §7.4.3 (OMA TLV value encodings).
Result<Value> from_tlv(std::span<const uint8_t> b, DataType target) {
  switch (target) {
    case DataType::kString:
    case DataType::kCorelnk: {
      if (!is_valid_utf8(b)) return Error::kInvalidUtf8;
      Value v;
      v.type = target;
      v.bytes = b;
      return v;
    }
    case DataType::kOpaque: return Value::of_opaque(b);
    case DataType::kInteger:
    case DataType::kTime: {
      if (!is_integer_length(b.size())) return Error::kMalformed;
      uint64_t raw = read_be(b);
      unsigned bits = static_cast<unsigned>(b.size() * 8);
      int64_t v;
      if (bits < 64 && (raw >> (bits - 1) & 1)) v = static_cast<int64_t>(raw | (~uint64_t{0} << bits));
      else v = static_cast<int64_t>(raw);
      return target == DataType::kTime ? Value::of_time(v) : Value::of_integer(v);
    }
    case DataType::kUnsignedInteger:
      if (!is_integer_length(b.size())) return Error::kMalformed;
      return Value::of_unsigned(read_be(b));
    case DataType::kFloat: {
      if (b.size() == 4) {
        uint32_t raw = static_cast<uint32_t>(read_be(b));
        float f;
        std::memcpy(&f, &raw, 4);
        return Value::of_float(f);
      }
      if (b.size() == 8) {
        uint64_t raw = read_be(b);
        double d;
        std::memcpy(&d, &raw, 8);
        return Value::of_float(d);
      }
      return Error::kMalformed;
    }
    case DataType::kBoolean:
      if (b.size() != 1 || b[0] > 1) return Error::kMalformed;
      return Value::of_boolean(b[0] == 1);
    case DataType::kObjlnk:
      if (b.size() != 4) return Error::kMalformed;
      return Value::of_objlnk(static_cast<uint16_t>(read_be(b.first(2))), static_cast<uint16_t>(read_be(b.subspan(2))));
    case DataType::kNone: return b.empty() ? Value::none() : Result<Value>(Error::kTypeMismatch);
  }
  return Error::kTypeMismatch;
}

// Core TS §7.4.1 (Plain Text).
Result<Value> from_text(std::span<const uint8_t> b, DataType target, std::span<uint8_t> scratch) {
  std::string_view s(reinterpret_cast<const char*>(b.data()), b.size());
  switch (target) {
    case DataType::kString:
    case DataType::kCorelnk: {
      if (!is_valid_utf8(b)) return Error::kInvalidUtf8;
      Value v;
      v.type = target;
      v.bytes = b;
      return v;
    }
    case DataType::kInteger:
    case DataType::kTime: {
      Result<int64_t> i = parse_int64(s);
      if (!i.ok()) return i.error();
      return target == DataType::kTime ? Value::of_time(*i) : Value::of_integer(*i);
    }
    case DataType::kUnsignedInteger: {
      Result<uint64_t> u = parse_uint64(s);
      if (!u.ok()) return u.error();
      return Value::of_unsigned(*u);
    }
    case DataType::kFloat: {
      Result<double> d = parse_double(s);
      if (!d.ok()) return d.error();
      return Value::of_float(*d);
    }
    case DataType::kBoolean:
      if (s == "0") return Value::of_boolean(false);
      if (s == "1") return Value::of_boolean(true);
      return Error::kMalformed;
    case DataType::kObjlnk: {
      Result<Objlnk> link = parse_objlnk(s);
      if (!link.ok()) return link.error();
      return Value::of_objlnk(link->object_id, link->instance_id);
    }
    case DataType::kOpaque: {
      Result<size_t> n = base64_decode(b, scratch);
      if (!n.ok()) return n.error();
      return Value::of_opaque(scratch.first(*n));
    }
    case DataType::kNone: return b.empty() ? Value::none() : Result<Value>(Error::kTypeMismatch);
  }
  return Error::kTypeMismatch;
}

Result<Value> from_typed(const Value& in, DataType target) {
  if (in.type == target) {
    if ((target == DataType::kString || target == DataType::kCorelnk) && !is_valid_utf8(in.bytes))
      return Error::kInvalidUtf8;
    return in;
  }
  switch (target) {
    case DataType::kInteger:
    case DataType::kTime: {
      int64_t v;
      if (in.type == DataType::kInteger || in.type == DataType::kTime) v = in.integer;
      else if (in.type == DataType::kUnsignedInteger) {
        if (in.unsigned_integer > static_cast<uint64_t>(INT64_MAX)) return Error::kOutOfRange;
        v = static_cast<int64_t>(in.unsigned_integer);
      } else if (in.type == DataType::kFloat) {
        double f = in.floating;
        if (f != std::trunc(f)) return Error::kTypeMismatch;
        if (!(f >= -9223372036854775808.0 && f < 9223372036854775808.0)) return Error::kOutOfRange;
        v = static_cast<int64_t>(f);
      } else {
        return Error::kTypeMismatch;
      }
      return target == DataType::kTime ? Value::of_time(v) : Value::of_integer(v);
    }
    case DataType::kUnsignedInteger:
      if (in.type == DataType::kInteger) {
        if (in.integer < 0) return Error::kOutOfRange;
        return Value::of_unsigned(static_cast<uint64_t>(in.integer));
      }
      if (in.type == DataType::kFloat) {
        double f = in.floating;
        if (f != std::trunc(f)) return Error::kTypeMismatch;
        if (!(f >= 0 && f < 18446744073709551616.0)) return Error::kOutOfRange;
        return Value::of_unsigned(static_cast<uint64_t>(f));
      }
      return Error::kTypeMismatch;
    case DataType::kFloat:
      if (in.type == DataType::kInteger) return Value::of_float(static_cast<double>(in.integer));
      if (in.type == DataType::kUnsignedInteger) return Value::of_float(static_cast<double>(in.unsigned_integer));
      return Error::kTypeMismatch;
    case DataType::kCorelnk:
      if (in.type == DataType::kString) return from_typed(Value::of_corelnk(in.text()), target);
      return Error::kTypeMismatch;
    case DataType::kObjlnk:
      // Typed formats that carry an Objlnk as text "o:i" (LwM2M CBOR, SenML vlo).
      if (in.type == DataType::kString) return from_text(in.bytes, target, {});
      return Error::kTypeMismatch;
    default: return Error::kTypeMismatch;
  }
}

}  // namespace

Result<Value> convert(const DecodedValue& in, DataType target, std::span<uint8_t> scratch) {
  switch (in.encoding) {
    case WireEncoding::kTlvBytes: return from_tlv(in.value.bytes, target);
    case WireEncoding::kPlainText: return from_text(in.value.bytes, target, scratch);
    case WireEncoding::kTyped: return from_typed(in.value, target);
  }
  return Error::kInternal;
}

}  // namespace lwm2m
