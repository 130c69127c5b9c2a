// Resource ids shared by the IPSO Smart Object definitions (the 5500-6050 range
// of the OMA registry's common resources).
#pragma once

#include <cstdint>

namespace lwm2m::objects::ipso {

enum Resource : uint16_t {
  kDigitalInputState = 5500,
  kDigitalInputCounter = 5501,
  kMinMeasuredValue = 5601,
  kMaxMeasuredValue = 5602,
  kMinRangeValue = 5603,
  kMaxRangeValue = 5604,
  kResetMinMaxMeasuredValues = 5605,
  kSensorValue = 5700,
  kSensorUnits = 5701,
  kXValue = 5702,
  kYValue = 5703,
  kZValue = 5704,
  kColour = 5706,
  kCumulativeActivePower = 5805,
  kPowerFactor = 5820,
  kOnOff = 5850,
  kDimmer = 5851,
  kOnTime = 5852,
  kApplicationType = 5750,
  kSensorType = 5751,
};

}  // namespace lwm2m::objects::ipso
