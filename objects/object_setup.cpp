#include "objects/object_setup.h"

#include "lwm2m/core/path.h"

namespace lwm2m::objects {

namespace {
Result<Value> read_typed(const Object& object, uint16_t instance, uint16_t resource, DataType type) {
  Value value;
  LWM2M_TRY(object.read(Path(object.id(), instance, resource), value));
  if (value.type != type) return Error::kTypeMismatch;
  return value;
}
}  // namespace

Status set_string_if_given(StoredObjectBase& object, uint16_t instance, uint16_t resource, std::string_view text) {
  if (text.empty()) return kOk;
  return object.set(instance, resource, Value::of_string(text));
}

Result<int64_t> read_integer(const Object& object, uint16_t instance, uint16_t resource) {
  Result<Value> value = read_typed(object, instance, resource, DataType::kInteger);
  if (!value.ok()) return value.error();
  return value->integer;
}

Result<double> read_float(const Object& object, uint16_t instance, uint16_t resource) {
  Result<Value> value = read_typed(object, instance, resource, DataType::kFloat);
  if (!value.ok()) return value.error();
  return value->floating;
}

Result<bool> read_boolean(const Object& object, uint16_t instance, uint16_t resource) {
  Result<Value> value = read_typed(object, instance, resource, DataType::kBoolean);
  if (!value.ok()) return value.error();
  return value->boolean;
}

}  // namespace lwm2m::objects
