// lwm2m_core on the target: paths (Core TS §6.1), base64 (RFC 4648 §10),
// decimal number text, and value conversion for text/plain (Core TS §7.3.1)
// and TLV value fields (Core TS §7.3.3).
#include <cstdint>
#include <cstring>

#include "check.h"
#include "lwm2m/core/base64.h"
#include "lwm2m/core/number_text.h"
#include "lwm2m/core/path.h"
#include "lwm2m/core/value.h"

using namespace lwm2m;
using qemu::Bytes;
using qemu::check;
using qemu::check_error;
using qemu::check_text;
using qemu::span_of;

namespace {

void path_vectors() {
  Result<Path> p = Path::parse("/3/0/7/1");
  check(p.ok() && *p == Path(3, 0, 7, 1), "path parse /3/0/7/1");
  check(Path::parse("/").ok() && Path::parse("/").value().is_root(), "path parse / is root");
  check_error(Path::parse("/65535").error(), Error::kInvalidPath, "path parse rejects reserved id 65535");
  check_error(Path::parse("/3//1").error(), Error::kInvalidPath, "path parse rejects empty id");

  char text[Path::kMaxTextLength];
  Result<size_t> n = Path(65534, 65534, 65534, 65534).format(text);
  check_text(n.ok() ? std::string_view(text, *n) : "<error>", "/65534/65534/65534/65534",
             "path format longest path in kMaxTextLength");
}

// RFC 4648 §10 test vectors, both ways.
void base64_vectors() {
  static constexpr const char* kVectors[][2] = {
      {"", ""},         {"f", "Zg=="},         {"fo", "Zm8="},        {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"},
  };
  for (const auto& v : kVectors) {
    std::string_view plain = v[0], encoded = v[1];
    char out[16];
    Result<size_t> n = base64_encode(span_of(plain), {reinterpret_cast<char*>(out), sizeof out});
    check_text(n.ok() ? std::string_view(out, *n) : "<error>", encoded,
               qemu::describe("base64 encode \"%s\" (RFC 4648 §10)", v[0]));
    uint8_t back[16];
    Result<size_t> m = base64_decode(span_of(encoded), back);
    qemu::check_bytes(m.ok() ? std::span<const uint8_t>(back, *m) : std::span<const uint8_t>(), span_of(plain),
                      qemu::describe("base64 decode \"%s\" (RFC 4648 §10)", v[1]));
  }
  uint8_t back[8];
  check(!base64_decode(span_of(std::string_view("Zm9=v")), back).ok(), "base64 decode rejects padding inside");
}

void number_vectors() {
  char buf[kMaxNumberText];
  Result<size_t> n = format_int64(INT64_MIN, buf);
  check_text(n.ok() ? std::string_view(buf, *n) : "", "-9223372036854775808", "format_int64 INT64_MIN");
  n = format_uint64(UINT64_MAX, buf);
  check_text(n.ok() ? std::string_view(buf, *n) : "", "18446744073709551615", "format_uint64 UINT64_MAX");
  check(parse_int64("-9223372036854775808").ok(), "parse_int64 INT64_MIN");
  check_error(parse_uint64("18446744073709551616").error(), Error::kOutOfRange, "parse_uint64 2^64 out of range");

  // Shortest round-trip text, produced without libc float conversion.
  static constexpr struct {
    double value;
    const char* text;
  } kDoubles[] = {{21, "21"}, {22.5, "22.5"}, {0.1, "0.1"}, {-3.25, "-3.25"}, {1e-300, "1e-300"}};
  for (const auto& d : kDoubles) {
    n = format_double(d.value, buf);
    check_text(n.ok() ? std::string_view(buf, *n) : "<error>", d.text, qemu::describe("format_double %s", d.text));
  }
  Result<double> x = parse_double("-0.5E+2");
  check(x.ok() && *x == -50.0, "parse_double -0.5E+2");
  x = parse_double("1.7976931348623157e308");
  check(x.ok() && *x == 1.7976931348623157e308, "parse_double DBL_MAX");
  check_error(parse_double("1e999").error(), Error::kOutOfRange, "parse_double 1e999 out of range");
  check_error(parse_double("0x10").error(), Error::kMalformed, "parse_double rejects hex");
}

Result<Value> from_text(std::string_view text, DataType type, std::span<uint8_t> scratch = {}) {
  DecodedValue d;
  d.encoding = WireEncoding::kPlainText;
  d.value.bytes = span_of(text);
  return convert(d, type, scratch);
}

Result<Value> from_tlv(Bytes bytes, DataType type) {
  DecodedValue d;
  d.encoding = WireEncoding::kTlvBytes;
  d.value.bytes = span_of(bytes);
  return convert(d, type, {});
}

bool is(const Result<Value>& r, const Value& want) { return r.ok() && *r == want; }

void plain_text_vectors() {
  check(is(from_text("-42", DataType::kInteger), Value::of_integer(-42)), "text/plain Integer -42");
  check(is(from_text("18446744073709551615", DataType::kUnsignedInteger), Value::of_unsigned(UINT64_MAX)),
        "text/plain Unsigned Integer 2^64-1");
  check(is(from_text("-1.5e3", DataType::kFloat), Value::of_float(-1500)), "text/plain Float -1.5e3");
  check(is(from_text("1", DataType::kBoolean), Value::of_boolean(true)), "text/plain Boolean 1");
  check(is(from_text("3:0", DataType::kObjlnk), Value::of_objlnk(3, 0)), "text/plain Objlnk 3:0");
  uint8_t scratch[8];
  Result<Value> opaque = from_text("AQID", DataType::kOpaque, scratch);
  qemu::check_bytes(opaque.ok() ? opaque->bytes : std::span<const uint8_t>(), span_of({1, 2, 3}),
                    "text/plain Opaque base64 AQID");
  check_error(from_text("2", DataType::kBoolean).error(), Error::kMalformed, "text/plain Boolean 2 rejected");
  check_error(from_text("\xC0\xAF", DataType::kString).error(), Error::kInvalidUtf8,
              "text/plain String overlong UTF-8 rejected");
}

void tlv_value_vectors() {
  check(is(from_tlv({0x80}, DataType::kInteger), Value::of_integer(-128)), "TLV Integer 1 byte -128");
  check(is(from_tlv({0xFF, 0xFF, 0xFF, 0xFE}, DataType::kInteger), Value::of_integer(-2)), "TLV Integer 4 bytes -2");
  check(is(from_tlv({0x80, 0, 0, 0, 0, 0, 0, 0}, DataType::kInteger), Value::of_integer(INT64_MIN)),
        "TLV Integer 8 bytes INT64_MIN");
  check(is(from_tlv({0x3F, 0xC0, 0, 0}, DataType::kFloat), Value::of_float(1.5)), "TLV Float binary32 1.5");
  check(is(from_tlv({0x3F, 0xF8, 0, 0, 0, 0, 0, 0}, DataType::kFloat), Value::of_float(1.5)),
        "TLV Float binary64 1.5");
  check(is(from_tlv({0, 3, 0, 1}, DataType::kObjlnk), Value::of_objlnk(3, 1)), "TLV Objlnk 3:1");
  check_error(from_tlv({1, 2, 3}, DataType::kInteger).error(), Error::kMalformed, "TLV Integer 3 bytes rejected");
}

void core_vectors() {
  path_vectors();
  base64_vectors();
  number_vectors();
  plain_text_vectors();
  tlv_value_vectors();
}

}  // namespace

QEMU_VECTOR_SUITE("lwm2m_core", core_vectors);
