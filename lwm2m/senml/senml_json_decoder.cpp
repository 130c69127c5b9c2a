#include "lwm2m/senml/senml_json_decoder.h"

#include "lwm2m/core/number_text.h"

namespace lwm2m {

using senml::Field;
using senml::RawRecord;

void SenmlJsonDecoder::rewind() {
  reader_.reset();
  progress_.reset();
}

Result<bool> SenmlJsonDecoder::next(DecodedRecord& out) {
  if (progress_.settled()) return progress_.outcome();
  if (!progress_.started()) {
    Result<JsonToken> t = reader_.next();
    if (!t.ok()) return progress_.fail(t.error());
    if (*t != JsonToken::kBeginArray) return progress_.fail(Error::kMalformed);  // a pack is an array
    progress_.mark_started();
  }
  Result<JsonToken> t = reader_.next();
  if (!t.ok()) return progress_.fail(t.error());
  if (*t == JsonToken::kEndArray) {
    Result<JsonToken> end = reader_.next();  // rejects trailing garbage
    if (!end.ok()) return progress_.fail(end.error());
    return progress_.finish();
  }
  if (*t != JsonToken::kBeginObject) return progress_.fail(Error::kMalformed);  // records are objects

  reader_.release_scratch();  // the previous record's strings are no longer needed
  RawRecord raw;
  return progress_.complete(read_record(raw), raw, out);
}

Status SenmlJsonDecoder::read_record(RawRecord& raw) {
  for (;;) {
    Result<JsonToken> t = reader_.next();
    if (!t.ok()) return t.status();
    if (*t == JsonToken::kEndObject) return kOk;
    // Only keys can come here: the reader enforces object grammar.
    std::string_view label = reader_.text();
    Field field;
    if (senml::field_from_json_label(label, field)) {
      LWM2M_TRY(raw.mark(field));
      LWM2M_TRY(read_field(field, raw));
    } else if (senml::is_must_understand(label)) {
      return Error::kBadRequest;
    } else {
      LWM2M_TRY(reader_.skip_value());  // fields LwM2M does not use (u, s, ut, ...)
    }
  }
}

Result<JsonToken> SenmlJsonDecoder::read_scalar() {
  Result<JsonToken> t = reader_.next();
  if (!t.ok()) return t;
  if (*t == JsonToken::kBeginArray || *t == JsonToken::kBeginObject) return Error::kTypeMismatch;
  return t;
}

Status SenmlJsonDecoder::read_field(Field field, RawRecord& raw) {
  Result<JsonToken> t = read_scalar();
  if (!t.ok()) return t.status();
  auto expect = [&](JsonToken want) { return *t == want ? kOk : Status(Error::kTypeMismatch); };
  switch (field) {
    case Field::kBaseName:
      LWM2M_TRY(expect(JsonToken::kString));
      raw.base_name = reader_.text();
      return kOk;
    case Field::kName:
      LWM2M_TRY(expect(JsonToken::kString));
      raw.name = reader_.text();
      return kOk;
    case Field::kBaseTime:
    case Field::kTime:
    case Field::kBaseVersion: {
      LWM2M_TRY(expect(JsonToken::kNumber));
      Result<double> d = parse_double(reader_.text());
      if (!d.ok()) return d.error();
      (field == Field::kBaseTime ? raw.base_time : field == Field::kTime ? raw.time : raw.base_version) = *d;
      return kOk;
    }
    case Field::kValue:
    case Field::kBaseValue: {
      LWM2M_TRY(expect(JsonToken::kNumber));
      Result<Value> v = senml::number_from_text(reader_.text());
      if (!v.ok()) return v.error();
      if (field == Field::kValue) raw.value = *v;
      else raw.base_value.value = *v;
      return kOk;
    }
    case Field::kStringValue:
      LWM2M_TRY(expect(JsonToken::kString));
      raw.value = Value::of_string(reader_.text());
      return kOk;
    case Field::kBooleanValue:
      if (*t != JsonToken::kTrue && *t != JsonToken::kFalse) return Error::kTypeMismatch;
      raw.value = Value::of_boolean(*t == JsonToken::kTrue);
      return kOk;
    case Field::kDataValue: {
      LWM2M_TRY(expect(JsonToken::kString));
      std::span<uint8_t> out = reader_.free_scratch();
      Result<size_t> n = senml::base64_any_decode(reader_.bytes(), out);
      if (!n.ok()) return n.error();
      reader_.consume_scratch(*n);
      raw.value = Value::of_opaque(out.first(*n));
      return kOk;
    }
    case Field::kObjlnkValue: {
      LWM2M_TRY(expect(JsonToken::kString));
      Result<Objlnk> link = parse_objlnk(reader_.text());
      if (!link.ok()) return link.error();
      raw.value = Value::of_objlnk(link->object_id, link->instance_id);
      return kOk;
    }
  }
  return Error::kInternal;
}

}  // namespace lwm2m
