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

// Inclusive range from the DDF <RangeEnumeration>: numeric bounds for
// numbers, byte-length bounds for String and Opaque. Unset when the DDF has none.
struct Range {
  bool set = false;
  double min = 0;
  double max = 0;
};

struct ResourceDef {
  uint16_t id;
  const char* name;
  Operations operations;
  bool multiple;
  bool mandatory;
  DataType type;
  Range range;
  const char* units;  // "" when the DDF gives none
};

struct ObjectVersion {
  uint8_t major = 1;
  uint8_t minor = 0;
  friend constexpr bool operator==(ObjectVersion a, ObjectVersion b) {
    return a.major == b.major && a.minor == b.minor;
  }
};

struct ObjectDef {
  uint16_t id;
  const char* name;
  ObjectVersion version;
  bool multiple_instances;
  bool mandatory;
  std::span<const ResourceDef> resources;

  // Definitions are few per object; a linear scan is small and fast enough.
  constexpr const ResourceDef* find(uint16_t resource_id) const {
    for (const ResourceDef& r : resources)
      if (r.id == resource_id) return &r;
    return nullptr;
  }
};

// Checks a value against a definition's type and range (Core TS Appendix C
// and the DDF range). The value must already have the resource's type.
Status check_range(const ResourceDef& def, const Value& value);

}  // namespace lwm2m
