#include "lwm2m/lwcbor/lwm2m_cbor_decoder.h"

#include <cmath>

namespace lwm2m {

using cbor::CborHead;
using cbor::CborReader;
using cbor::MajorType;

Lwm2mCborDecoder::Lwm2mCborDecoder(std::span<const uint8_t> payload, const Path& request_path)
    : payload_(payload), request_(request_path), reader_(payload) {}

void Lwm2mCborDecoder::rewind() {
  reader_ = CborReader(payload_);
  depth_ = 0;
  started_ = false;
  done_ = false;
  error_ = Error::kOk;
}

Result<bool> Lwm2mCborDecoder::next(DecodedRecord& out) {
  if (error_ != Error::kOk) return error_;
  if (done_) return false;
  Result<bool> result = step(out);
  if (!result.ok()) error_ = result.error();
  else if (!*result) done_ = true;
  return result;
}

Status Lwm2mCborDecoder::start() {
  // Checking the whole payload first means a malformed tail is reported
  // before any record is applied, and the walk below can trust the framing.
  LWM2M_TRY(cbor::check_well_formed(payload_));
  Result<cbor::ContainerHeader> map = reader_.read_map();
  if (!map.ok()) return map.error() == Error::kTypeMismatch ? Error::kMalformed : map.error();
  stack_[0] = MapLevel{reader_.offset(), map->count, 0, map->indefinite, 0, true, 0};
  depth_ = 1;
  started_ = true;
  return kOk;
}

Status Lwm2mCborDecoder::read_key(CborReader& reader, uint8_t path_depth, Key& key) {
  auto read_id = [&](uint16_t& id) -> Status {
    Result<CborHead> head = reader.read_head();
    if (!head.ok()) return head.status();
    if (head->major != MajorType::kUnsigned) return Error::kMalformed;
    if (head->argument > kMaxId) return Error::kInvalidPath;
    id = static_cast<uint16_t>(head->argument);
    return kOk;
  };
  key.size = 0;
  Result<CborHead> head = reader.peek_head();
  if (!head.ok()) return head.status();
  if (head->major == MajorType::kUnsigned) {
    if (path_depth >= kMaxLevels) return Error::kInvalidPath;
    key.size = 1;
    return read_id(key.ids[0]);
  }
  if (head->major != MajorType::kArray) return Error::kMalformed;
  Result<cbor::ContainerHeader> array = reader.read_array();
  if (!array.ok()) return array.status();
  for (uint64_t i = 0; array->indefinite || i < array->count; ++i) {
    if (array->indefinite && reader.at_break()) {
      LWM2M_TRY(reader.read_break());
      break;
    }
    if (path_depth + key.size >= kMaxLevels) return Error::kInvalidPath;
    LWM2M_TRY(read_id(key.ids[key.size]));
    ++key.size;
  }
  if (key.size == 0) return Error::kMalformed;  // an empty array names no level
  return kOk;
}

Status Lwm2mCborDecoder::check_no_duplicate(MapLevel& level, const Key& key) const {
  // Keys that ascend by first id cannot clash; only out-of-order keys need a
  // look back over the map's earlier entries.
  const bool in_order = level.entries == 0 || (level.ascending && key.ids[0] > level.last_first_id);
  if (level.entries > 0 && key.ids[0] <= level.last_first_id) level.ascending = false;
  level.last_first_id = key.ids[0];
  if (in_order) return kOk;
  CborReader scan(payload_.subspan(level.first_entry));
  for (uint64_t i = 0; i < level.entries; ++i) {
    Key earlier;
    LWM2M_TRY(read_key(scan, level.path_depth, earlier));
    const uint8_t shared = earlier.size < key.size ? earlier.size : key.size;
    bool same_start = true;
    for (uint8_t k = 0; k < shared && same_start; ++k) same_start = earlier.ids[k] == key.ids[k];
    if (same_start) return Error::kDuplicate;
    LWM2M_TRY(scan.skip());
  }
  return kOk;
}

Path Lwm2mCborDecoder::current_path(uint8_t depth) const {
  switch (depth) {
    case 1: return Path(ids_[0]);
    case 2: return Path(ids_[0], ids_[1]);
    case 3: return Path(ids_[0], ids_[1], ids_[2]);
    case 4: return Path(ids_[0], ids_[1], ids_[2], ids_[3]);
    default: return Path();
  }
}

Status Lwm2mCborDecoder::read_value(DecodedValue& out) {
  out.encoding = WireEncoding::kTyped;
  Result<CborHead> head = reader_.peek_head();
  if (!head.ok()) return head.status();
  switch (head->major) {
    case MajorType::kUnsigned:
    case MajorType::kNegative: {
      if (head->major == MajorType::kUnsigned && head->argument > static_cast<uint64_t>(INT64_MAX)) {
        out.value = Value::of_unsigned(*reader_.read_unsigned());
        return kOk;
      }
      Result<int64_t> v = reader_.read_int();
      if (!v.ok()) return v.status();
      out.value = Value::of_integer(*v);
      return kOk;
    }
    case MajorType::kBytes:
    case MajorType::kText: {
      if (head->indefinite()) return Error::kUnsupportedFormat;
      if (head->major == MajorType::kBytes) {
        Result<std::span<const uint8_t>> b = reader_.read_bytes();
        if (!b.ok()) return b.status();
        out.value = Value::of_opaque(*b);
      } else {
        Result<std::string_view> t = reader_.read_text();
        if (!t.ok()) return t.status();
        out.value = Value::of_string(*t);
      }
      return kOk;
    }
    case MajorType::kTag: {
      if (head->argument != cbor::kTagEpochTime) return Error::kTypeMismatch;
      (void)reader_.read_tag();
      Result<CborHead> content = reader_.peek_head();
      if (!content.ok()) return content.status();
      if (content->is_float()) {
        // An epoch time given as a float is accepted when it is whole seconds.
        const double d = *reader_.read_float();
        if (d != std::trunc(d)) return Error::kTypeMismatch;
        if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0)) return Error::kOutOfRange;
        out.value = Value::of_time(static_cast<int64_t>(d));
        return kOk;
      }
      if (content->major != MajorType::kUnsigned && content->major != MajorType::kNegative)
        return Error::kTypeMismatch;
      Result<int64_t> seconds = reader_.read_int();
      if (!seconds.ok()) return seconds.status();
      out.value = Value::of_time(*seconds);
      return kOk;
    }
    case MajorType::kSimple: {
      if (head->is_float()) {
        out.value = Value::of_float(*reader_.read_float());
        return kOk;
      }
      Result<bool> b = reader_.read_bool();
      if (b.ok()) {
        out.value = Value::of_boolean(*b);
        return kOk;
      }
      if (reader_.read_null().ok()) {
        out.value = Value::none();
        return kOk;
      }
      return Error::kTypeMismatch;
    }
    case MajorType::kArray:
    case MajorType::kMap: return Error::kTypeMismatch;
  }
  return Error::kInternal;
}

Result<bool> Lwm2mCborDecoder::step(DecodedRecord& out) {
  if (!started_) LWM2M_TRY(start());
  for (;;) {
    if (depth_ == 0) return reader_.at_end() ? Result<bool>(false) : Result<bool>(Error::kMalformed);
    MapLevel& level = stack_[depth_ - 1];
    // Close the innermost map when its pairs are all read.
    if (level.indefinite ? reader_.at_break() : level.entries == level.count) {
      if (level.indefinite) LWM2M_TRY(reader_.read_break());
      --depth_;
      continue;
    }
    Key key;
    LWM2M_TRY(read_key(reader_, level.path_depth, key));
    LWM2M_TRY(check_no_duplicate(level, key));
    ++level.entries;
    for (uint8_t i = 0; i < key.size; ++i) ids_[level.path_depth + i] = key.ids[i];
    const uint8_t path_depth = static_cast<uint8_t>(level.path_depth + key.size);

    Result<CborHead> head = reader_.peek_head();
    if (!head.ok()) return head.error();
    if (head->major == MajorType::kMap) {
      // read_key bounds path_depth by kMaxLevels, so the stack cannot overflow.
      Result<cbor::ContainerHeader> map = reader_.read_map();
      if (!map.ok()) return map.error();
      stack_[depth_++] = MapLevel{reader_.offset(), map->count, 0, map->indefinite, path_depth, true, 0};
      continue;
    }
    if (path_depth < Path::kResource) return Error::kInvalidPath;
    const Path path = current_path(path_depth);
    if (!path.is_within(request_)) return Error::kInvalidPath;
    out = DecodedRecord{};
    out.path = path;
    LWM2M_TRY(read_value(out.value));
    return true;
  }
}

}  // namespace lwm2m
