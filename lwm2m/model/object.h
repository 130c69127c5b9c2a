// The interface the engine drives for one object and all its instances.
// Most objects derive from StoredObject (values kept in fixed pools) and
// override read/execute for the resources that are live (uptime, sensors).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "lwm2m/core/path.h"
#include "lwm2m/core/status.h"
#include "lwm2m/core/value.h"
#include "lwm2m/model/definitions.h"

namespace lwm2m {

class Object {
 public:
  explicit constexpr Object(const ObjectDef& def) : def_(def) {}
  Object(const Object&) = delete;
  Object& operator=(const Object&) = delete;

  const ObjectDef& def() const { return def_; }
  uint16_t id() const { return def_.id; }

  // Instances, in ascending id order.
  virtual size_t instance_count() const = 0;
  virtual uint16_t instance_id(size_t index) const = 0;
  bool has_instance(uint16_t instance) const;
  // The lowest free instance id (for Create without an id), or kOutOfRange.
  Result<uint16_t> free_instance_id() const;
  virtual Status create_instance(uint16_t instance) = 0;
  virtual Status delete_instance(uint16_t instance) = 0;

  // Whether a resource is present in an instance (optional ones may be absent).
  virtual bool has_resource(uint16_t instance, uint16_t resource) const = 0;
  // Instance ids of a multiple resource, ascending, written to `ids`;
  // returns how many exist (which may exceed ids.size()).
  virtual size_t resource_instances(uint16_t instance, uint16_t resource, std::span<uint16_t> ids) const = 0;

  // Reads /o/i/r (single resource) or /o/i/r/ri. String and opaque values
  // stay valid until the object is next changed.
  virtual Status read(const Path& path, Value& out) const = 0;
  // Application checks before any value of a write is applied (the engine
  // has already checked type, range and the W operation).
  virtual Status validate(const Path& path, const Value& value) const;
  // Whether `entries` new values holding `bytes` of strings/opaque would fit.
  virtual bool can_accept(size_t entries, size_t bytes) const;
  // Writes /o/i/r (single) or /o/i/r/ri. Called only after validation.
  virtual Status write(const Path& path, const Value& value) = 0;
  // Removes every instance of a multiple resource (Write-Replace of it).
  virtual Status clear_resource(uint16_t instance, uint16_t resource) = 0;
  // Execute with the raw argument string (Core TS §5.4.5); see execute_args.h.
  virtual Status execute(uint16_t instance, uint16_t resource, std::span<const uint8_t> arguments);

 protected:
  ~Object() = default;  // owned by the application, never deleted through Object*

 private:
  const ObjectDef& def_;
};

}  // namespace lwm2m
