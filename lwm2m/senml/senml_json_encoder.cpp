#include "lwm2m/senml/senml_json_encoder.h"

namespace lwm2m {

Status SenmlJsonEncoder::begin(const Path& request_path) {
  bytes_.truncate(0);
  json_.reset();
  planner_.begin(request_path);
  json_.begin_array();
  begun_ = true;
  return json_.status();
}

Status SenmlJsonEncoder::add(const Record& record) {
  if (!begun_) return Error::kInternal;
  Result<senml::NameAndTimePlanner::Plan> plan = planner_.plan(record);
  if (!plan.ok()) return plan.error();

  json_.begin_object();
  if (!plan->base_name.empty()) {
    json_.key("bn");
    json_.string(plan->base_name);
  }
  if (plan->emit_base_time) {
    json_.key("bt");
    json_.number_double(plan->base_time);
  }
  if (!plan->name.empty()) {
    json_.key("n");
    json_.string(plan->name);
  }
  if (plan->emit_time) {
    json_.key("t");
    json_.number_double(plan->time);
  }

  const Value& v = record.value;
  switch (v.type) {
    case DataType::kNone: break;  // a name without a value (Read-Composite request)
    case DataType::kInteger:
    case DataType::kTime:
      json_.key("v");
      json_.number_int(v.integer);
      break;
    case DataType::kUnsignedInteger:
      json_.key("v");
      json_.number_uint(v.unsigned_integer);
      break;
    case DataType::kFloat:
      json_.key("v");
      json_.number_double(v.floating);
      break;
    case DataType::kString:
    case DataType::kCorelnk:
      json_.key("vs");
      json_.string(v.text());
      break;
    case DataType::kBoolean:
      json_.key("vb");
      json_.boolean(v.boolean);
      break;
    case DataType::kOpaque: {
      json_.key("vd");
      json_.begin_string();
      char text[64];
      for (size_t at = 0; at < v.bytes.size(); at += senml::kBase64ChunkBytes) {
        size_t n = senml::base64url_encode_chunk(v.bytes.subspan(at), text);
        json_.append_string(std::string_view(text, n));
      }
      json_.end_string();
      break;
    }
    case DataType::kObjlnk: {
      json_.key(senml::kObjlnkLabel);
      json_.string(objlnk_text(v.link).view());
      break;
    }
  }
  json_.end_object();
  return json_.status();
}

Result<size_t> SenmlJsonEncoder::finish() {
  if (!begun_) return Error::kInternal;
  json_.end_array();
  LWM2M_TRY(json_.status());
  return bytes_.size();
}

}  // namespace lwm2m
