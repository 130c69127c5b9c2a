// How an application adds an object of its own: a constexpr definition (by
// hand as here, or generated from a DDF with tools/ddf2cpp.py), a
// StoredObject for its values, and one line to register it next to the
// standard objects.
#include <cinttypes>
#include <cstdio>

#include "lwm2m/model/operations.h"
#include "lwm2m/model/registry.h"
#include "lwm2m/model/stored_object.h"
#include "objects/device_object.h"

namespace {

// A water meter, object 32001 in the private range: what the DDF would say.
constexpr lwm2m::ResourceDef kWaterMeterResources[] = {
    // id, name, operations, multiple, mandatory, type, range, units
    {0, "Volume", lwm2m::Operations::kRead, false, true, lwm2m::DataType::kFloat, {}, "m3"},
    {1, "Leak Threshold", lwm2m::Operations::kReadWrite, false, false, lwm2m::DataType::kFloat, {true, 0, 100}, "m3/h"},
    {2, "Reset Volume", lwm2m::Operations::kExecute, false, false, lwm2m::DataType::kNone, {}, ""},
};
constexpr lwm2m::ObjectDef kWaterMeterObject{32001, "Water Meter", {1, 0}, true, false, kWaterMeterResources};

// Values live in StoredObject's pools (2 instances, 8 values, no strings);
// only the behaviour is code: here, the Execute.
class WaterMeter final : public lwm2m::StoredObject<2, 8, 1> {
 public:
  WaterMeter() : StoredObject(kWaterMeterObject) {}

  lwm2m::Status add_meter(uint16_t instance) {
    LWM2M_TRY(create_instance(instance));
    return set(instance, 0, lwm2m::Value::of_float(0));
  }

  lwm2m::Status execute(uint16_t instance, uint16_t resource, std::span<const uint8_t>) override {
    if (resource != 2) return lwm2m::Error::kMethodNotAllowed;
    return set(instance, 0, lwm2m::Value::of_float(0));
  }
};

double volume(const lwm2m::Object& meter, uint16_t instance) {
  lwm2m::Value v;
  return meter.read(lwm2m::Path(meter.id(), instance, 0), v).ok() ? v.floating : -1;
}

}  // namespace

int main() {
  lwm2m::objects::DeviceObject device;
  WaterMeter meter;
  if (!meter.add_meter(0).ok()) return 1;

  lwm2m::FixedRegistry<4> registry;
  if (!registry.add(device).ok() || !registry.add(meter).ok()) return 1;

  (void)meter.set(0, 0, lwm2m::Value::of_float(12.5));  // the application measured something
  std::printf("/32001/0/0 = %.1f m3\n", volume(meter, 0));

  // A server's Execute on /32001/0/2, as the engine would run it.
  lwm2m::Status reset = lwm2m::execute(registry, lwm2m::Path(32001, 0, 2), {});
  std::printf("execute /32001/0/2: %s, volume now %.1f m3\n", lwm2m::error_name(reset.error()), volume(meter, 0));

  for (size_t i = 0; i < registry.size(); ++i) {
    const lwm2m::Object& object = registry.at(i);
    std::printf("object %" PRIu16 " \"%s\" v%u.%u, %zu instance(s)\n", object.id(), object.def().name,
                object.def().version.major, object.def().version.minor, object.instance_count());
  }
  return 0;
}
