#include "lwm2m/engine/bootstrap_dispatcher.h"
#include "lwm2m/engine/request_path.h"

#include "lwm2m/core/content_format.h"
#include "lwm2m/core/version.h"
#include "lwm2m/engine/server_accounts.h"
#include "lwm2m/formats/negotiation.h"
#include "lwm2m/link/link_writer.h"
#include "lwm2m/link/object_links.h"
#include "lwm2m/model/operations.h"

namespace lwm2m {

namespace {

constexpr uint16_t kDeviceObjectId = 3;
constexpr uint16_t kSecurityUri = 0;
constexpr uint16_t kSecurityBootstrapFlag = 1;
constexpr uint16_t kSecurityShortServerId = 10;
constexpr uint16_t kServerShortServerId = 0;

bool is_finish(const coap::Request& request) {
  return request.method == coap::Method::kPost && request.path.size() == 1 && request.path[0] == "bs";
}

FormatTarget target_of(const Registry& registry, const Path& path) {
  FormatTarget target;
  target.path = path;
  if (path.depth() < Path::kResource) return target;
  const Object* object = registry.find(path.object());
  const ResourceDef* def = object != nullptr ? object->def().find(path.resource()) : nullptr;
  if (def == nullptr) return target;
  target.type = def->type;
  target.multiple_resource = def->multiple && path.depth() == Path::kResource;
  return target;
}

std::optional<Value> read_value(const Object& object, uint16_t instance, uint16_t resource) {
  if (!object.has_resource(instance, resource)) return std::nullopt;
  Value value;
  if (!object.read(Path(object.id(), instance, resource), value).ok()) return std::nullopt;
  return value;
}

struct CheckedRecord {
  Object* object = nullptr;
  const ResourceDef* def = nullptr;  // nullptr: a resource the object does not define, skipped
  Value value;
};

Status check_record(Registry& registry, const DecodedRecord& record, std::span<uint8_t> scratch,
                    CheckedRecord& out) {
  out = CheckedRecord{};
  if (record.path.depth() < Path::kResource) return Error::kBadRequest;
  Object* object = registry.find(record.path.object());
  if (object == nullptr) return Error::kNotFound;
  out.object = object;
  const ResourceDef* def = object->def().find(record.path.resource());
  if (def == nullptr) return kOk;
  // Bootstrap-Write ignores the resource's operations, not its shape or type.
  if (def->type == DataType::kNone) return Error::kMethodNotAllowed;
  if ((record.path.depth() == Path::kResourceInstance) != def->multiple) return Error::kBadRequest;
  Result<Value> value = convert(record.value, def->type, scratch);
  if (!value.ok()) return value.error();
  LWM2M_TRY(check_range(*def, *value));
  LWM2M_TRY(object->validate(record.path, *value));
  out.def = def;
  out.value = *value;
  return kOk;
}

void delete_created(Registry& registry, const Path* instances, size_t count) {
  for (size_t i = 0; i < count; ++i) {
    Object* object = registry.find(instances[i].object());
    if (object != nullptr) (void)object->delete_instance(instances[i].instance());
  }
}

void version_text(ObjectVersion version, char (&out)[8], size_t& size) {
  size = 0;
  auto put = [&](uint8_t v) {
    if (v >= 100) out[size++] = static_cast<char>('0' + v / 100);
    if (v >= 10) out[size++] = static_cast<char>('0' + v / 10 % 10);
    out[size++] = static_cast<char>('0' + v % 10);
  };
  put(version.major);
  out[size++] = '.';
  put(version.minor);
}

}  // namespace

void BootstrapDispatcher::handle(const coap::Request& request, std::span<uint8_t> payload_buffer,
                                 coap::Response& response) {
  response = coap::Response{};
  if (events_ != nullptr && !is_finish(request)) events_->on_bootstrap_operation();
  Status status = dispatch(request, payload_buffer, response);
  if (!status.ok()) {
    response = coap::Response{};
    response.code = coap_code_for(status.error());
  }
}

Status BootstrapDispatcher::dispatch(const coap::Request& request, std::span<uint8_t> buffer,
                                     coap::Response& response) {
  if (is_finish(request)) {
    LWM2M_TRY(finish());
    response.code = coap::kChanged;
    if (events_ != nullptr) events_->on_bootstrap_finished();
    return kOk;
  }
  Result<Path> path = path_from_uri_path(request.path);
  if (!path.ok()) return path.status();
  switch (request.method) {
    case coap::Method::kPut:
      LWM2M_TRY(write(request, *path));
      response.code = coap::kChanged;
      return kOk;
    case coap::Method::kGet:
      if (request.accept == static_cast<uint16_t>(ContentFormat::kLinkFormat) ||
          (path->is_root() && !request.accept))
        return discover(*path, buffer, response);
      return read(request, *path, buffer, response);
    case coap::Method::kDelete:
      LWM2M_TRY(remove(*path));
      response.code = coap::kDeleted;
      return kOk;
    default: return Error::kMethodNotAllowed;
  }
}

bool BootstrapDispatcher::is_bootstrap_account(uint16_t security_instance) const {
  const Object* security = registry_.find(kSecurityObjectId);
  if (security == nullptr) return false;
  std::optional<Value> flag = read_value(*security, security_instance, kSecurityBootstrapFlag);
  return flag && flag->type == DataType::kBoolean && flag->boolean;
}

// ---------------------------------------------------------------- Bootstrap-Write

Status BootstrapDispatcher::write(const coap::Request& request, const Path& path) {
  if (path.depth() < Path::kObject || path.depth() > Path::kResource) return Error::kBadRequest;
  if (registry_.find(path.object()) == nullptr) return Error::kNotFound;
  if (!request.content_format) return Error::kBadRequest;
  Result<ContentFormat> format =
      check_request_format(*request.content_format, Operation::kWrite, target_of(registry_, path), Lwm2mVersion::k1_2);
  if (!format.ok()) return format.status();
  Result<RecordDecoder*> decoder = decoder_.open(*format, request.payload, path, decode_scratch_);
  if (!decoder.ok()) return decoder.status();

  Path created[kMaxNewInstances];
  size_t created_count = 0;
  LWM2M_TRY(check_records(**decoder, path, created, created_count));
  // Create the missing instances, then see that every object has room.
  for (size_t i = 0; i < created_count; ++i) {
    Status made = registry_.find(created[i].object())->create_instance(created[i].instance());
    if (!made.ok()) {
      delete_created(registry_, created, i);
      return made.error() == Error::kCapacityExceeded ? Status(Error::kCapacityExceeded) : made;
    }
  }
  Status applied = apply_records(**decoder);
  if (!applied.ok()) delete_created(registry_, created, created_count);
  return applied;
}

// Pass one: every record decodes, lies within `scope`, names a known object
// and converts to its resource's type; the instances to create are gathered.
Status BootstrapDispatcher::check_records(RecordDecoder& decoder, const Path& scope,
                                          Path (&new_instances)[kMaxNewInstances], size_t& new_count) {
  new_count = 0;
  decoder.rewind();
  DecodedRecord record;
  for (;;) {
    Result<bool> more = decoder.next(record);
    if (!more.ok()) return more.error();
    if (!*more) return kOk;
    if (!record.path.is_within(scope)) return Error::kBadRequest;
    CheckedRecord checked;
    LWM2M_TRY(check_record(registry_, record, value_scratch_, checked));
    Path instance = record.path.prefix(Path::kInstance);
    if (checked.object->has_instance(instance.instance())) continue;
    bool listed = false;
    for (size_t i = 0; i < new_count && !listed; ++i) listed = new_instances[i] == instance;
    if (listed) continue;
    if (new_count == kMaxNewInstances) return Error::kCapacityExceeded;
    new_instances[new_count++] = instance;
  }
}

// Pass two, over records already checked: room first (so nothing is applied
// when an object is full), then multiple resources in the payload are
// emptied (their instances are replaced), then the values are written.
Status BootstrapDispatcher::apply_records(RecordDecoder& decoder) {
  DecodedRecord record;
  CheckedRecord checked;
  Object* object = nullptr;
  size_t entries = 0;
  size_t bytes = 0;
  decoder.rewind();
  for (;;) {
    Result<bool> more = decoder.next(record);
    if (!more.ok()) return Error::kInternal;
    if (!*more) break;
    if (!check_record(registry_, record, value_scratch_, checked).ok()) return Error::kInternal;
    if (checked.def == nullptr) continue;
    if (object != nullptr && object != checked.object) {
      if (!object->can_accept(entries, bytes)) return Error::kCapacityExceeded;
      entries = bytes = 0;
    }
    object = checked.object;
    ++entries;
    DataType t = checked.value.type;
    if (t == DataType::kString || t == DataType::kOpaque || t == DataType::kCorelnk) bytes += checked.value.bytes.size();
  }
  if (object != nullptr && !object->can_accept(entries, bytes)) return Error::kCapacityExceeded;

  decoder.rewind();
  for (;;) {
    Result<bool> more = decoder.next(record);
    if (!more.ok()) return Error::kInternal;
    if (!*more) break;
    if (record.path.depth() != Path::kResourceInstance) continue;
    if (!check_record(registry_, record, value_scratch_, checked).ok()) return Error::kInternal;
    if (checked.def != nullptr && !checked.object->clear_resource(record.path.instance(), record.path.resource()).ok())
      return Error::kInternal;
  }
  decoder.rewind();
  for (;;) {
    Result<bool> more = decoder.next(record);
    if (!more.ok()) return Error::kInternal;
    if (!*more) return kOk;
    if (!check_record(registry_, record, value_scratch_, checked).ok()) return Error::kInternal;
    if (checked.def == nullptr) continue;
    if (!checked.object->write(record.path, checked.value).ok()) return Error::kInternal;
  }
}

// ---------------------------------------------------------------- Bootstrap-Read

Status BootstrapDispatcher::read(const coap::Request& request, const Path& path, std::span<uint8_t> buffer,
                                 coap::Response& response) {
  if (path.is_root()) return Error::kMethodNotAllowed;
  if (path.object() != kServerObjectId && path.object() != 2) return Error::kMethodNotAllowed;
  if (path.depth() > Path::kInstance) return Error::kBadRequest;
  if (registry_.find(path.object()) == nullptr) return Error::kNotFound;
  // TLV by default: every Bootstrap-Server version understands it.
  Result<ContentFormat> format = choose_response_format(request.accept, Operation::kRead, target_of(registry_, path),
                                                        Lwm2mVersion::k1_2, ContentFormat::kTlv);
  if (!format.ok()) return format.status();
  Result<RecordEncoder*> encoder = encoder_.open(*format, buffer);
  if (!encoder.ok()) return encoder.status();
  LWM2M_TRY(lwm2m::read(registry_, path, **encoder));
  Result<size_t> size = (*encoder)->finish();
  if (!size.ok()) return size.error() == Error::kBufferTooSmall ? Status(Error::kInternal) : size.status();
  response.code = coap::kContent;
  response.content_format = static_cast<uint16_t>(*format);
  response.payload = buffer.first(*size);
  return kOk;
}

// ---------------------------------------------------------------- Bootstrap-Discover

Status BootstrapDispatcher::discover(const Path& path, std::span<uint8_t> buffer, coap::Response& response) {
  if (path.depth() > Path::kObject) return Error::kBadRequest;
  if (!path.is_root() && registry_.find(path.object()) == nullptr) return Error::kNotFound;
  LinkWriter out(buffer);
  if (path.is_root()) {
    LWM2M_TRY(out.begin_link(Path()));
    LWM2M_TRY(out.add_quoted("lwm2m", "1.2"));
  }
  for (size_t o = 0; o < registry_.size(); ++o) {
    const Object& object = registry_.at(o);
    if (!path.is_root() && object.id() != path.object()) continue;
    bool versioned = !(object.def().version == ObjectVersion{1, 0});
    if (versioned || object.instance_count() == 0) {
      LWM2M_TRY(out.begin_link(Path(object.id())));
      if (versioned) {
        char ver[8];
        size_t n = 0;
        version_text(object.def().version, ver, n);
        LWM2M_TRY(out.add_token("ver", std::string_view(ver, n)));
      }
    }
    for (size_t i = 0; i < object.instance_count(); ++i) {
      uint16_t id = object.instance_id(i);
      LWM2M_TRY(out.begin_link(Path(object.id(), id)));
      if (object.id() == kSecurityObjectId) {
        std::optional<Value> ssid = read_value(object, id, kSecurityShortServerId);
        if (ssid && ssid->type == DataType::kInteger && !is_bootstrap_account(id))
          LWM2M_TRY(out.add_int("ssid", ssid->integer));
        std::optional<Value> uri = read_value(object, id, kSecurityUri);
        if (uri && uri->type == DataType::kString) LWM2M_TRY(out.add_quoted("uri", uri->text()));
      } else if (object.id() == kServerObjectId) {
        std::optional<Value> ssid = read_value(object, id, kServerShortServerId);
        if (ssid && ssid->type == DataType::kInteger) LWM2M_TRY(out.add_int("ssid", ssid->integer));
      }
    }
  }
  Result<size_t> size = out.finish();
  if (!size.ok()) return size.error() == Error::kBufferTooSmall ? Status(Error::kInternal) : size.status();
  response.code = coap::kContent;
  response.content_format = static_cast<uint16_t>(ContentFormat::kLinkFormat);
  response.payload = buffer.first(*size);
  return kOk;
}

// ---------------------------------------------------------------- Bootstrap-Delete

Status BootstrapDispatcher::remove(const Path& path) {
  if (path.depth() > Path::kInstance) return Error::kBadRequest;
  if (path.depth() == Path::kInstance) {
    Object* object = registry_.find(path.object());
    if (object == nullptr || !object->has_instance(path.instance())) return Error::kNotFound;
    if (path.object() == kDeviceObjectId) return Error::kBadRequest;
    if (path.object() == kSecurityObjectId && is_bootstrap_account(path.instance())) return Error::kBadRequest;
    return object->delete_instance(path.instance());
  }
  if (path.depth() == Path::kObject) {
    if (registry_.find(path.object()) == nullptr) return Error::kNotFound;
    if (path.object() == kDeviceObjectId) return Error::kBadRequest;
  }
  for (size_t o = 0; o < registry_.size(); ++o) {
    Object& object = registry_.at(o);
    if (object.id() == kDeviceObjectId) continue;
    if (!path.is_root() && object.id() != path.object()) continue;
    // From the end: deleting shifts the instances after the one removed.
    for (size_t i = object.instance_count(); i-- > 0;) {
      uint16_t id = object.instance_id(i);
      if (object.id() == kSecurityObjectId && is_bootstrap_account(id)) continue;
      LWM2M_TRY(object.delete_instance(id));
    }
  }
  return kOk;
}

Status BootstrapDispatcher::finish() { return check_configuration(registry_); }

}  // namespace lwm2m
