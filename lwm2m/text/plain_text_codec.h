// text/plain content format (0), Core TS §7.4.1: the value of one resource
// or resource instance as text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "lwm2m/text/single_value_codec.h"

namespace lwm2m {

// Text for a value, per data type:
//   Integer, Unsigned Integer, Time   decimal ("-42"; Time as seconds since 1970)
//   Float                             shortest decimal that reads back exactly (format_double)
//   Boolean                           "0" or "1"
//   Objlnk                            "o:i" ("65535:65535" for the null link)
//   Opaque                            base64 (RFC 4648 §4, padded)
//   String, Corelnk                   the UTF-8 text as is
// Returns bytes written; kBufferTooSmall, kOutOfRange (NaN, infinity),
// kTypeMismatch (DataType::kNone).
Result<size_t> format_plain_text(const Value& value, std::span<uint8_t> out);

// Encodes the single record of a Read on /o/i/r or /o/i/r/ri as text; see
// SingleValueEncoder for what is refused. Values without a text form
// (NaN, infinity, none) are kNotAcceptable.
class PlainTextEncoder final : public SingleValueEncoder {
 public:
  explicit PlainTextEncoder(std::span<uint8_t> out) : SingleValueEncoder(out) {}

 private:
  Result<size_t> write_value(const Value& value, std::span<uint8_t> out) override {
    return format_plain_text(value, out);
  }
};

// Yields one record at the request path holding the payload as
// DecodedValue{bytes, WireEncoding::kPlainText}; lwm2m::convert parses it for
// the resource's data type. A request path that is not a resource or
// resource instance gives kBadRequest.
class PlainTextDecoder final : public SingleValueDecoder {
 public:
  PlainTextDecoder(std::span<const uint8_t> payload, const Path& request_path)
      : SingleValueDecoder(request_path, as_text(payload)) {}

 private:
  static DecodedValue as_text(std::span<const uint8_t> payload) {
    DecodedValue v;
    v.value.type = DataType::kString;  // text to parse; the data type comes from the resource
    v.value.bytes = payload;
    v.encoding = WireEncoding::kPlainText;
    return v;
  }
};

}  // namespace lwm2m
