#include "payloads.h"

#include <array>
#include <cstdint>

namespace bench {
namespace {

using lwm2m::Path;
using lwm2m::Record;
using lwm2m::Value;

Record at(Path path, Value value) { return Record{path, value, 0, false}; }

// Device object 3, instance 0 (resource ids from the OMA registry; Reboot,
// Factory Reset and Reset Error Code are executable and not read).
std::array<Record, 19> make_device() {
  return {{
      at(Path(3, 0, 0), Value::of_string("Open Mobile Alliance")),
      at(Path(3, 0, 1), Value::of_string("Lightweight M2M Client")),
      at(Path(3, 0, 2), Value::of_string("345000123")),
      at(Path(3, 0, 3), Value::of_string("1.0.4")),
      at(Path(3, 0, 6, 0), Value::of_integer(1)),  // DC power
      at(Path(3, 0, 6, 1), Value::of_integer(5)),  // USB
      at(Path(3, 0, 7, 0), Value::of_integer(3800)),  // mV
      at(Path(3, 0, 7, 1), Value::of_integer(5000)),
      at(Path(3, 0, 8, 0), Value::of_integer(125)),  // mA
      at(Path(3, 0, 8, 1), Value::of_integer(900)),
      at(Path(3, 0, 9), Value::of_integer(100)),  // battery %
      at(Path(3, 0, 10), Value::of_integer(15)),  // KB free
      at(Path(3, 0, 11, 0), Value::of_integer(0)),
      at(Path(3, 0, 13), Value::of_time(1700000000)),
      at(Path(3, 0, 14), Value::of_string("+01:00")),
      at(Path(3, 0, 15), Value::of_string("Europe/Berlin")),
      at(Path(3, 0, 16), Value::of_string("UQ")),
      at(Path(3, 0, 17), Value::of_string("Sensor Gateway")),
      at(Path(3, 0, 18), Value::of_string("HW 2.1")),
  }};
}

constexpr size_t kSensors = 20;
constexpr size_t kResourcesPerSensor = 7;
constexpr std::array<const char*, kSensors> kApplicationTypes = {
    "Boiler room",  "Kitchen",     "Living room", "Bedroom 1",   "Bedroom 2",
    "Bathroom",     "Hall",        "Office",      "Garage",      "Cellar",
    "Attic",        "Server rack", "Cold store",  "Freezer",     "Greenhouse",
    "Outdoor N",    "Outdoor S",   "Water in",    "Water out",   "Solar panel"};

// Tenths of a degree, so values print as short decimals ("21.7") as real
// sensors report them rather than as binary fractions.
double tenths(int t) { return t / 10.0; }

std::array<Record, kSensors * kResourcesPerSensor> make_temperature_object() {
  std::array<Record, kSensors * kResourcesPerSensor> out{};
  size_t n = 0;
  for (uint16_t i = 0; i < kSensors; ++i) {
    int now = 187 + 7 * i;
    out[n++] = at(Path(3303, i, 5601), Value::of_float(tenths(now - 34)));   // Min Measured
    out[n++] = at(Path(3303, i, 5602), Value::of_float(tenths(now + 41)));   // Max Measured
    out[n++] = at(Path(3303, i, 5603), Value::of_float(-40.0));              // Min Range
    out[n++] = at(Path(3303, i, 5604), Value::of_float(125.0));              // Max Range
    out[n++] = at(Path(3303, i, 5700), Value::of_float(tenths(now)));        // Sensor Value
    out[n++] = at(Path(3303, i, 5701), Value::of_string("Cel"));             // Units
    out[n++] = at(Path(3303, i, 5750), Value::of_string(kApplicationTypes[i]));
  }
  return out;
}

constexpr size_t kPackRecords = 50;

// One reading a minute, as a Send of buffered measurements would carry them.
std::array<Record, kPackRecords> make_temperature_pack() {
  std::array<Record, kPackRecords> out{};
  for (size_t k = 0; k < kPackRecords; ++k) {
    int t = 215 + static_cast<int>((k * 7) % 23) - 11;
    out[k] = Record{Path(3303, 0, 5700), Value::of_float(tenths(t)), 1700000000.0 + 60.0 * static_cast<double>(k), true};
  }
  return out;
}

}  // namespace

const Payload& device_read() {
  static const std::array<Record, 19> records = make_device();
  static const Payload p{"device_3_0", Path(3, 0), records};
  return p;
}

const Payload& temperature_object_read() {
  static const auto records = make_temperature_object();
  static const Payload p{"temp_3303_x20", Path(3303), records};
  return p;
}

const Payload& temperature_pack() {
  static const auto records = make_temperature_pack();
  static const Payload p{"temp_pack_50", Path(), records, true};
  return p;
}

const Payload& single_resource_read() {
  static const std::array<Record, 1> records = {at(Path(3303, 0, 5700), Value::of_float(21.7))};
  static const Payload p{"single_float", Path(3303, 0, 5700), records};
  return p;
}

lwm2m::DataType resource_type(const lwm2m::Path& path) {
  using lwm2m::DataType;
  if (path.depth() < 3) return DataType::kNone;
  if (path.object() == 3) {
    switch (path.resource()) {
      case 0: case 1: case 2: case 3: case 14: case 15: case 16: case 17: case 18:
        return DataType::kString;
      case 13: return DataType::kTime;
      default: return DataType::kInteger;
    }
  }
  if (path.object() == 3303) {
    switch (path.resource()) {
      case 5701: case 5750: return DataType::kString;
      default: return DataType::kFloat;
    }
  }
  return DataType::kNone;
}

}  // namespace bench
