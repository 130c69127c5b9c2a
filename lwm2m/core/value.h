// LwM2M data types (Core TS Appendix C) and typed values.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "lwm2m/core/status.h"

namespace lwm2m {

enum class DataType : uint8_t {
  kNone = 0,  // Execute-only resources; also "no value" (Read-Composite names)
  kString,
  kInteger,
  kUnsignedInteger,
  kFloat,
  kBoolean,
  kOpaque,
  kTime,  // signed seconds since 1970-01-01T00:00:00Z
  kObjlnk,
  kCorelnk,  // a CoRE Link Format string (RFC 6690)
};

const char* data_type_name(DataType t);

struct Objlnk {
  uint16_t object_id = 0;
  uint16_t instance_id = 0;
  friend constexpr bool operator==(Objlnk a, Objlnk b) {
    return a.object_id == b.object_id && a.instance_id == b.instance_id;
  }
};

// A typed value. String, Opaque and Corelnk values are views: the bytes live
// in the decoder's input, a scratch buffer, or the object's own storage.
struct Value {
  DataType type = DataType::kNone;
  union {
    int64_t integer;    // kInteger, kTime
    uint64_t unsigned_integer;  // kUnsignedInteger
    double floating;    // kFloat
    bool boolean;       // kBoolean
    Objlnk link;        // kObjlnk
  };
  std::span<const uint8_t> bytes;  // kString, kOpaque, kCorelnk

  constexpr Value() : integer(0) {}

  static constexpr Value none() { return Value(); }
  static Value of_integer(int64_t v) { Value x; x.type = DataType::kInteger; x.integer = v; return x; }
  static Value of_unsigned(uint64_t v) { Value x; x.type = DataType::kUnsignedInteger; x.unsigned_integer = v; return x; }
  static Value of_float(double v) { Value x; x.type = DataType::kFloat; x.floating = v; return x; }
  static Value of_boolean(bool v) { Value x; x.type = DataType::kBoolean; x.boolean = v; return x; }
  static Value of_time(int64_t v) { Value x; x.type = DataType::kTime; x.integer = v; return x; }
  static Value of_objlnk(uint16_t o, uint16_t i) { Value x; x.type = DataType::kObjlnk; x.link = {o, i}; return x; }
  static Value of_string(std::string_view s) { return with_bytes(DataType::kString, s); }
  static Value of_corelnk(std::string_view s) { return with_bytes(DataType::kCorelnk, s); }
  static Value of_opaque(std::span<const uint8_t> b) { Value x; x.type = DataType::kOpaque; x.bytes = b; return x; }

  std::string_view text() const {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
  }

  friend bool operator==(const Value& a, const Value& b);

 private:
  static Value with_bytes(DataType t, std::string_view s) {
    Value x;
    x.type = t;
    x.bytes = {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
    return x;
  }
};

// How a decoded value was carried on the wire. Typed formats (SenML, CBOR,
// JSON) know the kind of the value; text/plain and TLV carry bytes whose
// meaning depends on the resource's data type.
enum class WireEncoding : uint8_t {
  kTyped,      // `value` holds a typed value as the format gave it
  kPlainText,  // `value.bytes` is text to parse per Core TS §7.4.1 (text/plain)
  kTlvBytes,   // `value.bytes` is a TLV value field per Core TS §7.4.3
};

struct DecodedValue {
  Value value;
  WireEncoding encoding = WireEncoding::kTyped;
};

// Converts a decoded value to the resource's data type, with the range checks
// of Appendix C. Integer<->Float conversions are allowed when exact; Time
// accepts integers; Corelnk accepts strings; Opaque accepts only opaque (or, for
// text/plain, base64 text decoded into `scratch`).
Result<Value> convert(const DecodedValue& in, DataType target, std::span<uint8_t> scratch);

// True when `text` is well-formed UTF-8 (RFC 3629: no overlongs, no surrogates, <= U+10FFFF).
bool is_valid_utf8(std::span<const uint8_t> text);

}  // namespace lwm2m
