// Drives the standard objects with arbitrary sequences of server writes,
// executes and firmware-update steps, checking after each that every
// resource an object claims reads back with its definition's type and that
// the firmware state machine stays within its states and results.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "lwm2m/model/definitions.h"
#include "objects/device_object.h"
#include "objects/firmware_update_object.h"
#include "objects/light_control_object.h"
#include "objects/server_object.h"
#include "objects/sensor_object.h"

namespace {

using namespace lwm2m;
using namespace lwm2m::objects;

class Input {
 public:
  explicit Input(std::span<const uint8_t> data) : data_(data) {}
  bool empty() const { return pos_ >= data_.size(); }
  uint8_t byte() { return empty() ? 0 : data_[pos_++]; }
  std::span<const uint8_t> bytes(size_t n) {
    n = n < data_.size() - pos_ ? n : data_.size() - pos_;
    std::span<const uint8_t> out = data_.subspan(pos_, n);
    pos_ += n;
    return out;
  }

 private:
  std::span<const uint8_t> data_;
  size_t pos_ = 0;
};

struct Sink final : FirmwareSink {
  UpdateResult answer = kSinkOk;
  UpdateResult begin(std::string_view) override { return answer; }
  UpdateResult write(std::span<const uint8_t>) override { return answer; }
  UpdateResult finish() override { return answer; }
  void abort() override {}
  UpdateResult install() override { return answer; }
};

struct Actions final : ServerActions {
  Status disable(uint16_t) override { return kOk; }
  Status trigger_registration_update(uint16_t) override { return kOk; }
  Status trigger_bootstrap_request(uint16_t) override { return kOk; }
};

Value value_for(DataType type, Input& in) {
  uint8_t b = in.byte();
  switch (type) {
    case DataType::kOpaque: return Value::of_opaque(in.bytes(b));
    case DataType::kInteger: return Value::of_integer(static_cast<int8_t>(b) * static_cast<int64_t>(in.byte()));
    case DataType::kUnsignedInteger: return Value::of_unsigned(b);
    case DataType::kFloat: return Value::of_float(static_cast<int8_t>(b) / 3.0);
    case DataType::kBoolean: return Value::of_boolean(b & 1);
    case DataType::kTime: return Value::of_time(b);
    case DataType::kObjlnk: return Value::of_objlnk(b, in.byte());
    default: return Value();
  }
}

// Strings are the next n input bytes (any bytes: the objects must cope).
Value string_value(Input& in) {
  std::span<const uint8_t> s = in.bytes(in.byte());
  return Value::of_string({reinterpret_cast<const char*>(s.data()), s.size()});
}

void check_object(const Object& object) {
  for (size_t i = 0; i < object.instance_count(); ++i) {
    uint16_t instance = object.instance_id(i);
    for (const ResourceDef& def : object.def().resources) {
      if (def.type == DataType::kNone || !object.has_resource(instance, def.id) || def.operations == Operations::kWrite)
        continue;
      Value v;
      if (!def.multiple) {
        if (!object.read(Path(object.id(), instance, def.id), v).ok() || v.type != def.type) std::abort();
        continue;
      }
      uint16_t ids[16];
      size_t n = object.resource_instances(instance, def.id, ids);
      for (size_t k = 0; k < n && k < 16; ++k)
        if (!object.read(Path(object.id(), instance, def.id, ids[k]), v).ok() || v.type != def.type) std::abort();
    }
  }
}

void server_write(Object& object, Input& in) {
  if (object.instance_count() == 0) return;
  uint16_t instance = object.instance_id(in.byte() % object.instance_count());
  const ResourceDef& def = object.def().resources[in.byte() % object.def().resources.size()];
  if (!allows_write(def.operations)) return;
  Value value = def.type == DataType::kString ? string_value(in) : value_for(def.type, in);
  Path path = def.multiple ? Path(object.id(), instance, def.id, in.byte() % 4) : Path(object.id(), instance, def.id);
  if (!check_range(def, value).ok() || !object.validate(path, value).ok()) return;
  if (!object.can_accept(1, value.bytes.size())) return;
  (void)object.write(path, value);
}

void server_execute(Object& object, Input& in) {
  if (object.instance_count() == 0) return;
  uint16_t instance = object.instance_id(in.byte() % object.instance_count());
  const ResourceDef& def = object.def().resources[in.byte() % object.def().resources.size()];
  if (allows_execute(def.operations)) (void)object.execute(instance, def.id, {});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Input in({data, size});
  Sink sink;
  Actions actions;
  DeviceObject device;
  ServerObject server(&actions);
  (void)server.add_server(0, ServerAccount{});
  FirmwareUpdateObject firmware(sink);
  SensorObject sensors(kTemperatureObject);
  (void)sensors.add_sensor(0, SensorSetup{"Cel", -40.0, 125.0, "room", {}}, 20);
  LightControlObject lights;
  (void)lights.add_light(0);
  Object* objects[] = {&device, &server, &firmware, &sensors, &lights};

  while (!in.empty()) {
    uint8_t op = in.byte();
    Object& object = *objects[(op >> 4) % 5];
    sink.answer = static_cast<UpdateResult>(in.byte() % 12);
    if (sink.answer == UpdateResult::kSuccess || sink.answer == UpdateResult::kCancelled) sink.answer = kSinkOk;
    switch (op & 0x7) {
      case 0: server_write(object, in); break;
      case 1: server_execute(object, in); break;
      case 2: (void)firmware.write_package_block(in.byte(), in.bytes(in.byte() % 16), in.byte() & 1); break;
      case 3: (void)firmware.download_chunk(in.bytes(in.byte() % 16)); break;
      case 4: (void)firmware.download_complete(); break;
      case 5: (void)firmware.download_failed(static_cast<UpdateResult>(in.byte() % 12)); break;
      case 6: (void)firmware.update_finished(static_cast<UpdateResult>(in.byte() % 12)); break;
      default: (void)sensors.update(0, static_cast<int8_t>(in.byte())); lights.advance(in.byte()); break;
    }
    if (static_cast<uint8_t>(firmware.state()) > 3 || static_cast<uint8_t>(firmware.result()) > 11) std::abort();
    for (Object* o : objects) check_object(*o);
  }
  return 0;
}
