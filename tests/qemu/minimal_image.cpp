// A minimal Cortex-M image for tools/footprint.sh: calls every codec's encoder
// and decoder entry points, so --gc-sections keeps what a client really links.
// Inputs come from a volatile buffer so nothing is folded away at compile time.
// No semihosting, no console: this is measured, never run.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "lwm2m/cbor/cbor_reader.h"
#include "lwm2m/cbor/cbor_writer.h"
#include "lwm2m/core/base64.h"
#include "lwm2m/core/number_text.h"
#include "lwm2m/core/record.h"
#include "lwm2m/core/path.h"
#include "lwm2m/core/value.h"
#include "lwm2m/core/byte_writer.h"
#include "lwm2m/json/json_reader.h"
#include "lwm2m/json/json_writer.h"
#include "lwm2m/link/attributes.h"
#include "lwm2m/link/link_reader.h"
#include "lwm2m/link/link_writer.h"
#include "lwm2m/lwcbor/lwm2m_cbor_decoder.h"
#include "lwm2m/lwcbor/lwm2m_cbor_encoder.h"
#include "lwm2m/omajson/oma_json_decoder.h"
#include "lwm2m/omajson/oma_json_encoder.h"
#include "lwm2m/senml/senml_cbor_decoder.h"
#include "lwm2m/senml/senml_cbor_encoder.h"
#include "lwm2m/senml/senml_json_decoder.h"
#include "lwm2m/senml/senml_json_encoder.h"

using namespace lwm2m;

namespace {

volatile uint8_t payload_source[256];
uint8_t payload[256];
uint8_t output[256];
uint8_t scratch[64];

// A fresh, opaque copy of the input for each entry point.
std::span<const uint8_t> input() {
  for (size_t i = 0; i < sizeof payload; ++i) payload[i] = payload_source[i];
  return {payload, payload_source[0]};
}
std::string_view input_text() {
  std::span<const uint8_t> in = input();
  return {reinterpret_cast<const char*>(in.data()), in.size()};
}
std::span<char> output_text() { return {reinterpret_cast<char*>(output), sizeof output}; }

unsigned failures = 0;
void count(Status s) {
  if (!s.ok()) ++failures;
}

// A Read answer of a few records of every data type.
void encode_records(RecordEncoder& encoder) {
  const Value values[] = {Value::of_string(input_text()), Value::of_integer(payload[1]),
                          Value::of_unsigned(payload[2]), Value::of_float(payload[3] / 4.0),
                          Value::of_boolean(payload[4] != 0), Value::of_opaque(input()),
                          Value::of_time(payload[5]), Value::of_objlnk(payload[6], payload[7]),
                          Value::of_corelnk(input_text())};
  count(encoder.begin(Path(3, 0)));
  uint16_t resource = 0;
  for (const Value& v : values) {
    Record r;
    r.path = Path(3, 0, resource++);
    r.value = v;
    r.has_time = payload[8] != 0;
    r.time = payload[9];
    count(encoder.add(r));
  }
  count(encoder.finish().status());
}

// A Write payload, every record converted to the data type its resource has.
void decode_records(RecordDecoder& decoder) {
  DecodedRecord record;
  for (Result<bool> more = decoder.next(record); more.ok() && *more; more = decoder.next(record))
    count(convert(record.value, static_cast<DataType>(record.path.resource() % 10), scratch).status());
  decoder.rewind();
}

void core_entry_points() {
  Result<Path> path = Path::parse(input_text());
  count(path.status());
  if (path.ok()) count(path->format(output_text()).status());

  count(base64_encode(input(), output_text()).status());
  count(base64_decode(input(), output, true, true).status());

  count(parse_int64(input_text()).status());
  count(parse_uint64(input_text()).status());
  Result<double> d = parse_double(input_text());
  count(d.status());
  if (d.ok()) count(format_double(*d, output_text()).status());
  count(format_int64(static_cast<int64_t>(payload[1]), output_text()).status());
  count(format_uint64(payload[2], output_text()).status());

  for (WireEncoding encoding : {WireEncoding::kPlainText, WireEncoding::kTlvBytes, WireEncoding::kTyped}) {
    DecodedValue v;
    v.encoding = encoding;
    v.value.bytes = input();
    count(convert(v, static_cast<DataType>(payload[3] % 10), scratch).status());
  }
}

void link_entry_points() {
  // Register/Discover payloads out, Bootstrap-Discover answers and Write-Attributes in.
  LinkWriter writer(output);
  count(writer.begin_link(Path(payload[1], payload[2])));
  count(writer.add_content_formats({}));
  count(writer.add_quoted("rt", input_text()));
  AttributeChanges changes;
  count(changes.add_query(input_text()));
  Result<Attributes> attrs = changes.apply(Attributes(), Path::kResource);
  if (attrs.ok()) count(writer.add_attributes(*attrs));
  count(writer.finish().status());

  LinkReader reader(input());
  Link link;
  for (Result<bool> more = reader.next(link); more.ok() && *more; more = reader.next(link)) {
    count(link.path_under("/lwm2m").status());
    LinkParamReader params(link);
    LinkParam param;
    while (*params.next(param)) count(unquote(param.value, output_text()).status());
  }
}

void json_entry_points() {
  JsonReader reader(input(), scratch);
  for (Result<JsonToken> t = reader.next(); t.ok() && *t != JsonToken::kEnd; t = reader.next()) {
    if (*t == JsonToken::kKey) count(reader.skip_value());
  }
  ByteWriter out(output);
  JsonWriter writer(out);
  writer.begin_object();
  writer.key(input_text());
  writer.string(input_text());
  writer.key("v");
  writer.number_double(static_cast<double>(payload[4]) / 8);
  writer.key("i");
  writer.number_int(static_cast<int64_t>(payload[5]));
  writer.key("b");
  writer.boolean(payload[6] != 0);
  writer.end_object();
  count(writer.status());
}

void omajson_entry_points() {
  OmaJsonEncoder encoder(output);
  encode_records(encoder);
  OmaJsonDecoder decoder(input(), Path(3, 0), scratch);
  decode_records(decoder);
}

void senml_entry_points() {
  SenmlJsonEncoder encoder(output);
  encode_records(encoder);
  SenmlJsonDecoder decoder(input(), Path(3, 0), scratch);
  decode_records(decoder);
  SenmlCborEncoder cbor_encoder(output);
  encode_records(cbor_encoder);
  SenmlCborDecoder cbor_decoder(input(), Path(3, 0), scratch);
  decode_records(cbor_decoder);
}

void cbor_entry_points() {
  count(cbor::check_well_formed(input()));
  cbor::CborReader reader(input());
  count(reader.read_map().status());
  count(reader.read_text().status());
  count(reader.read_int().status());
  count(reader.read_float().status());
  count(reader.read_bytes_into(scratch).status());
  count(reader.skip());
  cbor::CborWriter writer{std::span<uint8_t>(output)};
  writer.begin_map(2);
  writer.write_text(input_text());
  writer.write_int(static_cast<int64_t>(payload[1]) - 128);
  writer.write_bytes(input());
  writer.write_float(payload[2] / 3.0);
  count(writer.status());
}

void lwcbor_entry_points() {
  Lwm2mCborEncoder encoder(output);
  encode_records(encoder);
  Lwm2mCborDecoder decoder(input(), Path(3, 0));
  decode_records(decoder);
}

}  // namespace

int main() {
  core_entry_points();
  link_entry_points();
  cbor_entry_points();
  json_entry_points();
  omajson_entry_points();
  senml_entry_points();
  lwcbor_entry_points();
  return static_cast<int>(failures);
}
