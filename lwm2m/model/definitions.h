// Object and resource definitions as constexpr tables (Core TS §5.1, the DDF
// of the OMA registry). Generated from registry XML by tools/ddf2cpp.py.
#pragma once

#include <cstdint>
#include <span>

#include "lwm2m/core/value.h"

namespace lwm2m {

// Operations a resource allows (DDF <Operations>: R, W, RW, E, or none).
enum class Operations : uint8_t { kNone = 0, kRead = 1, kWrite = 2, kReadWrite = 3, kExecute = 4 };

constexpr bool allows_read(Operations o) { return (static_cast<uint8_t>(o) & 1) != 0; }
constexpr bool allows_write(Operations o) { return (static_cast<uint8_t>(o) & 2) != 0; }
constexpr bool allows_execute(Operations o) { return o == Operations::kExecute; }

// LWM2M_DEFINITION_TEXT=1 (the default) keeps the DDF's resource and object
// names and units in the tables, for tools, tests and diagnostics. 0 leaves the
// text out to save flash on microcontrollers (cmake/arm-none-eabi.cmake): then
// every name and units reads "". It changes the layout of the definitions, so
// set it the same way for every translation unit of a program.
#ifndef LWM2M_DEFINITION_TEXT
#define LWM2M_DEFINITION_TEXT 1
#endif

// Inclusive range from the DDF <RangeEnumeration>: numeric bounds for
// numbers, byte-length bounds for String and Opaque. Unset when the DDF has none.
struct Range {
  bool set = false;
  double min = 0;
  double max = 0;
};

// One resource of an object's DDF. The generated tables hold about two hundred
// of these, so the fields are ordered for size: the double bounds first, the
// byte-sized facts packed behind them (32 B on 32-bit targets, 24 B without text).
struct ResourceDef {
  constexpr ResourceDef(uint16_t resource_id, [[maybe_unused]] const char* resource_name, Operations ops,
                        bool is_multiple, bool is_mandatory, DataType data_type, Range bounds,
                        [[maybe_unused]] const char* resource_units)
      : range_min(bounds.min),
        range_max(bounds.max),
#if LWM2M_DEFINITION_TEXT
        name(resource_name),
        units(resource_units),
#endif
        id(resource_id),
        operations(ops),
        type(data_type),
        multiple(is_multiple),
        mandatory(is_mandatory),
        has_range(bounds.set) {
  }

  constexpr Range range() const { return {has_range, range_min, range_max}; }

  double range_min;
  double range_max;
#if LWM2M_DEFINITION_TEXT
  const char* name;
  const char* units;  // "" when the DDF gives none
#else
  static constexpr const char* name = "";
  static constexpr const char* units = "";
#endif
  uint16_t id;
  Operations operations;
  DataType type;
  bool multiple;
  bool mandatory;
  bool has_range;
};
static_assert(sizeof(void*) != 4 || sizeof(ResourceDef) <= 32, "keep the resource tables small on MCUs");

struct ObjectVersion {
  uint8_t major = 1;
  uint8_t minor = 0;
  friend constexpr bool operator==(ObjectVersion a, ObjectVersion b) {
    return a.major == b.major && a.minor == b.minor;
  }
};

struct ObjectDef {
  constexpr ObjectDef(uint16_t object_id, [[maybe_unused]] const char* object_name, ObjectVersion object_version,
                      bool is_multiple_instances, bool is_mandatory, std::span<const ResourceDef> resource_defs)
      : resources(resource_defs),
#if LWM2M_DEFINITION_TEXT
        name(object_name),
#endif
        id(object_id),
        version(object_version),
        multiple_instances(is_multiple_instances),
        mandatory(is_mandatory) {
  }

  // Definitions are few per object; a linear scan is small and fast enough.
  constexpr const ResourceDef* find(uint16_t resource_id) const {
    for (const ResourceDef& r : resources)
      if (r.id == resource_id) return &r;
    return nullptr;
  }

  std::span<const ResourceDef> resources;
#if LWM2M_DEFINITION_TEXT
  const char* name;
#else
  static constexpr const char* name = "";
#endif
  uint16_t id;
  ObjectVersion version;
  bool multiple_instances;
  bool mandatory;
};

// Checks a value against a definition's type and range (Core TS Appendix C
// and the DDF range). The value must already have the resource's type.
Status check_range(const ResourceDef& def, const Value& value);

}  // namespace lwm2m
