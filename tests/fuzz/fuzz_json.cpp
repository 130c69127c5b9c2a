// Fuzzes JsonReader: every token of arbitrary input, then again with
// skip_value at each key, and re-writes accepted documents with JsonWriter
// to check that the writer's output reads back to the same tokens.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "lwm2m/core/byte_writer.h"
#include "lwm2m/core/number_text.h"
#include "lwm2m/json/json_reader.h"
#include "lwm2m/json/json_writer.h"

using lwm2m::JsonReader;
using lwm2m::JsonToken;
using lwm2m::JsonWriter;

namespace {

// Copies tokens from reader to writer; returns the token count or -1 on a reader error.
int copy(JsonReader& r, JsonWriter& w) {
  int count = 0;
  for (;;) {
    auto t = r.next();
    if (!t.ok()) return -1;
    switch (*t) {
      case JsonToken::kBeginObject: w.begin_object(); break;
      case JsonToken::kEndObject: w.end_object(); break;
      case JsonToken::kBeginArray: w.begin_array(); break;
      case JsonToken::kEndArray: w.end_array(); break;
      case JsonToken::kKey: w.key(r.text()); break;
      case JsonToken::kString: w.string(r.text()); break;
      case JsonToken::kNumber: {
        // Numbers go through parse/format, which must be stable on the second copy.
        auto d = lwm2m::parse_double(r.text());
        if (d.ok()) w.number_double(*d);
        else w.null();  // out of range or longer than parse_double takes
        break;
      }
      case JsonToken::kTrue: w.boolean(true); break;
      case JsonToken::kFalse: w.boolean(false); break;
      case JsonToken::kNull: w.null(); break;
      case JsonToken::kEnd: return count;
    }
    ++count;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static uint8_t scratch[4096];
  static uint8_t out[16384];  // first half: first copy, second half: second copy
  static uint8_t scratch2[4096];

  JsonReader reader({data, size}, scratch);
  lwm2m::ByteWriter bytes(std::span<uint8_t>(out, 8192));
  JsonWriter writer(bytes);
  int tokens = copy(reader, writer);

  // Skipping at every key must agree with reading: both succeed or both fail.
  reader.reset();
  bool skip_ok = true;
  for (;;) {
    auto t = reader.next();
    if (!t.ok()) {
      skip_ok = false;
      break;
    }
    if (*t == JsonToken::kEnd) break;
    if (*t == JsonToken::kKey && !reader.skip_value().ok()) {
      skip_ok = false;
      break;
    }
    reader.release_scratch();
  }
  if (skip_ok != (tokens >= 0)) abort();

  if (tokens >= 0 && writer.status().ok()) {
    JsonReader again(bytes.written(), scratch2);
    lwm2m::ByteWriter bytes2(std::span<uint8_t>(out + 8192, 8192));
    JsonWriter writer2(bytes2);
    if (copy(again, writer2) != tokens) abort();
    if (bytes2.size() != bytes.size() || std::memcmp(out, out + 8192, bytes.size()) != 0) abort();
  }
  return 0;
}
