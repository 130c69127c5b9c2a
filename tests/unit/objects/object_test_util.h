// Helpers for the object tests: the checks the engine makes around a write,
// and a walk over every mandatory readable resource.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "lwm2m/core/path.h"
#include "lwm2m/model/definitions.h"
#include "lwm2m/model/object.h"

namespace lwm2m::objects::testing {

// What lwm2m/model/operations.cpp does before and for a single-value write:
// the W operation, the type and DDF range, the object's validation, the write.
inline Status server_write(Object& object, const Path& path, const Value& value) {
  const ResourceDef* def = object.def().find(path.resource());
  if (def == nullptr || !object.has_instance(path.instance())) return Error::kNotFound;
  if (!allows_write(def->operations)) return Error::kMethodNotAllowed;
  LWM2M_TRY(check_range(*def, value));
  LWM2M_TRY(object.validate(path, value));
  return object.write(path, value);
}

// A server's Execute: only resources the definition marks executable.
inline Status server_execute(Object& object, uint16_t instance, uint16_t resource) {
  const ResourceDef* def = object.def().find(resource);
  if (def == nullptr || !object.has_instance(instance)) return Error::kNotFound;
  if (!allows_execute(def->operations)) return Error::kMethodNotAllowed;
  return object.execute(instance, resource, {});
}

inline Value read_value(const Object& object, uint16_t instance, uint16_t resource) {
  Value v;
  Status s = object.read(Path(object.id(), instance, resource), v);
  EXPECT_TRUE(s.ok()) << "/" << object.id() << "/" << instance << "/" << resource << ": " << error_name(s.error());
  return v;
}

inline Value read_value(const Object& object, uint16_t instance, uint16_t resource, uint16_t resource_instance) {
  Value v;
  Status s = object.read(Path(object.id(), instance, resource, resource_instance), v);
  EXPECT_TRUE(s.ok()) << "/" << object.id() << "/" << instance << "/" << resource << "/" << resource_instance;
  return v;
}

inline std::string text(const Value& v) { return std::string(v.text()); }

// Every mandatory resource is present; every readable one reads with the
// definition's type (multiple ones instance by instance).
inline void expect_mandatory_resources(const Object& object, uint16_t instance) {
  for (const ResourceDef& def : object.def().resources) {
    if (!def.mandatory) continue;
    SCOPED_TRACE("resource " + std::to_string(def.id) + " " + def.name);
    EXPECT_TRUE(object.has_resource(instance, def.id));
    if (!allows_read(def.operations) && def.operations != Operations::kNone) continue;
    if (def.type == DataType::kNone) continue;
    if (!def.multiple) {
      Value v = read_value(object, instance, def.id);
      EXPECT_EQ(v.type, def.type);
      continue;
    }
    uint16_t ids[16];
    size_t count = object.resource_instances(instance, def.id, ids);
    ASSERT_LE(count, 16u);
    for (size_t i = 0; i < count; ++i) EXPECT_EQ(read_value(object, instance, def.id, ids[i]).type, def.type);
  }
}

}  // namespace lwm2m::objects::testing
