#include "tests/server/payload_records.h"

#include "lwm2m/core/content_format.h"
#include "lwm2m/formats/codecs.h"

namespace lwm2m::test_server {

std::string OwnedRecord::path_text() const {
  char text[Path::kMaxTextLength + 1] = {};
  Result<size_t> length = path.format(text);
  return length.ok() ? std::string(text, *length) : std::string();
}

Result<Value> OwnedRecord::as(DataType target, std::span<uint8_t> scratch) const {
  DecodedValue decoded;
  decoded.encoding = encoding;
  decoded.value = scalar;
  decoded.value.type = type;
  decoded.value.bytes = bytes;
  return convert(decoded, target, scratch);
}

Result<int64_t> OwnedRecord::as_integer() const {
  Result<Value> v = as(DataType::kInteger, {});
  if (!v.ok()) return v.error();
  return v->integer;
}

Result<double> OwnedRecord::as_float() const {
  Result<Value> v = as(DataType::kFloat, {});
  if (!v.ok()) return v.error();
  return v->floating;
}

Result<bool> OwnedRecord::as_boolean() const {
  Result<Value> v = as(DataType::kBoolean, {});
  if (!v.ok()) return v.error();
  return v->boolean;
}

Result<std::string> OwnedRecord::as_string() const {
  Result<Value> v = as(DataType::kString, {});
  if (!v.ok()) return v.error();
  return std::string(v->text());
}

Result<std::vector<OwnedRecord>> decode_records(uint16_t content_format, std::span<const uint8_t> payload,
                                                const Path& request_path) {
  std::vector<uint8_t> scratch(payload.size() + 64);
  AnyDecoder any;
  Result<RecordDecoder*> decoder = any.open(static_cast<ContentFormat>(content_format), payload, request_path, scratch);
  if (!decoder.ok()) return decoder.error();
  std::vector<OwnedRecord> records;
  DecodedRecord in;
  while (true) {
    Result<bool> more = (*decoder)->next(in);
    if (!more.ok()) return more.error();
    if (!*more) break;
    OwnedRecord out;
    out.path = in.path;
    out.type = in.value.value.type;
    out.encoding = in.value.encoding;
    out.time = in.time;
    out.has_time = in.has_time;
    bool has_bytes = out.encoding != WireEncoding::kTyped || out.type == DataType::kString ||
                     out.type == DataType::kOpaque || out.type == DataType::kCorelnk;
    if (has_bytes) {
      out.bytes.assign(in.value.value.bytes.begin(), in.value.value.bytes.end());
    } else {
      out.scalar = in.value.value;
    }
    out.scalar.bytes = {};
    records.push_back(std::move(out));
  }
  return records;
}

Result<std::vector<uint8_t>> encode_records(uint16_t content_format, const Path& request_path,
                                            std::span<const Record> records) {
  size_t estimate = 256;
  for (const Record& r : records) estimate += 64 + r.value.bytes.size() * 2;
  std::vector<uint8_t> out(estimate);
  AnyEncoder any;
  Result<RecordEncoder*> encoder = any.open(static_cast<ContentFormat>(content_format), out);
  if (!encoder.ok()) return encoder.error();
  LWM2M_TRY((*encoder)->begin(request_path));
  for (const Record& r : records) LWM2M_TRY((*encoder)->add(r));
  Result<size_t> size = (*encoder)->finish();
  if (!size.ok()) return size.error();
  out.resize(*size);
  return out;
}

namespace {

// CBOR head (RFC 8949 §3) for lengths below 65536, enough for path lists.
void cbor_head(std::vector<uint8_t>& out, uint8_t major, size_t value) {
  uint8_t type = static_cast<uint8_t>(major << 5);
  if (value < 24) {
    out.push_back(static_cast<uint8_t>(type | value));
  } else if (value < 256) {
    out.push_back(type | 24);
    out.push_back(static_cast<uint8_t>(value));
  } else {
    out.push_back(type | 25);
    out.push_back(static_cast<uint8_t>(value >> 8));
    out.push_back(static_cast<uint8_t>(value));
  }
}

}  // namespace

Result<std::vector<uint8_t>> encode_composite_paths(uint16_t content_format, const std::vector<std::string>& paths) {
  std::vector<uint8_t> out;
  for (const std::string& p : paths) {
    if (!Path::parse(p).ok() || p.size() > 255) return Error::kInvalidPath;
  }
  if (content_format == static_cast<uint16_t>(ContentFormat::kSenmlJson)) {
    std::string text = "[";
    for (size_t i = 0; i < paths.size(); ++i) text += (i ? ",{\"n\":\"" : "{\"n\":\"") + paths[i] + "\"}";
    text += "]";
    out.assign(text.begin(), text.end());
    return out;
  }
  if (content_format == static_cast<uint16_t>(ContentFormat::kSenmlCbor)) {
    cbor_head(out, 4, paths.size());
    for (const std::string& p : paths) {
      cbor_head(out, 5, 1);
      out.push_back(0x00);  // SenML label "n" is key 0 in CBOR (RFC 8428 §6)
      cbor_head(out, 3, p.size());
      out.insert(out.end(), p.begin(), p.end());
    }
    return out;
  }
  return Error::kUnsupportedFormat;
}

}  // namespace lwm2m::test_server
