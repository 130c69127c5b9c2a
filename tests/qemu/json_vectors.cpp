// lwm2m_json on the target: RFC 8259 tokens (§13 example, §7 escapes and the
// surrogate pair of U+1D11E), a written document read back, and refusals.
#include <cstdint>
#include <string_view>

#include "check.h"
#include "lwm2m/core/byte_writer.h"
#include "lwm2m/json/json_reader.h"
#include "lwm2m/json/json_writer.h"

using namespace lwm2m;
using qemu::check;
using qemu::check_error;
using qemu::check_text;
using qemu::span_of;

namespace {

// One letter per token, the text of keys, strings and numbers in brackets:
// a compact transcript to compare against.
Result<size_t> transcript(std::string_view json, std::span<char> out) {
  uint8_t scratch[64];
  JsonReader reader(span_of(json), scratch);
  size_t n = 0;
  auto put = [&](std::string_view piece) {
    for (char c : piece)
      if (n < out.size()) out[n++] = c;
  };
  for (;;) {
    Result<JsonToken> t = reader.next();
    if (!t.ok()) return t.error();
    switch (*t) {
      case JsonToken::kBeginObject: put("{"); break;
      case JsonToken::kEndObject: put("}"); break;
      case JsonToken::kBeginArray: put("["); break;
      case JsonToken::kEndArray: put("]"); break;
      case JsonToken::kKey: put("K("); put(reader.text()); put(")"); break;
      case JsonToken::kString: put("S("); put(reader.text()); put(")"); break;
      case JsonToken::kNumber: put("N("); put(reader.text()); put(")"); break;
      case JsonToken::kTrue: put("T"); break;
      case JsonToken::kFalse: put("F"); break;
      case JsonToken::kNull: put("Z"); break;
      case JsonToken::kEnd: return n;
    }
  }
}

std::string_view transcript_text(std::string_view json, std::span<char> out) {
  Result<size_t> n = transcript(json, out);
  return n.ok() ? std::string_view(out.data(), *n) : std::string_view(error_name(n.error()));
}

void reader_vectors() {
  char out[160];
  // RFC 8259 §13, second example, first element.
  check_text(transcript_text(R"([{"precision": "zip", "Latitude": 37.7668, "Longitude": -122.3959,
                                  "Address": "", "City": "SAN FRANCISCO", "State": "CA"}])",
                             out),
             "[{K(precision)S(zip)K(Latitude)N(37.7668)K(Longitude)N(-122.3959)K(Address)S()"
             "K(City)S(SAN FRANCISCO)K(State)S(CA)}]",
             "json read RFC 8259 §13 example");
  // RFC 8259 §7: U+1D11E as the surrogate pair \ud834\udd1e, and a short escape.
  check_text(transcript_text(R"(["\ud834\udd1e", "a\"b\u00e9", true, false, null])", out),
             "[S(\xF0\x9D\x84\x9E)S(a\"b\xC3\xA9)TFZ]", "json read RFC 8259 §7 escapes and surrogate pair");

  check_error(transcript("[1,]", out).error(), Error::kMalformed, "json read refuses a trailing comma");
  check_error(transcript(R"(["\ud834"])", out).error(), Error::kInvalidUtf8, "json read refuses a lone surrogate");
  check_error(transcript("01", out).error(), Error::kMalformed, "json read refuses a leading zero (RFC 8259 §6)");
  char deep[JsonReader::kMaxDepth + 2];
  for (char& c : deep) c = '[';
  check_error(transcript({deep, sizeof deep}, out).error(), Error::kTooDeep, "json read bounds nesting depth");
}

void writer_vectors() {
  uint8_t buf[96];
  ByteWriter out(buf);
  JsonWriter json(out);
  json.begin_array();
  json.begin_object();
  json.key("bn");
  json.string("/3/0/");
  json.key("n");
  json.string("0");
  json.key("vs");
  json.string("Open \"Mobile\"\n");
  json.end_object();
  json.begin_object();
  json.key("n");
  json.string("9");
  json.key("v");
  json.number_double(-2.5);
  json.key("vb");
  json.boolean(true);
  json.end_object();
  json.end_array();
  constexpr std::string_view kWant = R"([{"bn":"/3/0/","n":"0","vs":"Open \"Mobile\"\n"},{"n":"9","v":-2.5,"vb":true}])";
  std::string_view got = json.status().ok() && json.complete()
                             ? std::string_view(reinterpret_cast<const char*>(buf), out.size())
                             : std::string_view("<error>");
  check_text(got, kWant, "json write escapes and numbers (RFC 8259 §7)");
  char tokens[160];
  check_text(transcript_text(got, tokens),
             "[{K(bn)S(/3/0/)K(n)S(0)K(vs)S(Open \"Mobile\"\n)}{K(n)S(9)K(v)N(-2.5)K(vb)T}]",
             "json read back what was written");

  uint8_t small[4];
  ByteWriter small_out(small);
  JsonWriter full(small_out);
  full.string("too long");
  check_error(full.status().error(), Error::kBufferTooSmall, "json write reports a full buffer");
}

void json_vectors() {
  reader_vectors();
  writer_vectors();
}

}  // namespace

QEMU_VECTOR_SUITE("lwm2m_json", json_vectors);
