// lwm2m_cbor on the target: RFC 8949 Appendix A examples encoded byte for
// byte and decoded back, and Appendix F not-well-formed items refused.
#include <cmath>
#include <cstdint>
#include <string_view>

#include "check.h"
#include "lwm2m/cbor/cbor_reader.h"
#include "lwm2m/cbor/cbor_writer.h"
#include "lwm2m/core/number_text.h"

using namespace lwm2m;
using namespace lwm2m::cbor;
using qemu::Bytes;
using qemu::check;
using qemu::check_bytes;
using qemu::check_error;
using qemu::span_of;

namespace {

std::span<const uint8_t> written(const CborWriter& w, const uint8_t* buf) {
  return w.status().ok() ? std::span<const uint8_t>(buf, w.size()) : std::span<const uint8_t>();
}

void integer_vectors() {
  static constexpr struct {
    int64_t value;
    Bytes encoded;
  } kInts[] = {
      {0, {0x00}},
      {23, {0x17}},
      {24, {0x18, 0x18}},
      {1000, {0x19, 0x03, 0xe8}},
      {1000000, {0x1a, 0x00, 0x0f, 0x42, 0x40}},
      {1000000000000, {0x1b, 0x00, 0x00, 0x00, 0xe8, 0xd4, 0xa5, 0x10, 0x00}},
      {-1, {0x20}},
      {-100, {0x38, 0x63}},
      {-1000, {0x39, 0x03, 0xe7}},
  };
  for (const auto& v : kInts) {
    uint8_t buf[16];
    CborWriter w{std::span<uint8_t>(buf)};
    w.write_int(v.value);
    // newlib-nano's printf has no %lld: name the value with the core's own formatter.
    char decimal[kMaxNumberText + 1] = {};
    (void)format_int64(v.value, std::span<char>(decimal, kMaxNumberText));
    check_bytes(written(w, buf), span_of(v.encoded), qemu::describe("cbor encode %s (RFC 8949 App. A)", decimal));
    CborReader r(span_of(v.encoded));
    Result<int64_t> back = r.read_int();
    check(back.ok() && *back == v.value && r.at_end(), qemu::describe("cbor decode %s", decimal));
  }
  const Bytes max = {0x1b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
  uint8_t buf[16];
  CborWriter w{std::span<uint8_t>(buf)};
  w.write_unsigned(UINT64_MAX);
  check_bytes(written(w, buf), span_of(max), "cbor encode 18446744073709551615 (RFC 8949 App. A)");
  CborReader r(span_of(max));
  check_error(r.read_int().error(), Error::kOutOfRange, "cbor read_int refuses 2^64-1");
}

// Preferred serialization: the shortest float width that holds the value exactly (§4.2).
void float_vectors() {
  static constexpr struct {
    double value;
    Bytes encoded;
  } kFloats[] = {
      {0.0, {0xf9, 0x00, 0x00}},
      {-0.0, {0xf9, 0x80, 0x00}},
      {1.5, {0xf9, 0x3e, 0x00}},
      {65504.0, {0xf9, 0x7b, 0xff}},
      {5.960464477539063e-8, {0xf9, 0x00, 0x01}},
      {100000.0, {0xfa, 0x47, 0xc3, 0x50, 0x00}},
      {3.4028234663852886e+38, {0xfa, 0x7f, 0x7f, 0xff, 0xff}},
      {1.1, {0xfb, 0x3f, 0xf1, 0x99, 0x99, 0x99, 0x99, 0x99, 0x9a}},
      {-4.1, {0xfb, 0xc0, 0x10, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66}},
      {1.0e+300, {0xfb, 0x7e, 0x37, 0xe4, 0x3c, 0x88, 0x00, 0x75, 0x9c}},
  };
  for (const auto& v : kFloats) {
    uint8_t buf[16];
    CborWriter w{std::span<uint8_t>(buf)};
    w.write_float(v.value);
    const char* name = qemu::describe("cbor encode float %02x%02x%02x.. (RFC 8949 App. A)", v.encoded.begin()[0],
                                      v.encoded.begin()[1], v.encoded.begin()[2]);
    check_bytes(written(w, buf), span_of(v.encoded), name);
    CborReader r(span_of(v.encoded));
    Result<double> back = r.read_float();
    check(back.ok() && *back == v.value && std::signbit(*back) == std::signbit(v.value),
          qemu::describe("cbor decode float %02x%02x%02x..", v.encoded.begin()[0], v.encoded.begin()[1],
                         v.encoded.begin()[2]));
  }
}

void string_and_container_vectors() {
  uint8_t buf[32];
  {
    CborWriter w{std::span<uint8_t>(buf)};
    w.write_text("\xe6\xb0\xb4");  // "\u6c34"
    check_bytes(written(w, buf), span_of({0x63, 0xe6, 0xb0, 0xb4}), "cbor encode \"\\u6c34\" (RFC 8949 App. A)");
  }
  {
    // {"a": 1, "b": [2, 3]}
    const Bytes want = {0xa2, 0x61, 0x61, 0x01, 0x61, 0x62, 0x82, 0x02, 0x03};
    CborWriter w{std::span<uint8_t>(buf)};
    w.begin_map(2);
    w.write_text("a");
    w.write_unsigned(1);
    w.write_text("b");
    w.begin_array(2);
    w.write_unsigned(2);
    w.write_unsigned(3);
    check_bytes(written(w, buf), span_of(want), "cbor encode {\"a\": 1, \"b\": [2, 3]} (RFC 8949 App. A)");

    CborReader r(span_of(want));
    Result<ContainerHeader> map = r.read_map();
    Result<std::string_view> a = r.read_text();
    Result<uint64_t> one = r.read_unsigned();
    Result<std::string_view> b = r.read_text();
    Result<ContainerHeader> array = r.read_array();
    Result<uint64_t> two = r.read_unsigned();
    Result<uint64_t> three = r.read_unsigned();
    check(map.ok() && map->count == 2 && a.ok() && *a == "a" && one.ok() && *one == 1 && b.ok() && *b == "b" &&
              array.ok() && array->count == 2 && two.ok() && *two == 2 && three.ok() && *three == 3 && r.at_end(),
          "cbor decode {\"a\": 1, \"b\": [2, 3]}");
  }
  {
    // 1(1363896240): epoch-based date/time
    const Bytes want = {0xc1, 0x1a, 0x51, 0x4b, 0x67, 0xb0};
    CborWriter w{std::span<uint8_t>(buf)};
    w.write_tag(kTagEpochTime);
    w.write_unsigned(1363896240);
    check_bytes(written(w, buf), span_of(want), "cbor encode 1(1363896240) (RFC 8949 App. A)");
    CborReader r(span_of(want));
    Result<uint64_t> tag = r.read_tag();
    Result<uint64_t> t = r.read_unsigned();
    check(tag.ok() && *tag == 1 && t.ok() && *t == 1363896240, "cbor decode 1(1363896240)");
  }
  {
    // (_ h'0102', h'030405') read into one buffer
    static constexpr uint8_t kChunked[] = {0x5f, 0x42, 0x01, 0x02, 0x43, 0x03, 0x04, 0x05, 0xff};
    CborReader r(kChunked);
    uint8_t joined[8];
    Result<size_t> n = r.read_bytes_into(joined);
    check_bytes(n.ok() ? std::span<const uint8_t>(joined, *n) : std::span<const uint8_t>(),
                span_of({1, 2, 3, 4, 5}), "cbor decode (_ h'0102', h'030405') (RFC 8949 App. A)");
  }
  check(check_well_formed(span_of({0x9f, 0x01, 0x82, 0x02, 0x03, 0x9f, 0x04, 0x05, 0xff, 0xff})).ok(),
        "cbor well-formed [_ 1, [2, 3], [_ 4, 5]] (RFC 8949 App. A)");
}

// RFC 8949 Appendix F: items that are not well-formed.
void malformed_vectors() {
  check_error(check_well_formed(span_of({0x18})).error(), Error::kTruncated, "cbor refuses 18 (App. F.1 end of input)");
  check_error(check_well_formed(span_of({0x62, 0x61})).error(), Error::kTruncated,
              "cbor refuses 6261 (App. F.1 string too short)");
  check_error(check_well_formed(span_of({0x1c})).error(), Error::kMalformed,
              "cbor refuses 1c (App. F.1 reserved info 28)");
  check_error(check_well_formed(span_of({0xf8, 0x18})).error(), Error::kMalformed,
              "cbor refuses f818 (App. F.1 two-byte simple < 32)");
  check_error(check_well_formed(span_of({0xff})).error(), Error::kMalformed, "cbor refuses a lone break");
  check_error(check_well_formed(span_of({0x62, 0xc3, 0x28})).error(), Error::kInvalidUtf8,
              "cbor refuses text with invalid UTF-8");
  uint8_t deep[kDefaultMaxDepth + 2];
  for (uint8_t& b : deep) b = 0x81;  // [[[[...
  deep[sizeof deep - 1] = 0x00;
  check_error(check_well_formed(deep).error(), Error::kTooDeep, "cbor refuses nesting beyond the bound");
}

void cbor_vectors() {
  integer_vectors();
  float_vectors();
  string_and_container_vectors();
  malformed_vectors();
}

}  // namespace

QEMU_VECTOR_SUITE("lwm2m_cbor", cbor_vectors);
