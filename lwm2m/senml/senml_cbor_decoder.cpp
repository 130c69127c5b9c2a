#include "lwm2m/senml/senml_cbor_decoder.h"

#include <cstdint>

namespace lwm2m {

using cbor::MajorType;
using senml::Field;
using senml::RawRecord;

void SenmlCborDecoder::rewind() {
  reader_ = cbor::CborReader(payload_);
  progress_.reset();
  scratch_used_ = 0;
  records_left_ = 0;
  indefinite_ = false;
}

Result<bool> SenmlCborDecoder::next(DecodedRecord& out) {
  if (progress_.settled()) return progress_.outcome();
  if (!progress_.started()) {
    Result<cbor::ContainerHeader> pack = reader_.read_array();  // a pack is an array
    if (!pack.ok()) return progress_.fail(pack.error() == Error::kTypeMismatch ? Error::kMalformed : pack.error());
    indefinite_ = pack->indefinite;
    records_left_ = pack->count;
    progress_.mark_started();
  }
  bool at_end = indefinite_ ? reader_.at_break() : records_left_ == 0;
  if (at_end) {
    if (indefinite_) {
      Status s = reader_.read_break();
      if (!s.ok()) return progress_.fail(s.error());
    }
    if (!reader_.at_end()) return progress_.fail(Error::kMalformed);  // trailing bytes after the pack
    return progress_.finish();
  }
  if (!indefinite_) --records_left_;

  scratch_used_ = 0;  // the previous record's strings are no longer needed
  RawRecord raw;
  return progress_.complete(read_record(raw), raw, out);
}

Status SenmlCborDecoder::read_record(RawRecord& raw) {
  Result<cbor::ContainerHeader> map = reader_.read_map();  // records are maps
  if (!map.ok()) return map.error() == Error::kTypeMismatch ? Status(Error::kMalformed) : map.status();
  if (map->indefinite) {
    while (!reader_.at_break()) {
      if (reader_.at_end()) return Error::kTruncated;
      LWM2M_TRY(read_pair(raw));
    }
    return reader_.read_break();
  }
  for (uint64_t i = 0; i < map->count; ++i) LWM2M_TRY(read_pair(raw));
  return kOk;
}

Status SenmlCborDecoder::read_pair(RawRecord& raw) {
  Result<cbor::CborHead> key = reader_.peek_head();
  if (!key.ok()) return key.status();
  Field field;
  bool known = false;
  if (key->major == MajorType::kUnsigned || key->major == MajorType::kNegative) {
    Result<int64_t> label = reader_.read_int();
    if (label.ok()) known = senml::field_from_cbor_label(*label, field);
    else if (label.error() != Error::kOutOfRange) return label.status();
    else LWM2M_TRY(reader_.skip());  // a label beyond int64: unknown, skip the label
  } else if (key->major == MajorType::kText) {
    Result<std::span<const uint8_t>> text = read_string(MajorType::kText);
    if (!text.ok()) return text.status();
    std::string_view label(reinterpret_cast<const char*>(text->data()), text->size());
    if (label == senml::kObjlnkLabel) {
      field = Field::kObjlnkValue;
      known = true;
    } else if (senml::is_must_understand(label)) {
      return Error::kBadRequest;  // RFC 8428 §4.4
    }
  } else {
    return Error::kMalformed;  // RFC 8428 §6: labels are integers or text
  }
  if (!known) return reader_.skip();
  LWM2M_TRY(raw.mark(field));
  return read_field(field, raw);
}

Result<std::span<const uint8_t>> SenmlCborDecoder::read_string(MajorType type) {
  Result<cbor::CborHead> head = reader_.peek_head();
  if (!head.ok()) return head.error();
  if (head->major != type) return Error::kTypeMismatch;
  if (!head->indefinite()) {
    if (type == MajorType::kBytes) return reader_.read_bytes();
    Result<std::string_view> text = reader_.read_text();
    if (!text.ok()) return text.error();
    return std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(text->data()), text->size());
  }
  // Indefinite-length strings are joined in scratch.
  std::span<uint8_t> free = scratch_.subspan(scratch_used_);
  Result<size_t> n = type == MajorType::kText ? reader_.read_text_into(free) : reader_.read_bytes_into(free);
  if (!n.ok()) return n.error();
  scratch_used_ += *n;
  return std::span<const uint8_t>(free.first(*n));
}

Result<Value> SenmlCborDecoder::read_number() {
  Result<cbor::CborHead> head = reader_.peek_head();
  if (!head.ok()) return head.error();
  if (head->major == MajorType::kUnsigned) {
    Result<uint64_t> u = reader_.read_unsigned();
    if (!u.ok()) return u.error();
    if (*u > static_cast<uint64_t>(INT64_MAX)) return Value::of_unsigned(*u);
    return Value::of_integer(static_cast<int64_t>(*u));
  }
  if (head->major == MajorType::kNegative) {
    Result<int64_t> i = reader_.read_int();
    if (!i.ok()) return i.error();
    return Value::of_integer(*i);
  }
  if (head->is_float()) {
    Result<double> d = reader_.read_float();
    if (!d.ok()) return d.error();
    return Value::of_float(*d);
  }
  return Error::kTypeMismatch;
}

Result<double> SenmlCborDecoder::read_double() {
  Result<Value> v = read_number();
  if (!v.ok()) return v.error();
  switch (v->type) {
    case DataType::kInteger: return static_cast<double>(v->integer);
    case DataType::kUnsignedInteger: return static_cast<double>(v->unsigned_integer);
    default: return v->floating;
  }
}

Status SenmlCborDecoder::read_field(Field field, RawRecord& raw) {
  auto as_text = [](std::span<const uint8_t> s) {
    return std::string_view(reinterpret_cast<const char*>(s.data()), s.size());
  };
  switch (field) {
    case Field::kBaseName:
    case Field::kName:
    case Field::kStringValue:
    case Field::kObjlnkValue: {
      Result<std::span<const uint8_t>> text = read_string(MajorType::kText);
      if (!text.ok()) return text.status();
      if (field == Field::kBaseName) raw.base_name = as_text(*text);
      else if (field == Field::kName) raw.name = as_text(*text);
      else if (field == Field::kStringValue) raw.value = Value::of_string(as_text(*text));
      else {
        Result<Objlnk> link = parse_objlnk(as_text(*text));
        if (!link.ok()) return link.status();
        raw.value = Value::of_objlnk(link->object_id, link->instance_id);
      }
      return kOk;
    }
    case Field::kBaseTime:
    case Field::kTime:
    case Field::kBaseVersion: {
      Result<double> d = read_double();
      if (!d.ok()) return d.status();
      (field == Field::kBaseTime ? raw.base_time : field == Field::kTime ? raw.time : raw.base_version) = *d;
      return kOk;
    }
    case Field::kValue:
    case Field::kBaseValue: {
      Result<Value> v = read_number();
      if (!v.ok()) return v.status();
      if (field == Field::kValue) raw.value = *v;
      else raw.base_value.value = *v;
      return kOk;
    }
    case Field::kBooleanValue: {
      Result<bool> b = reader_.read_bool();
      if (!b.ok()) return b.status();
      raw.value = Value::of_boolean(*b);
      return kOk;
    }
    case Field::kDataValue: {
      Result<std::span<const uint8_t>> data = read_string(MajorType::kBytes);
      if (!data.ok()) return data.status();
      raw.value = Value::of_opaque(*data);
      return kOk;
    }
  }
  return Error::kInternal;
}

}  // namespace lwm2m
