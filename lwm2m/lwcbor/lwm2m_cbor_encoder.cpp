#include "lwm2m/lwcbor/lwm2m_cbor_encoder.h"

#include <cstring>

#include "lwm2m/core/number_text.h"
#include "lwm2m/core/objlnk_text.h"

namespace lwm2m {

namespace {

constexpr uint8_t kMapHeadBase = 0xa0;  // major type 5, count in the low bits

}  // namespace

Lwm2mCborEncoder::Lwm2mCborEncoder(std::span<uint8_t> out) : out_(out), cbor_(out_) {}

Status Lwm2mCborEncoder::begin(const Path& request_path) {
  out_.truncate(0);
  request_ = request_path;
  last_ = Path();
  has_records_ = false;
  open_maps_ = 0;
  root_key_depth_ = request_path.depth() > 1 ? request_path.depth() : 1;
  started_ = true;
  open_map();
  return out_.status();
}

void Lwm2mCborEncoder::open_map() {
  maps_[open_maps_++] = OpenMap{out_.size(), 0};
  out_.put(kMapHeadBase);  // placeholder, patched by close_map()
}

void Lwm2mCborEncoder::close_map() {
  const OpenMap map = maps_[--open_maps_];
  if (map.pairs < 24) {
    if (!out_.overflowed()) out_.buffer()[map.head_offset] = static_cast<uint8_t>(kMapHeadBase | map.pairs);
    return;
  }
  // The count needs argument bytes after the head: grow, then shift the map's content right.
  const unsigned width = map.pairs <= 0xff ? 1 : map.pairs <= 0xffff ? 2 : map.pairs <= 0xffffffff ? 4 : 8;
  const uint8_t info = width == 1 ? 24 : width == 2 ? 25 : width == 4 ? 26 : 27;
  const size_t old_size = out_.size();
  for (unsigned i = 0; i < width; ++i) out_.put(uint8_t{0});
  if (out_.overflowed()) return;
  uint8_t* head = out_.buffer().data() + map.head_offset;
  std::memmove(head + 1 + width, head + 1, old_size - map.head_offset - 1);
  head[0] = static_cast<uint8_t>(kMapHeadBase | info);
  for (unsigned i = 0; i < width; ++i) head[1 + i] = static_cast<uint8_t>(map.pairs >> (8 * (width - 1 - i)));
}

size_t Lwm2mCborEncoder::common_prefix(const Path& a, const Path& b) const {
  size_t n = 0;
  while (n < a.depth() && n < b.depth() && a.id(n) == b.id(n)) ++n;
  return n;
}

Status Lwm2mCborEncoder::add(const Record& record) {
  if (!started_) return Error::kInternal;
  if (record.has_time) return Error::kNotAcceptable;  // LwM2M CBOR has no timestamps
  const Path& path = record.path;
  if (path.depth() < Path::kResource || !path.is_within(request_)) return Error::kInternal;
  // Strictly ascending, and never below an earlier record (that key already holds a value).
  if (has_records_ && (!(last_ < path) || path.is_within(last_))) return Error::kInternal;

  // The map that receives the new key: the outer one, or the one at the
  // level where this path leaves the previous one.
  size_t target = 0;
  if (has_records_) {
    const size_t shared = common_prefix(last_, path);
    target = shared < root_key_depth_ ? 0 : shared - root_key_depth_ + 1;
  }
  while (open_maps_ > target + 1) close_map();

  size_t level;
  if (target == 0) {
    if (root_key_depth_ == 1) {
      cbor_.write_unsigned(path.id(0));
    } else {
      cbor_.begin_array(root_key_depth_);
      for (size_t i = 0; i < root_key_depth_; ++i) cbor_.write_unsigned(path.id(i));
    }
    level = root_key_depth_;
  } else {
    level = root_key_depth_ + target - 1;
    cbor_.write_unsigned(path.id(level));
    ++level;
  }
  ++maps_[target].pairs;

  for (; level < path.depth(); ++level) {
    open_map();
    cbor_.write_unsigned(path.id(level));
    ++maps_[open_maps_ - 1].pairs;
  }
  write_value(record.value);

  last_ = path;
  has_records_ = true;
  return out_.status();
}

void Lwm2mCborEncoder::write_value(const Value& value) {
  switch (value.type) {
    case DataType::kNone: cbor_.write_null(); return;
    case DataType::kString:
    case DataType::kCorelnk: cbor_.write_text(value.text()); return;
    case DataType::kOpaque: cbor_.write_bytes(value.bytes); return;
    case DataType::kInteger: cbor_.write_int(value.integer); return;
    case DataType::kUnsignedInteger: cbor_.write_unsigned(value.unsigned_integer); return;
    case DataType::kFloat: cbor_.write_float(value.floating); return;
    case DataType::kBoolean: cbor_.write_bool(value.boolean); return;
    case DataType::kTime:
      cbor_.write_tag(cbor::kTagEpochTime);
      cbor_.write_int(value.integer);
      return;
    case DataType::kObjlnk: {
      cbor_.write_text(objlnk_text(value.link).view());
      return;
    }
  }
}

Result<size_t> Lwm2mCborEncoder::finish() {
  if (!started_) return Error::kInternal;
  while (open_maps_ > 0) close_map();
  started_ = false;
  LWM2M_TRY(out_.status());
  return out_.size();
}

}  // namespace lwm2m
