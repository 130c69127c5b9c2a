// The demo of the README's first command: builds a Device object (/3/0) the
// way an application would, then prints a Read of it in every LwM2M content
// format the core speaks, plus its Discover and Register links.
#include <cctype>
#include <cstdio>
#include <ctime>
#include <optional>
#include <span>

#include "lwm2m/formats/codecs.h"
#include "lwm2m/link/link_writer.h"
#include "lwm2m/link/object_links.h"
#include "lwm2m/model/operations.h"
#include "lwm2m/model/registry.h"
#include "objects/device_object.h"

namespace {

using lwm2m::ContentFormat;
using lwm2m::Path;

class HostInfo final : public lwm2m::objects::DeviceInfoSource {
 public:
  std::optional<int64_t> current_time() const override { return static_cast<int64_t>(std::time(nullptr)); }
  std::optional<int64_t> battery_level() const override { return 87; }
  std::optional<int64_t> memory_free() const override { return 412; }
};

void print_payload(const char* title, std::span<const uint8_t> bytes, bool text) {
  std::printf("\n== %s, %zu bytes\n", title, bytes.size());
  if (text) {
    std::printf("%.*s\n", static_cast<int>(bytes.size()), reinterpret_cast<const char*>(bytes.data()));
    return;
  }
  for (size_t i = 0; i < bytes.size(); ++i) std::printf("%02x%s", bytes[i], (i % 32 == 31) ? "\n" : " ");
  std::printf("\n");
}

bool print_read(const lwm2m::Registry& registry, const char* title, ContentFormat format, const Path& path,
                bool text) {
  static uint8_t buffer[1024];
  lwm2m::AnyEncoder any;
  lwm2m::Result<lwm2m::RecordEncoder*> encoder = any.open(format, buffer);
  lwm2m::Status status = encoder.status();
  if (status.ok()) status = lwm2m::read(registry, path, **encoder);
  lwm2m::Result<size_t> size = status.ok() ? (*encoder)->finish() : lwm2m::Result<size_t>(status);
  if (!size.ok()) {
    std::printf("\n== %s: %s\n", title, lwm2m::error_name(size.error()));
    return false;
  }
  print_payload(title, {buffer, *size}, text);
  return true;
}

}  // namespace

int main() {
  HostInfo info;
  lwm2m::objects::DeviceObject device(&info);
  lwm2m::objects::DeviceIdentity identity;
  identity.manufacturer = "Open Mobile Alliance";
  identity.model_number = "Lightweight M2M Client";
  identity.serial_number = "345000123";
  identity.firmware_version = "1.0";
  identity.supported_binding_and_modes = "UQ";
  bool ok = device.set_identity(identity).ok() &&
            device.set_power_source(0, lwm2m::objects::PowerSource::kInternalBattery, 3800, 125).ok() &&
            device.set_power_source(1, lwm2m::objects::PowerSource::kUsb, 5000, 900).ok() &&
            device.set_utc_offset("+02:00").ok() && device.set_timezone("Europe/Berlin").ok();
  lwm2m::FixedRegistry<4> registry;
  ok = ok && registry.add(device).ok();
  if (!ok) {
    std::fprintf(stderr, "device_formats: could not build the Device object\n");
    return 1;
  }

  std::printf("Read /3/0 of a Device object in every LwM2M content format\n");
  ok &= print_read(registry, "OMA TLV (11542)", ContentFormat::kTlv, Path(3, 0), false);
  ok &= print_read(registry, "SenML JSON (110)", ContentFormat::kSenmlJson, Path(3, 0), true);
  ok &= print_read(registry, "SenML CBOR (112)", ContentFormat::kSenmlCbor, Path(3, 0), false);
  ok &= print_read(registry, "LwM2M CBOR (11544)", ContentFormat::kLwm2mCbor, Path(3, 0), false);
  ok &= print_read(registry, "OMA LwM2M JSON (11543)", ContentFormat::kOmaJson, Path(3, 0), true);
  ok &= print_read(registry, "text/plain (0) of /3/0/0", ContentFormat::kTextPlain, Path(3, 0, 0), true);
  ok &= print_read(registry, "text/plain (0) of /3/0/9", ContentFormat::kTextPlain, Path(3, 0, 9), true);

  uint8_t links[512];
  lwm2m::LinkWriter discover(links);
  lwm2m::Result<size_t> n = lwm2m::write_discover(registry, Path(3, 0), std::nullopt, nullptr, discover).ok()
                                ? discover.finish()
                                : lwm2m::Result<size_t>(lwm2m::Error::kInternal);
  if (n.ok()) print_payload("CoRE Link Format (40): Discover /3/0", {links, *n}, true);
  ok &= n.ok();

  std::printf("\n(opaque (42) carries only Opaque resources; the Device object has none.)\n");
  return ok ? 0 : 1;
}
