#include "lwm2m/engine/dm_dispatcher.h"
#include "lwm2m/engine/request_path.h"

#include "lwm2m/formats/negotiation.h"
#include "lwm2m/link/link_writer.h"
#include "lwm2m/link/object_links.h"
#include "lwm2m/model/operations.h"
#include "lwm2m/tlv/tlv_decoder.h"

namespace lwm2m {

namespace {

constexpr uint32_t kObserveRegister = 0;
constexpr uint32_t kObserveDeregister = 1;

bool is_hidden(const Path& path) {
  return path.depth() >= Path::kObject &&
         (path.object() == kSecurityObjectId || path.object() == kOscoreObjectId);
}

// What format negotiation needs to know of the resource a path names.
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

// The Content-Format option of an answer: the number the server asked for
// when it names the chosen format (a 1.0 server asking 1542 gets 1542 back).
uint16_t format_number(ContentFormat format, std::optional<uint16_t> accept) {
  if (accept && content_format_from_number(*accept) == format) return *accept;
  return static_cast<uint16_t>(format);
}

// An answer that does not fit the payload buffer is the client's failure,
// not a request that is too large.
Status answer_error(Status status) {
  return status.error() == Error::kBufferTooSmall ? Status(Error::kInternal) : status;
}

// Create without a payload: no records.
class EmptyDecoder final : public RecordDecoder {
 public:
  Result<bool> next(DecodedRecord&) override { return false; }
  void rewind() override {}
};

// The Discover "depth" query (Core TS 1.2 §6.3, Discover): one digit 0..3.
Result<std::optional<uint8_t>> depth_query(std::span<const std::string_view> queries) {
  constexpr std::string_view kDepth = "depth=";
  std::optional<uint8_t> depth;
  for (std::string_view q : queries) {
    if (q.substr(0, kDepth.size()) != kDepth) continue;
    std::string_view digits = q.substr(kDepth.size());
    if (depth || digits.size() != 1 || digits[0] < '0' || digits[0] > '0' + kMaxDiscoverDepth)
      return Error::kBadRequest;
    depth = static_cast<uint8_t>(digits[0] - '0');
  }
  return depth;
}

}  // namespace

void DmDispatcher::handle(const RequestContext& context, const coap::Request& request,
                          std::span<uint8_t> payload_buffer, coap::Response& response) {
  response = coap::Response{};
  Result<Path> path = path_from_uri_path(request.path);
  Status status = path.status();
  if (status.ok()) status = dispatch(context, request, *path, payload_buffer, response);
  if (!status.ok()) {
    response = coap::Response{};
    response.code = coap_code_for(status.error());
  }
}

void DmDispatcher::read(const RequestContext& context, const Path& path, std::optional<uint16_t> accept,
                        std::span<uint8_t> payload_buffer, coap::Response& response) {
  response = coap::Response{};
  Status status = read_content(context, path, accept, payload_buffer, response);
  if (!status.ok()) {
    response = coap::Response{};
    response.code = coap_code_for(status.error());
  }
}

Status DmDispatcher::dispatch(const RequestContext& context, const coap::Request& request, const Path& path,
                              std::span<uint8_t> buffer, coap::Response& response) {
  // Hidden objects and absent objects look the same to a server.
  if (is_hidden(path)) return Error::kNotFound;
  if (path.depth() >= Path::kObject && registry_.find(path.object()) == nullptr) return Error::kNotFound;

  switch (request.method) {
    case coap::Method::kGet:
      if (request.accept == static_cast<uint16_t>(ContentFormat::kLinkFormat))
        return discover(context, request, path, buffer, response);
      if (request.observe && observation_ != nullptr) return observe(context, request, path, buffer, response);
      return read_content(context, path, request.accept, buffer, response);
    case coap::Method::kPut:
      if (!request.content_format && request.payload.empty()) {
        LWM2M_TRY(write_attributes(context, request, path));
      } else {
        LWM2M_TRY(write(context, request, path, WriteMode::kReplace));
      }
      response.code = coap::kChanged;
      return kOk;
    case coap::Method::kPost: return post(context, request, path, response);
    case coap::Method::kDelete:
      LWM2M_TRY(remove(context, path));
      response.code = coap::kDeleted;
      return kOk;
    case coap::Method::kFetch:
      if (request.observe && observation_ != nullptr) return observe(context, request, path, buffer, response);
      return read_composite(context, request, path, buffer, response);
    case coap::Method::kIPatch:
      LWM2M_TRY(write_composite(context, request, path));
      response.code = coap::kChanged;
      return kOk;
    case coap::Method::kPatch: break;
  }
  return Error::kMethodNotAllowed;
}

Status DmDispatcher::observe(const RequestContext& context, const coap::Request& request, const Path& path,
                             std::span<uint8_t> buffer, coap::Response& response) {
  if (request.method == coap::Method::kGet) {
    if (path.is_root()) return Error::kMethodNotAllowed;
    LWM2M_TRY(check_exists(path));
    LWM2M_TRY(allowed(context, AccessOperation::kRead, path));
  }
  if (*request.observe == kObserveRegister) {
    observation_->start(context, request, path, buffer, response);
  } else if (*request.observe == kObserveDeregister) {
    observation_->stop(context, request, path, buffer, response);
  } else if (request.method == coap::Method::kGet) {
    return read_content(context, path, request.accept, buffer, response);
  } else {
    return read_composite(context, request, path, buffer, response);
  }
  return kOk;
}

Status DmDispatcher::post(const RequestContext& context, const coap::Request& request, const Path& path,
                          coap::Response& response) {
  switch (path.depth()) {
    case Path::kObject: return create(context, request, path, response);
    case Path::kResource: {
      const ResourceDef* def = registry_.find(path.object())->def().find(path.resource());
      bool executable = def != nullptr && allows_execute(def->operations);
      if (executable || !request.content_format) {
        LWM2M_TRY(execute(context, request, path));
        break;
      }
      LWM2M_TRY(write(context, request, path, WriteMode::kPartialUpdate));
      break;
    }
    case Path::kInstance:
    case Path::kResourceInstance: LWM2M_TRY(write(context, request, path, WriteMode::kPartialUpdate)); break;
    default: return Error::kMethodNotAllowed;
  }
  response.code = coap::kChanged;
  return kOk;
}

Status DmDispatcher::allowed(const RequestContext& context, AccessOperation operation, const Path& path) const {
  if (!context.access_control) return kOk;
  return check_access(registry_, context.short_server_id, operation, path);
}

Status DmDispatcher::check_exists(const Path& path) const {
  if (path.is_root()) return kOk;
  const Object* object = registry_.find(path.object());
  if (object == nullptr) return Error::kNotFound;
  if (path.depth() == Path::kObject) return kOk;
  if (!object->has_instance(path.instance())) return Error::kNotFound;
  if (path.depth() == Path::kInstance) return kOk;
  const ResourceDef* def = object->def().find(path.resource());
  if (def == nullptr || !object->has_resource(path.instance(), path.resource())) return Error::kNotFound;
  if (path.depth() == Path::kResource) return kOk;
  if (!def->multiple) return Error::kNotFound;
  uint16_t ids[64];
  size_t count = object->resource_instances(path.instance(), path.resource(), ids);
  if (count > 64) return kOk;  // too many to list here; the read itself will tell
  for (size_t i = 0; i < count; ++i)
    if (ids[i] == path.resource_instance()) return kOk;
  return Error::kNotFound;
}

Status DmDispatcher::read_filtered(const RequestContext& context, const Path& path, RecordEncoder& encoder) {
  if (!context.access_control || path.depth() != Path::kObject) return read_into(registry_, path, encoder);
  // Object-level Read under access control: only the instances this server may read.
  const Object* object = registry_.find(path.object());
  if (object == nullptr) return Error::kNotFound;
  for (size_t i = 0; i < object->instance_count(); ++i) {
    Path instance(path.object(), object->instance_id(i));
    if (!allowed(context, AccessOperation::kRead, instance).ok()) continue;
    LWM2M_TRY(read_into(registry_, instance, encoder));
  }
  return kOk;
}

Status DmDispatcher::read_content(const RequestContext& context, const Path& path, std::optional<uint16_t> accept,
                                  std::span<uint8_t> buffer, coap::Response& response) {
  if (is_hidden(path)) return Error::kNotFound;
  if (path.is_root()) return Error::kMethodNotAllowed;
  LWM2M_TRY(check_exists(path));
  LWM2M_TRY(allowed(context, AccessOperation::kRead, path));
  Result<ContentFormat> format =
      choose_response_format(accept, Operation::kRead, target_of(registry_, path), context.version,
                             context.preferred_format);
  if (!format.ok()) return format.status();
  Result<RecordEncoder*> encoder = encoder_.open(*format, buffer);
  if (!encoder.ok()) return encoder.status();
  LWM2M_TRY((*encoder)->begin(path));
  LWM2M_TRY(answer_error(read_filtered(context, path, **encoder)));
  Result<size_t> size = (*encoder)->finish();
  if (!size.ok()) return answer_error(size.status());
  response.code = coap::kContent;
  response.content_format = format_number(*format, accept);
  response.payload = buffer.first(*size);
  return kOk;
}

Status DmDispatcher::discover(const RequestContext& context, const coap::Request& request, const Path& path,
                              std::span<uint8_t> buffer, coap::Response& response) {
  Result<std::optional<uint8_t>> depth = depth_query(request.query);
  if (!depth.ok()) return depth.status();
  if (!path.is_root()) LWM2M_TRY(allowed(context, AccessOperation::kRead, path));
  LinkWriter writer(buffer);
  AttributeStore::ServerView attributes = attributes_.for_server(context.short_server_id);
  LWM2M_TRY(answer_error(write_discover(registry_, path, *depth, &attributes, writer)));
  Result<size_t> size = writer.finish();
  if (!size.ok()) return answer_error(size.status());
  response.code = coap::kContent;
  response.content_format = static_cast<uint16_t>(ContentFormat::kLinkFormat);
  response.payload = buffer.first(*size);
  return kOk;
}

Status DmDispatcher::write(const RequestContext& context, const coap::Request& request, const Path& path,
                           WriteMode mode) {
  if (path.depth() < Path::kInstance) return Error::kMethodNotAllowed;
  Object* object = registry_.find(path.object());
  if (object == nullptr || !object->has_instance(path.instance())) return Error::kNotFound;
  if (path.depth() >= Path::kResource && object->def().find(path.resource()) == nullptr) return Error::kNotFound;
  LWM2M_TRY(allowed(context, AccessOperation::kWrite, path));
  if (!request.content_format) return Error::kBadRequest;  // a payload must say what it is
  Result<ContentFormat> format =
      check_request_format(*request.content_format, Operation::kWrite, target_of(registry_, path), context.version);
  if (!format.ok()) return format.status();
  Result<RecordDecoder*> decoder = decoder_.open(*format, request.payload, path, decode_scratch_);
  if (!decoder.ok()) return decoder.status();
  return lwm2m::write(registry_, path, mode, **decoder, value_scratch_);
}

Status DmDispatcher::write_attributes(const RequestContext& context, const coap::Request& request,
                                      const Path& path) {
  if (request.query.empty()) return Error::kBadRequest;
  LWM2M_TRY(check_exists(path));
  if (!path.is_root()) LWM2M_TRY(allowed(context, AccessOperation::kRead, path));
  AttributeChanges changes;
  for (std::string_view query : request.query) LWM2M_TRY(changes.add_query(query));
  const Attributes* current = attributes_.find(context.short_server_id, path);
  Result<Attributes> merged =
      changes.apply(current != nullptr ? *current : Attributes{}, static_cast<Path::Level>(path.depth()));
  if (!merged.ok()) return merged.status();
  return attributes_.set(context.short_server_id, path, *merged);
}

Status DmDispatcher::execute(const RequestContext& context, const coap::Request& request, const Path& path) {
  const Object* object = registry_.find(path.object());
  if (object == nullptr || !object->has_instance(path.instance()) ||
      object->def().find(path.resource()) == nullptr)
    return Error::kNotFound;
  LWM2M_TRY(allowed(context, AccessOperation::kExecute, path));
  return lwm2m::execute(registry_, path, request.payload);
}

Status DmDispatcher::remove(const RequestContext& context, const Path& path) {
  if (path.depth() != Path::kInstance) return Error::kMethodNotAllowed;
  const Object* object = registry_.find(path.object());
  if (object == nullptr || !object->has_instance(path.instance())) return Error::kNotFound;
  // The one instance of a mandatory single-instance object (Device) must stay.
  if (object->def().mandatory && !object->def().multiple_instances) return Error::kMethodNotAllowed;
  LWM2M_TRY(allowed(context, AccessOperation::kDelete, path));
  LWM2M_TRY(lwm2m::remove(registry_, path));
  attributes_.remove_within(path);
  return kOk;
}

Status DmDispatcher::create(const RequestContext& context, const coap::Request& request, const Path& path,
                            coap::Response& response) {
  Object* object = registry_.find(path.object());
  if (object == nullptr) return Error::kNotFound;
  LWM2M_TRY(allowed(context, AccessOperation::kCreate, path));

  EmptyDecoder empty;
  RecordDecoder* decoder = &empty;
  Result<uint16_t> instance = Error::kNotFound;  // not known yet
  if (request.content_format) {
    Result<ContentFormat> format =
        check_request_format(*request.content_format, Operation::kWrite, target_of(registry_, path), context.version);
    if (!format.ok()) return format.status();
    Path base = path;
    if (*format == ContentFormat::kTlv) {
      // The id is in an Object Instance TLV around the resources, or absent.
      instance = TlvDecoder::wrapped_instance_id(request.payload);
      if (!instance.ok() && instance.error() != Error::kNotFound) return instance.status();
      if (!instance.ok()) {
        instance = object->free_instance_id();
        if (!instance.ok()) return instance.status();
        base = Path(path.object(), *instance);
      }
    }
    Result<RecordDecoder*> opened = decoder_.open(*format, request.payload, base, decode_scratch_);
    if (!opened.ok()) return opened.status();
    decoder = *opened;
    if (!instance.ok()) {
      // Other formats name the instance in their records' paths.
      DecodedRecord first;
      Result<bool> any = decoder->next(first);
      if (!any.ok()) return any.status();
      if (*any && first.path.depth() >= Path::kInstance) instance = first.path.instance();
      decoder->rewind();
    }
  } else if (!request.payload.empty()) {
    return Error::kBadRequest;  // a payload must say what it is
  }
  if (!instance.ok()) instance = object->free_instance_id();
  if (!instance.ok()) return instance.status();
  LWM2M_TRY(lwm2m::create(registry_, path.object(), *instance, *decoder, value_scratch_));

  // Location-Path of the new instance: "o", "i".
  uint16_t ids[2] = {path.object(), *instance};
  for (size_t n = 0; n < 2; ++n) {
    char* text = location_text_[n];
    char digits[5];
    size_t count = 0;
    uint16_t v = ids[n];
    do {
      digits[count++] = static_cast<char>('0' + v % 10);
      v = static_cast<uint16_t>(v / 10);
    } while (v != 0);
    for (size_t k = 0; k < count; ++k) text[k] = digits[count - 1 - k];
    location_[n] = std::string_view(text, count);
  }
  response.code = coap::kCreated;
  response.location_path = location_;
  return kOk;
}

Result<size_t> DmDispatcher::collect_composite_paths(RecordDecoder& decoder) {
  size_t count = 0;
  DecodedRecord record;
  for (;;) {
    Result<bool> more = decoder.next(record);
    if (!more.ok()) return more.error();
    if (!*more) break;
    // Document order, without repeats or paths inside one already listed.
    bool covered = false;
    for (size_t i = 0; i < count && !covered; ++i) covered = record.path.is_within(composite_paths_[i]);
    if (covered) continue;
    size_t kept = 0;
    for (size_t i = 0; i < count; ++i)
      if (!composite_paths_[i].is_within(record.path)) composite_paths_[kept++] = composite_paths_[i];
    count = kept;
    if (count == kMaxCompositePaths) return Error::kCapacityExceeded;
    size_t at = count;
    while (at > 0 && record.path < composite_paths_[at - 1]) {
      composite_paths_[at] = composite_paths_[at - 1];
      --at;
    }
    composite_paths_[at] = record.path;
    ++count;
  }
  return count;
}

Status DmDispatcher::read_composite(const RequestContext& context, const coap::Request& request, const Path& path,
                                    std::span<uint8_t> buffer, coap::Response& response) {
  if (!request.content_format) return Error::kBadRequest;
  FormatTarget root;
  root.path = path;
  Result<ContentFormat> request_format =
      check_request_format(*request.content_format, Operation::kCompositeRequest, root, context.version);
  if (!request_format.ok()) return request_format.status();
  Result<RecordDecoder*> decoder = decoder_.open(*request_format, request.payload, path, decode_scratch_);
  if (!decoder.ok()) return decoder.status();
  Result<size_t> count = collect_composite_paths(**decoder);
  if (!count.ok()) return count.status();

  root.path = Path();
  Result<ContentFormat> format =
      choose_response_format(request.accept, Operation::kReadComposite, root, context.version, *request_format);
  if (!format.ok()) return format.status();
  Result<RecordEncoder*> encoder = encoder_.open(*format, buffer);
  if (!encoder.ok()) return encoder.status();
  LWM2M_TRY((*encoder)->begin(Path()));
  for (size_t i = 0; i < *count; ++i) {
    const Path& target = composite_paths_[i];
    if (target.is_root()) return Error::kBadRequest;
    // What the server may not see, or what is not there, is left out of the answer.
    if (is_hidden(target) || !allowed(context, AccessOperation::kRead, target).ok()) continue;
    Status status = read_filtered(context, target, **encoder);
    if (status.error() == Error::kNotFound) continue;
    LWM2M_TRY(answer_error(status));
  }
  Result<size_t> size = (*encoder)->finish();
  if (!size.ok()) return answer_error(size.status());
  response.code = coap::kContent;
  response.content_format = format_number(*format, request.accept);
  response.payload = buffer.first(*size);
  return kOk;
}

Status DmDispatcher::write_composite(const RequestContext& context, const coap::Request& request,
                                     const Path& path) {
  if (!request.content_format) return Error::kBadRequest;
  FormatTarget root;
  root.path = path;
  Result<ContentFormat> format =
      check_request_format(*request.content_format, Operation::kWriteComposite, root, context.version);
  if (!format.ok()) return format.status();
  Result<RecordDecoder*> decoder = decoder_.open(*format, request.payload, path, decode_scratch_);
  if (!decoder.ok()) return decoder.status();
  // Every target must be visible and writable by this server before any is written.
  DecodedRecord record;
  for (;;) {
    Result<bool> more = (*decoder)->next(record);
    if (!more.ok()) return more.status();
    if (!*more) break;
    if (is_hidden(record.path) || record.path.is_root()) return Error::kNotFound;
    LWM2M_TRY(allowed(context, AccessOperation::kWrite, record.path));
  }
  return lwm2m::write_composite(registry_, **decoder, value_scratch_);
}

}  // namespace lwm2m
