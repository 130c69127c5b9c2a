#include "lwm2m/model/operations.h"

#include "lwm2m/model/execute_args.h"

namespace lwm2m {

namespace {

// Resource instances read at once; larger multiple resources are refused
// rather than silently cut.
constexpr size_t kMaxResourceInstances = 64;

bool carries_bytes(DataType t) {
  return t == DataType::kString || t == DataType::kOpaque || t == DataType::kCorelnk;
}

Status emit(RecordEncoder& encoder, const Object& object, const Path& path) {
  Record record;
  record.path = path;
  LWM2M_TRY(object.read(path, record.value));
  return encoder.add(record);
}

Status read_resource(const Object& object, const ResourceDef& def, const Path& path, RecordEncoder& encoder) {
  if (!def.multiple) return emit(encoder, object, path);
  uint16_t ids[kMaxResourceInstances];
  size_t count = object.resource_instances(path.instance(), path.resource(), ids);
  if (count > kMaxResourceInstances) return Error::kCapacityExceeded;
  for (size_t i = 0; i < count; ++i) {
    Result<Path> child = path.child(ids[i]);
    if (!child.ok()) return child.error();
    LWM2M_TRY(emit(encoder, object, *child));
  }
  return kOk;
}

Status read_instance(const Object& object, uint16_t instance, RecordEncoder& encoder) {
  for (const ResourceDef& def : object.def().resources) {
    if (!allows_read(def.operations) || !object.has_resource(instance, def.id)) continue;
    LWM2M_TRY(read_resource(object, def, Path(object.id(), instance, def.id), encoder));
  }
  return kOk;
}

// What a record of a write resolves to once checked: the object, its
// resource definition and the value converted to the resource's type.
struct CheckedRecord {
  Object* object = nullptr;
  const ResourceDef* def = nullptr;
  Path path;
  Value value;
};

Status check_record(Registry& registry, const DecodedRecord& in, std::span<uint8_t> scratch, CheckedRecord& out) {
  if (in.path.depth() < Path::kResource) return Error::kBadRequest;
  Object* object = registry.find(in.path.object());
  if (object == nullptr) return Error::kNotFound;
  if (!object->has_instance(in.path.instance())) return Error::kNotFound;
  const ResourceDef* def = object->def().find(in.path.resource());
  if (def == nullptr) return Error::kNotFound;
  if (!allows_write(def->operations)) return Error::kMethodNotAllowed;
  // A single resource has no instances; a multiple one is written by instance.
  bool is_instance_path = in.path.depth() == Path::kResourceInstance;
  if (is_instance_path != def->multiple) return Error::kBadRequest;
  Result<Value> value = convert(in.value, def->type, scratch);
  if (!value.ok()) return value.error();
  LWM2M_TRY(check_range(*def, *value));
  LWM2M_TRY(object->validate(in.path, *value));
  out = CheckedRecord{object, def, in.path, *value};
  return kOk;
}

// Pass one of every write: decode and check each record, total the room the
// values need, and let each touched object say whether it fits. Records must
// lie within `scope`.
Status check_all(Registry& registry, const Path& scope, RecordDecoder& decoder, std::span<uint8_t> scratch) {
  Object* object = nullptr;
  size_t entries = 0;
  size_t bytes = 0;
  DecodedRecord record;
  decoder.rewind();
  for (;;) {
    Result<bool> more = decoder.next(record);
    if (!more.ok()) return more.error();
    if (!*more) break;
    if (!record.path.is_within(scope)) return Error::kBadRequest;
    CheckedRecord checked;
    LWM2M_TRY(check_record(registry, record, scratch, checked));
    if (object != nullptr && checked.object != object) {
      if (!object->can_accept(entries, bytes)) return Error::kCapacityExceeded;
      entries = bytes = 0;
    }
    object = checked.object;
    ++entries;
    if (carries_bytes(checked.value.type)) bytes += checked.value.bytes.size();
  }
  if (object != nullptr && !object->can_accept(entries, bytes)) return Error::kCapacityExceeded;
  return kOk;
}

// Pass two: apply records already checked. A failure here means an object
// accepted in pass one what it cannot store: an internal error.
Status apply_all(Registry& registry, RecordDecoder& decoder, std::span<uint8_t> scratch) {
  DecodedRecord record;
  decoder.rewind();
  for (;;) {
    Result<bool> more = decoder.next(record);
    if (!more.ok()) return Error::kInternal;
    if (!*more) return kOk;
    CheckedRecord checked;
    if (!check_record(registry, record, scratch, checked).ok()) return Error::kInternal;
    if (!checked.object->write(checked.path, checked.value).ok()) return Error::kInternal;
  }
}

bool payload_has_resource(RecordDecoder& decoder, uint16_t resource) {
  DecodedRecord record;
  decoder.rewind();
  for (;;) {
    Result<bool> more = decoder.next(record);
    if (!more.ok() || !*more) return false;
    if (record.path.depth() >= Path::kResource && record.path.resource() == resource) return true;
  }
}

// Replace semantics, applied between the passes: what the payload replaces
// is emptied first so that only the payload's values remain.
Status clear_for_replace(Object& object, const Path& path, RecordDecoder& decoder) {
  if (path.depth() == Path::kResource) return object.clear_resource(path.instance(), path.resource());
  for (const ResourceDef& def : object.def().resources) {
    if (!allows_write(def.operations)) continue;
    bool given = payload_has_resource(decoder, def.id);
    if (def.multiple ? given : (!given && !def.mandatory))
      LWM2M_TRY(object.clear_resource(path.instance(), def.id));
  }
  return kOk;
}

}  // namespace

Status read_into(const Registry& registry, const Path& path, RecordEncoder& encoder) {
  if (path.is_root()) return Error::kMethodNotAllowed;
  const Object* object = registry.find(path.object());
  if (object == nullptr) return Error::kNotFound;
  if (path.depth() == Path::kObject) {
    for (size_t i = 0; i < object->instance_count(); ++i)
      LWM2M_TRY(read_instance(*object, object->instance_id(i), encoder));
    return kOk;
  }
  if (!object->has_instance(path.instance())) return Error::kNotFound;
  if (path.depth() == Path::kInstance) return read_instance(*object, path.instance(), encoder);
  const ResourceDef* def = object->def().find(path.resource());
  if (def == nullptr || !object->has_resource(path.instance(), path.resource())) return Error::kNotFound;
  if (!allows_read(def->operations)) return Error::kMethodNotAllowed;
  if (path.depth() == Path::kResource) return read_resource(*object, *def, path, encoder);
  if (!def->multiple) return Error::kNotFound;
  return emit(encoder, *object, path);
}

Status read(const Registry& registry, const Path& path, RecordEncoder& encoder) {
  LWM2M_TRY(encoder.begin(path));
  return read_into(registry, path, encoder);
}

Status write(Registry& registry, const Path& path, WriteMode mode, RecordDecoder& decoder,
             std::span<uint8_t> scratch) {
  if (path.depth() < Path::kInstance) return Error::kMethodNotAllowed;
  Object* object = registry.find(path.object());
  if (object == nullptr || !object->has_instance(path.instance())) return Error::kNotFound;
  if (path.depth() >= Path::kResource) {
    const ResourceDef* def = object->def().find(path.resource());
    if (def == nullptr) return Error::kNotFound;
    if (!allows_write(def->operations)) return Error::kMethodNotAllowed;
    if (path.depth() == Path::kResourceInstance && !def->multiple) return Error::kNotFound;
  }
  LWM2M_TRY(check_all(registry, path, decoder, scratch));
  bool replaces = mode == WriteMode::kReplace && path.depth() <= Path::kResource;
  if (replaces && !clear_for_replace(*object, path, decoder).ok()) return Error::kInternal;
  return apply_all(registry, decoder, scratch);
}

Status write_composite(Registry& registry, RecordDecoder& decoder, std::span<uint8_t> scratch) {
  LWM2M_TRY(check_all(registry, Path(), decoder, scratch));
  return apply_all(registry, decoder, scratch);
}

Status execute(Registry& registry, const Path& path, std::span<const uint8_t> arguments) {
  if (path.depth() != Path::kResource) return Error::kMethodNotAllowed;
  Object* object = registry.find(path.object());
  if (object == nullptr || !object->has_instance(path.instance())) return Error::kNotFound;
  const ResourceDef* def = object->def().find(path.resource());
  if (def == nullptr) return Error::kNotFound;
  if (!allows_execute(def->operations)) return Error::kMethodNotAllowed;
  LWM2M_TRY(ExecuteArgs::validate(arguments));
  return object->execute(path.instance(), path.resource(), arguments);
}

Status create(Registry& registry, uint16_t object_id, uint16_t instance, RecordDecoder& decoder,
              std::span<uint8_t> scratch) {
  Object* object = registry.find(object_id);
  if (object == nullptr) return Error::kNotFound;
  if (instance > kMaxId) return Error::kBadRequest;
  if (object->has_instance(instance)) return Error::kAlreadyExists;
  LWM2M_TRY(object->create_instance(instance));
  Path scope(object_id, instance);
  Status status = check_all(registry, scope, decoder, scratch);
  for (const ResourceDef& def : object->def().resources) {
    if (!status.ok()) break;
    if (def.mandatory && allows_write(def.operations) && !object->has_resource(instance, def.id) &&
        !payload_has_resource(decoder, def.id))
      status = Error::kBadRequest;
  }
  if (status.ok()) status = apply_all(registry, decoder, scratch);
  if (!status.ok()) (void)object->delete_instance(instance);
  return status;
}

Status remove(Registry& registry, const Path& path) {
  if (path.depth() != Path::kInstance) return Error::kMethodNotAllowed;
  Object* object = registry.find(path.object());
  if (object == nullptr) return Error::kNotFound;
  if (!object->has_instance(path.instance())) return Error::kNotFound;
  return object->delete_instance(path.instance());
}

}  // namespace lwm2m
