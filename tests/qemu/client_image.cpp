// The footprint of a whole client core on Cortex-M (tools/footprint.py): the
// standard objects in a registry, every content format through the codec
// factory, the Device Management operations, and the Register and Discover
// link payloads. Inputs come from a volatile buffer so nothing is folded
// away. No semihosting, no console: this is measured, never run.
#include <cstddef>
#include <cstdint>
#include <span>

#include "lwm2m/formats/codecs.h"
#include "lwm2m/formats/negotiation.h"
#include "lwm2m/link/link_writer.h"
#include "lwm2m/link/object_links.h"
#include "lwm2m/model/operations.h"
#include "lwm2m/model/registry.h"
#include "objects/access_control_object.h"
#include "objects/accelerometer_object.h"
#include "objects/connectivity_monitoring_object.h"
#include "objects/device_object.h"
#include "objects/firmware_update_object.h"
#include "objects/light_control_object.h"
#include "objects/location_object.h"
#include "objects/push_button_object.h"
#include "objects/security_object.h"
#include "objects/sensor_object.h"
#include "objects/server_object.h"

using namespace lwm2m;
using namespace lwm2m::objects;

namespace {

volatile uint8_t request_source[512];
uint8_t request[512];
uint8_t response[1024];
uint8_t scratch[256];
uint8_t convert_scratch[128];

class NullSink final : public FirmwareSink {
 public:
  UpdateResult begin(std::string_view) override { return kSinkOk; }
  UpdateResult write(std::span<const uint8_t>) override { return kSinkOk; }
  UpdateResult finish() override { return kSinkOk; }
  void abort() override {}
  UpdateResult install() override { return kSinkOk; }
};

NullSink sink;
SecurityObject security;
ServerObject server;
AccessControlObject access_control;
DeviceObject device;
ConnectivityMonitoringObject connectivity;
FirmwareUpdateObject firmware(sink);
LocationObject location;
SensorObject temperature(kTemperatureObject);
AccelerometerObject accelerometer;
LightControlObject light;
PushButtonObject button;
FixedRegistry<16> registry;

std::span<const uint8_t> next_request() {
  for (size_t i = 0; i < sizeof request; ++i) request[i] = request_source[i];
  return {request, static_cast<size_t>(request_source[0]) * 2};
}

Path request_path() { return Path(request_source[1], request_source[2]); }

unsigned failures = 0;
void count(Status s) {
  if (!s.ok()) ++failures;
}

}  // namespace

int main() {
  Object* objects[] = {&security, &server, &access_control, &device, &connectivity, &firmware,
                       &location, &temperature, &accelerometer, &light, &button};
  for (Object* o : objects) count(registry.add(*o));

  const ContentFormat formats[] = {ContentFormat::kTextPlain, ContentFormat::kOpaque,    ContentFormat::kTlv,
                                   ContentFormat::kSenmlJson, ContentFormat::kSenmlCbor, ContentFormat::kLwm2mCbor,
                                   ContentFormat::kOmaJson};
  for (ContentFormat f : formats) {
    AnyEncoder encoder;
    Result<RecordEncoder*> e = encoder.open(f, response);
    if (e.ok()) count(read(registry, request_path(), **e));
    AnyDecoder decoder;
    Result<RecordDecoder*> d = decoder.open(f, next_request(), request_path(), scratch);
    if (d.ok()) count(write(registry, request_path(), WriteMode::kPartialUpdate, **d, convert_scratch));
    if (d.ok()) count(write_composite(registry, **d, convert_scratch));
    if (d.ok()) count(create(registry, request_source[3], request_source[4], **d, convert_scratch));
  }
  count(execute(registry, Path(request_source[1], request_source[2], request_source[3]), next_request()));
  count(remove(registry, request_path()));

  Result<ContentFormat> chosen = choose_response_format(request_source[5], Operation::kRead, FormatTarget{request_path()},
                                                        Lwm2mVersion::k1_2, ContentFormat::kSenmlCbor);
  count(chosen.status());

  LinkWriter links(response);
  ObjectListOptions options;
  count(write_object_list(registry, options, links));
  count(write_discover(registry, request_path(), request_source[6], nullptr, links));
  count(links.finish().status());
  return static_cast<int>(failures);
}
