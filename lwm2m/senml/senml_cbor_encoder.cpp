#include "lwm2m/senml/senml_cbor_encoder.h"

#include <cmath>
#include <cstring>

#include "lwm2m/cbor/cbor_writer.h"

namespace lwm2m {

namespace {

// Times go out as integers when integral (smaller, and what integer-only
// peers expect), otherwise as the shortest exact float.
void write_time(cbor::CborWriter& w, double t) {
  if (t >= -9.2e18 && t <= 9.2e18 && std::trunc(t) == t) w.write_int(static_cast<int64_t>(t));
  else w.write_float(t);
}

// Where the array head goes: one byte is reserved at begin(); finish() widens it if needed.
constexpr size_t kReservedHead = 1;

}  // namespace

Status SenmlCborEncoder::begin(const Path& request_path) {
  bytes_.truncate(0);
  planner_.begin(request_path);
  records_ = 0;
  error_ = Error::kOk;
  bytes_.put(static_cast<uint8_t>(0));  // placeholder for the array head
  begun_ = true;
  return bytes_.status();
}

Status SenmlCborEncoder::add(const Record& record) {
  if (!begun_) return Error::kInternal;
  if (error_ != Error::kOk) return error_;
  Result<senml::NameAndTimePlanner::Plan> plan = planner_.plan(record);
  if (!plan.ok()) return error_ = plan.error();
  const Value& v = record.value;

  uint64_t pairs = (plan->base_name.empty() ? 0 : 1) + (plan->name.empty() ? 0 : 1) +
                   (plan->emit_base_time ? 1 : 0) + (plan->emit_time ? 1 : 0) + (v.type == DataType::kNone ? 0 : 1);
  if (v.type == DataType::kString || v.type == DataType::kCorelnk) {
    if (!is_valid_utf8(v.bytes)) return error_ = Error::kInvalidUtf8;
  }

  cbor::CborWriter w(bytes_);
  w.begin_map(pairs);
  if (!plan->base_name.empty()) {
    w.write_int(senml::kCborBaseName);
    w.write_text(plan->base_name);
  }
  if (plan->emit_base_time) {
    w.write_int(senml::kCborBaseTime);
    write_time(w, plan->base_time);
  }
  if (!plan->name.empty()) {
    w.write_int(senml::kCborName);
    w.write_text(plan->name);
  }
  if (plan->emit_time) {
    w.write_int(senml::kCborTime);
    write_time(w, plan->time);
  }
  switch (v.type) {
    case DataType::kNone: break;  // a name without a value (Read-Composite request)
    case DataType::kInteger:
    case DataType::kTime:
      w.write_int(senml::kCborValue);
      w.write_int(v.integer);
      break;
    case DataType::kUnsignedInteger:
      w.write_int(senml::kCborValue);
      w.write_unsigned(v.unsigned_integer);
      break;
    case DataType::kFloat:
      w.write_int(senml::kCborValue);
      w.write_float(v.floating);
      break;
    case DataType::kString:
    case DataType::kCorelnk:
      w.write_int(senml::kCborStringValue);
      w.write_text(v.text());
      break;
    case DataType::kBoolean:
      w.write_int(senml::kCborBooleanValue);
      w.write_bool(v.boolean);
      break;
    case DataType::kOpaque:
      w.write_int(senml::kCborDataValue);
      w.write_bytes(v.bytes);  // a byte string: CBOR needs no base64
      break;
    case DataType::kObjlnk: {
      w.write_text(senml::kObjlnkLabel);
      w.write_text(objlnk_text(v.link).view());
      break;
    }
  }
  if (!bytes_.status().ok()) return error_ = Error::kBufferTooSmall;
  ++records_;
  return kOk;
}

Result<size_t> SenmlCborEncoder::finish() {
  if (!begun_) return Error::kInternal;
  if (error_ != Error::kOk) return error_;
  LWM2M_TRY(bytes_.status());
  uint8_t head[9];
  cbor::CborWriter h{std::span<uint8_t>(head)};
  h.begin_array(records_);
  size_t head_size = h.size();
  size_t body_size = bytes_.size() - kReservedHead;
  if (head_size + body_size > bytes_.capacity()) return Error::kBufferTooSmall;
  std::span<uint8_t> buf = bytes_.buffer();
  if (head_size != kReservedHead && body_size > 0)
    std::memmove(buf.data() + head_size, buf.data() + kReservedHead, body_size);
  std::memcpy(buf.data(), head, head_size);
  return head_size + body_size;
}

}  // namespace lwm2m
