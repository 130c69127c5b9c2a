// IPSO Light Control (3311): on/off and dimmer set by the server or locally,
// and the On time counter the application advances as time passes.
#pragma once

#include <cstdint>
#include <string_view>

#include "lwm2m/model/stored_object.h"
#include "objects/definitions/light_control.h"

namespace lwm2m::objects {

// Told when a server (or the application's set_on/set_dimmer) changes a light,
// so the application can drive the lamp.
class LightControlHandler {
 public:
  virtual void light_changed(uint16_t instance, bool on, int64_t dimmer) = 0;

 protected:
  ~LightControlHandler() = default;
};

// Pools: 4 instances (lights), 32 values (on/off, dimmer, on time, power,
// colour, application type ...), 192 bytes of colour and application type text.
class LightControlObject final : public StoredObject<4, 32, 192> {
 public:
  explicit LightControlObject(LightControlHandler* handler = nullptr)
      : StoredObject(kLightControlObject), handler_(handler) {}

  // Creates a light that is off, dimmer 100, on time 0.
  Status add_light(uint16_t instance, std::string_view application_type = {});
  Status set_on(uint16_t instance, bool on);
  Status set_dimmer(uint16_t instance, int64_t percent);
  // Adds `seconds` to the On time of every light that is on.
  void advance(uint32_t seconds);
  Status set_power(uint16_t instance, double cumulative_wh, double power_factor);

  Status validate(const Path& path, const Value& value) const override;
  Status write(const Path& path, const Value& value) override;

 private:
  void notify(uint16_t instance);

  LightControlHandler* handler_;
};

}  // namespace lwm2m::objects
