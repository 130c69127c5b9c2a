// IPSO Push button (3347): the button's state and how often it was pressed.
#pragma once

#include <cstdint>
#include <string_view>

#include "lwm2m/model/stored_object.h"
#include "objects/definitions/push_button.h"

namespace lwm2m::objects {

// Pools: 4 instances (buttons), 12 values (state, counter, application
// type of each), 96 bytes of application type text.
class PushButtonObject final : public StoredObject<4, 12, 96> {
 public:
  PushButtonObject() : StoredObject(kPushButtonObject) {}

  // Creates a released button with counter 0.
  Status add_button(uint16_t instance, std::string_view application_type = {});
  // The button's new state; each release-to-press edge counts once.
  Status set_pressed(uint16_t instance, bool pressed);
};

}  // namespace lwm2m::objects
