#include "lwm2m/json/json_writer.h"

#include <span>

#include "lwm2m/core/number_text.h"
#include "lwm2m/core/value.h"

namespace lwm2m {

namespace {
constexpr char kHex[] = "0123456789abcdef";
}  // namespace

void JsonWriter::before_value() {
  if (in_string_) return fail(Error::kInternal);
  if (depth_ == 0) {
    if (wrote_value_) fail(Error::kInternal);  // one top-level value only
    wrote_value_ = true;
    return;
  }
  if (in_object()) {
    if (!after_key_) return fail(Error::kInternal);  // an object member needs its key first
    after_key_ = false;
    return;
  }
  uint32_t bit = 1u << (depth_ - 1);
  if (member_bits_ & bit) out_.put(static_cast<uint8_t>(','));
  member_bits_ |= bit;
}

void JsonWriter::push(bool is_object) {
  before_value();
  if (depth_ == kMaxDepth) return fail(Error::kTooDeep);
  uint32_t bit = 1u << depth_;
  ++depth_;
  if (is_object) object_bits_ |= bit;
  else object_bits_ &= ~bit;
  member_bits_ &= ~bit;
  out_.put(static_cast<uint8_t>(is_object ? '{' : '['));
}

void JsonWriter::pop(bool is_object) {
  if (depth_ == 0 || in_object() != is_object || after_key_ || in_string_) return fail(Error::kInternal);
  --depth_;
  out_.put(static_cast<uint8_t>(is_object ? '}' : ']'));
}

void JsonWriter::begin_object() { push(true); }
void JsonWriter::end_object() { pop(true); }
void JsonWriter::begin_array() { push(false); }
void JsonWriter::end_array() { pop(false); }

void JsonWriter::key(std::string_view name) {
  if (!in_object() || after_key_ || in_string_) return fail(Error::kInternal);
  uint32_t bit = 1u << (depth_ - 1);
  if (member_bits_ & bit) out_.put(static_cast<uint8_t>(','));
  member_bits_ |= bit;
  out_.put(static_cast<uint8_t>('"'));
  put_escaped(name);
  out_.put(std::string_view("\":"));
  after_key_ = true;
}

void JsonWriter::string(std::string_view text) {
  begin_string();
  append_string(text);
  end_string();
}

void JsonWriter::begin_string() {
  before_value();
  in_string_ = true;
  out_.put(static_cast<uint8_t>('"'));
}

void JsonWriter::append_string(std::string_view piece) {
  if (!in_string_) return fail(Error::kInternal);
  put_escaped(piece);
}

void JsonWriter::put_escaped(std::string_view piece) {
  // Pieces must be whole UTF-8 sequences; checking each keeps the writer stateless.
  if (!is_valid_utf8({reinterpret_cast<const uint8_t*>(piece.data()), piece.size()}))
    return fail(Error::kInvalidUtf8);
  for (char ch : piece) {
    auto c = static_cast<uint8_t>(ch);
    if (c == '"' || c == '\\') {
      out_.put(static_cast<uint8_t>('\\'));
      out_.put(c);
    } else if (c < 0x20) {
      // RFC 8259 §7: control characters must be escaped; use the short forms where they exist.
      out_.put(static_cast<uint8_t>('\\'));
      switch (c) {
        case '\b': out_.put(static_cast<uint8_t>('b')); break;
        case '\f': out_.put(static_cast<uint8_t>('f')); break;
        case '\n': out_.put(static_cast<uint8_t>('n')); break;
        case '\r': out_.put(static_cast<uint8_t>('r')); break;
        case '\t': out_.put(static_cast<uint8_t>('t')); break;
        default:
          out_.put(std::string_view("u00"));
          out_.put(static_cast<uint8_t>(kHex[c >> 4]));
          out_.put(static_cast<uint8_t>(kHex[c & 15]));
      }
    } else {
      out_.put(c);
    }
  }
}

void JsonWriter::end_string() {
  if (!in_string_) return fail(Error::kInternal);
  in_string_ = false;
  out_.put(static_cast<uint8_t>('"'));
}

void JsonWriter::number_int(int64_t v) {
  before_value();
  char text[kMaxNumberText];
  Result<size_t> n = format_int64(v, text);
  if (!n.ok()) return fail(n.error());
  out_.put(std::string_view(text, *n));
}

void JsonWriter::number_uint(uint64_t v) {
  before_value();
  char text[kMaxNumberText];
  Result<size_t> n = format_uint64(v, text);
  if (!n.ok()) return fail(n.error());
  out_.put(std::string_view(text, *n));
}

void JsonWriter::number_double(double v) {
  before_value();
  char text[kMaxNumberText];
  Result<size_t> n = format_double(v, text);
  if (!n.ok()) return fail(Error::kOutOfRange);
  out_.put(std::string_view(text, *n));
}

void JsonWriter::boolean(bool v) {
  before_value();
  out_.put(std::string_view(v ? "true" : "false"));
}

void JsonWriter::null() {
  before_value();
  out_.put(std::string_view("null"));
}

Status JsonWriter::status() const {
  if (error_ != Error::kOk) return error_;
  return out_.status();
}

}  // namespace lwm2m
