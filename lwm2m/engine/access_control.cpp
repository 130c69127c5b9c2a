#include "lwm2m/engine/access_control.h"

#include <optional>

namespace lwm2m {

namespace {

enum AcoResource : uint16_t { kObjectId = 0, kObjectInstanceId = 1, kAcl = 2, kOwner = 3 };

uint8_t right_bit(AccessOperation operation) {
  switch (operation) {
    case AccessOperation::kRead: return 1;
    case AccessOperation::kWrite: return 2;
    case AccessOperation::kExecute: return 4;
    case AccessOperation::kDelete: return 8;
    case AccessOperation::kCreate: return 16;
  }
  return 0;
}

std::optional<int64_t> read_integer(const Object& aco, const Path& path) {
  Value v;
  if (!aco.read(path, v).ok()) return std::nullopt;
  if (v.type == DataType::kInteger) return v.integer;
  if (v.type == DataType::kUnsignedInteger && v.unsigned_integer <= 0xFFFF) return static_cast<int64_t>(v.unsigned_integer);
  return std::nullopt;
}

// The Access Control instance governing /object/instance, if any.
std::optional<uint16_t> governing_instance(const Object& aco, uint16_t object, uint16_t instance) {
  for (size_t i = 0; i < aco.instance_count(); ++i) {
    uint16_t id = aco.instance_id(i);
    if (read_integer(aco, Path(kAccessControlObjectId, id, kObjectId)) == object &&
        read_integer(aco, Path(kAccessControlObjectId, id, kObjectInstanceId)) == instance)
      return id;
  }
  return std::nullopt;
}

bool is_owner(const Object& aco, uint16_t aco_instance, uint16_t short_server_id) {
  return read_integer(aco, Path(kAccessControlObjectId, aco_instance, kOwner)) == short_server_id;
}

// The rights of a server that is not the owner: its own ACL entry, else the default entry 0.
int64_t acl_rights(const Object& aco, uint16_t aco_instance, uint16_t short_server_id) {
  if (short_server_id != 0) {
    std::optional<int64_t> own = read_integer(aco, Path(kAccessControlObjectId, aco_instance, kAcl, short_server_id));
    if (own) return *own;
  }
  return read_integer(aco, Path(kAccessControlObjectId, aco_instance, kAcl, 0)).value_or(0);
}

Status check_access_control_object(const Object& aco, uint16_t short_server_id, AccessOperation operation,
                                   const Path& path) {
  switch (operation) {
    case AccessOperation::kRead: return kOk;
    case AccessOperation::kWrite:
      if (path.depth() >= Path::kInstance && is_owner(aco, path.instance(), short_server_id)) return kOk;
      return Error::kUnauthorized;
    default: return Error::kUnauthorized;
  }
}

}  // namespace

Status check_access(const Registry& registry, uint16_t short_server_id, AccessOperation operation,
                    const Path& path) {
  if (path.is_root()) return Error::kUnauthorized;
  const Object* aco = registry.find(kAccessControlObjectId);
  if (aco == nullptr) return Error::kUnauthorized;
  if (path.object() == kAccessControlObjectId)
    return check_access_control_object(*aco, short_server_id, operation, path);

  uint16_t instance = 0;
  if (operation == AccessOperation::kCreate) {
    instance = kReservedId;  // the object-level entry
  } else if (path.depth() == Path::kObject) {
    return operation == AccessOperation::kRead ? kOk : Status(Error::kUnauthorized);
  } else {
    instance = path.instance();
  }
  std::optional<uint16_t> governing = governing_instance(*aco, path.object(), instance);
  if (!governing) return Error::kUnauthorized;
  if (is_owner(*aco, *governing, short_server_id)) return kOk;
  int64_t rights = acl_rights(*aco, *governing, short_server_id);
  return (rights & right_bit(operation)) != 0 ? kOk : Status(Error::kUnauthorized);
}

}  // namespace lwm2m
