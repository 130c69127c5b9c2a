#include "lwm2m/engine/observation_manager.h"

#include <algorithm>

#include "lwm2m/engine/access_control.h"
#include "lwm2m/formats/negotiation.h"
#include "lwm2m/link/object_links.h"
#include "lwm2m/model/operations.h"

namespace lwm2m {
namespace {

constexpr uint16_t kLwm2mServerObject = 1;
constexpr uint16_t kShortServerIdResource = 0;

bool is_hidden(const Path& path) {
  return path.depth() >= Path::kObject &&
         (path.object() == kSecurityObjectId || path.object() == kOscoreObjectId);
}

void answer_error(Status status, coap::Response& response) {
  response = coap::Response{};
  response.code = coap_code_for(status.error());
}

// The Server object instance of a Short Server ID, for its default periods.
std::optional<uint16_t> server_instance_of(const Registry& registry, uint16_t short_server_id) {
  const Object* server = registry.find(kLwm2mServerObject);
  if (server == nullptr) return std::nullopt;
  for (size_t i = 0; i < server->instance_count(); ++i) {
    uint16_t instance = server->instance_id(i);
    Value id;
    if (!server->read(Path(kLwm2mServerObject, instance, kShortServerIdResource), id).ok()) continue;
    if ((id.type == DataType::kInteger && id.integer == short_server_id) ||
        (id.type == DataType::kUnsignedInteger && id.unsigned_integer == short_server_id))
      return instance;
  }
  return std::nullopt;
}

// A path that names one value (a single resource or a resource instance):
// thresholds and edges apply to it.
bool names_single_value(const Registry& registry, const Path& path) {
  if (path.depth() == Path::kResourceInstance) return true;
  if (path.depth() != Path::kResource) return false;
  const Object* object = registry.find(path.object());
  const ResourceDef* def = object != nullptr ? object->def().find(path.resource()) : nullptr;
  return def != nullptr && !def->multiple;
}

}  // namespace

ObservationManager::ObservationManager(const ObservationPorts& ports, std::span<Observation> slots,
                                       std::span<bool> used, std::span<ObservationSlotState> extra,
                                       std::span<uint8_t> payload_buffer)
    : ports_(ports),
      slots_(slots.first(std::min({slots.size(), used.size(), extra.size()}))),
      table_(slots_, used.first(slots_.size())),
      extra_(extra.first(slots_.size())),
      payload_buffer_(payload_buffer) {}

// --- Observe and Cancel Observation ----------------------------------------

void ObservationManager::start(const RequestContext& context, const coap::Request& request, const Path& target,
                               std::span<uint8_t> payload_buffer, coap::Response& response) {
  const bool composite = request.method == coap::Method::kFetch;
  // 1.2: notification attributes may ride on the Observe request itself.
  Result<Attributes> query = observe_query_attributes(
      request.query, composite ? Path::kResource : static_cast<Path::Level>(target.depth()));
  if (!query.ok()) return answer_error(query.status(), response);

  Path targets[kMaxObservedPaths];
  std::optional<uint16_t> format;
  Result<size_t> count = observed_targets(context, request, target, targets, format);
  if (!count.ok()) return answer_error(count.status(), response);
  std::span<const Path> observed(targets, *count);
  read_targets(context, observed, composite, format, payload_buffer, response);
  if (!coap::is_success(response.code) || !response.content_format) return;

  // Without a registered connection, or with a full table, the answer is a
  // plain Read: RFC 7641 §4.1 lets a server decline to add an observer.
  std::optional<ConnectionId> connection = ports_.connections.connection_of(context.short_server_id);
  if (!connection) return;
  ObserveRequest add;
  add.server = *connection;
  add.token = request.token;
  add.paths = observed;
  add.composite = composite;
  add.content_format = *response.content_format;
  add.query_attributes = *query;
  ValueSnapshot initial = snapshot(observed, composite, response.payload);
  Result<Observation*> added = table_.add(add, start_observation(initial, ports_.clock.now_ms()));
  if (!added.ok()) return;
  extra_[slot_of(*added)] = ObservationSlotState{context, false};
  response.observe = (*added)->take_sequence();
}

Result<size_t> ObservationManager::observed_targets(const RequestContext& context, const coap::Request& request,
                                                    const Path& target, std::span<Path> out,
                                                    std::optional<uint16_t>& format) {
  if (request.method != coap::Method::kFetch) {
    out[0] = target;
    format = request.accept;
    return size_t{1};
  }
  Result<size_t> listed = composite_targets(context, request, target, out);
  if (!listed.ok()) return listed;
  Result<uint16_t> chosen = composite_format(context, request);
  if (!chosen.ok()) return chosen.error();
  format = *chosen;
  return listed;
}

void ObservationManager::stop(const RequestContext& context, const coap::Request& request, const Path& target,
                              std::span<uint8_t> payload_buffer, coap::Response& response) {
  const bool composite = request.method == coap::Method::kFetch;
  Path targets[kMaxObservedPaths];
  std::optional<uint16_t> format;
  Result<size_t> count = observed_targets(context, request, target, targets, format);
  if (!count.ok()) return answer_error(count.status(), response);
  std::span<const Path> observed(targets, *count);
  // The table holds one observation per server and targets, so the targets
  // find it whether the server reuses the Observe token or sends a new one.
  if (std::optional<ConnectionId> connection = ports_.connections.connection_of(context.short_server_id)) {
    if (!table_.cancel_by_paths(*connection, observed, composite).ok()) {
      (void)table_.cancel_by_token(*connection, request.token);
    }
  }
  read_targets(context, observed, composite, format, payload_buffer, response);
}

void ObservationManager::on_reset(ConnectionId server, const coap::Token& token) {
  (void)table_.cancel_by_token(server, token);
}

size_t ObservationManager::cancel_server(ConnectionId server) {
  ports_.queue.clear(server);
  return table_.cancel_server(server);
}

// --- Reading what is observed ------------------------------------------------

Result<size_t> ObservationManager::composite_targets(const RequestContext& context, const coap::Request& request,
                                                     const Path& base, std::span<Path> out) {
  if (!request.content_format) return Error::kBadRequest;
  FormatTarget root;
  root.path = base;
  Result<ContentFormat> format =
      check_request_format(*request.content_format, Operation::kCompositeRequest, root, context.version);
  if (!format.ok()) return format.status();
  Result<RecordDecoder*> decoder = decoder_.open(*format, request.payload, base, decode_scratch_);
  if (!decoder.ok()) return decoder.status();
  size_t count = 0;
  DecodedRecord record;
  for (;;) {
    Result<bool> more = (*decoder)->next(record);
    if (!more.ok()) return more.status();
    if (!*more) break;
    if (record.path.is_root()) return Error::kBadRequest;
    if (std::find(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(count), record.path) !=
        out.begin() + static_cast<std::ptrdiff_t>(count))
      continue;
    if (count == out.size()) return Error::kCapacityExceeded;
    out[count++] = record.path;
  }
  if (count == 0) return Error::kBadRequest;
  return count;
}

Result<uint16_t> ObservationManager::composite_format(const RequestContext& context,
                                                      const coap::Request& request) const {
  FormatTarget root;
  std::optional<ContentFormat> request_format = content_format_from_number(*request.content_format);
  if (!request_format) return Error::kUnsupportedFormat;
  Result<ContentFormat> format =
      choose_response_format(request.accept, Operation::kReadComposite, root, context.version, *request_format);
  if (!format.ok()) return format.status();
  // Answer with the number the server used when it names the chosen format.
  if (request.accept && content_format_from_number(*request.accept) == *format) return *request.accept;
  return static_cast<uint16_t>(*format);
}

void ObservationManager::read_targets(const RequestContext& context, std::span<const Path> targets, bool composite,
                                      std::optional<uint16_t> format, std::span<uint8_t> buffer,
                                      coap::Response& response) {
  if (!composite) return ports_.dispatcher.read(context, targets[0], format, buffer, response);
  response = coap::Response{};
  Status status = format ? read_composite(context, targets, *format, buffer, response) : Error::kNotAcceptable;
  if (!status.ok()) answer_error(status, response);
}

Status ObservationManager::read_allowed_into(const RequestContext& context, const Path& path,
                                             RecordEncoder& encoder) {
  if (!context.access_control) return read_into(ports_.registry, path, encoder);
  if (path.depth() != Path::kObject) {
    LWM2M_TRY(check_access(ports_.registry, context.short_server_id, AccessOperation::kRead, path));
    return read_into(ports_.registry, path, encoder);
  }
  // Object level under access control: only the instances this server may read.
  const Object* object = ports_.registry.find(path.object());
  if (object == nullptr) return Error::kNotFound;
  for (size_t i = 0; i < object->instance_count(); ++i) {
    Path instance(path.object(), object->instance_id(i));
    if (!check_access(ports_.registry, context.short_server_id, AccessOperation::kRead, instance).ok()) continue;
    LWM2M_TRY(read_into(ports_.registry, instance, encoder));
  }
  return kOk;
}

Status ObservationManager::read_composite(const RequestContext& context, std::span<const Path> targets,
                                          uint16_t format, std::span<uint8_t> buffer, coap::Response& response) {
  std::optional<ContentFormat> known = content_format_from_number(format);
  if (!known) return Error::kNotAcceptable;
  Result<RecordEncoder*> encoder = encoder_.open(*known, buffer);
  if (!encoder.ok()) return encoder.status();
  LWM2M_TRY((*encoder)->begin(Path()));
  // Records must come in ascending path order: sort a copy of the targets.
  Path sorted[kMaxObservedPaths];
  size_t count = std::min(targets.size(), kMaxObservedPaths);
  std::copy(targets.begin(), targets.begin() + static_cast<std::ptrdiff_t>(count), sorted);
  std::sort(sorted, sorted + count);
  for (size_t i = 0; i < count; ++i) {
    // A target nested in another listed one is already in the answer.
    bool nested = false;
    for (size_t j = 0; j < count && !nested; ++j) nested = j != i && sorted[i].is_within(sorted[j]);
    if (nested || is_hidden(sorted[i])) continue;
    Status status = read_allowed_into(context, sorted[i], **encoder);
    // What is absent, or what this server may not read, is left out (as for Read-Composite).
    if (status.error() == Error::kNotFound || status.error() == Error::kUnauthorized) continue;
    if (status.error() == Error::kBufferTooSmall) return Error::kInternal;
    LWM2M_TRY(status);
  }
  Result<size_t> size = (*encoder)->finish();
  if (!size.ok()) return size.error() == Error::kBufferTooSmall ? Status(Error::kInternal) : size.status();
  response.code = coap::kContent;
  response.content_format = format;
  response.payload = buffer.first(*size);
  return kOk;
}

ValueSnapshot ObservationManager::snapshot(std::span<const Path> targets, bool composite,
                                           std::span<const uint8_t> payload) const {
  if (!composite && names_single_value(ports_.registry, targets[0])) {
    const Object* object = ports_.registry.find(targets[0].object());
    Value value;
    if (object != nullptr && object->read(targets[0], value).ok()) return ValueSnapshot::of(value);
  }
  return ValueSnapshot::of_payload(payload);
}

EffectiveAttributes ObservationManager::attributes_of(const Observation& observation,
                                                      const RequestContext& context) const {
  ServerDefaults defaults;
  if (std::optional<uint16_t> instance = server_instance_of(ports_.registry, context.short_server_id))
    defaults = server_defaults(ports_.registry, *instance);
  AttributeStore::ServerView attached = ports_.attributes.for_server(context.short_server_id);
  // Observe-Composite: the attributes of its request and the server defaults
  // govern the whole list; attached attributes belong to single targets.
  const Path& target = observation.composite ? Path() : observation.paths[0];
  return effective_attributes(target, observation.composite ? nullptr : &attached,
                              &observation.query_attributes, defaults);
}

// --- Notifying -------------------------------------------------------------

void ObservationManager::value_changed(const Path& path) {
  for (size_t slot = 0; slot < slots_.size(); ++slot) {
    const Observation* observation = table_.at(slot);
    if (observation != nullptr && observation->covers(path)) extra_[slot].changed = true;
  }
}

uint64_t ObservationManager::next_wakeup() {
  uint64_t wake = kNever;
  for (size_t slot = 0; slot < slots_.size(); ++slot) {
    const Observation* observation = table_.at(slot);
    if (observation == nullptr) continue;
    if (extra_[slot].changed) return 0;
    wake = std::min(wake, next_deadline(attributes_of(*observation, extra_[slot].context), observation->state));
  }
  return wake;
}

void ObservationManager::poll(uint64_t now_ms) {
  for (size_t slot = 0; slot < slots_.size(); ++slot) {
    const Observation* observation = table_.at(slot);
    if (observation == nullptr) continue;
    if (!extra_[slot].changed &&
        now_ms < next_deadline(attributes_of(*observation, extra_[slot].context), observation->state))
      continue;
    evaluate_slot(slot, now_ms);
  }
}

void ObservationManager::evaluate_slot(size_t slot, uint64_t now_ms) {
  Observation& observation = *table_.at(slot);
  ObservationSlotState& extra = extra_[slot];
  extra.changed = false;
  coap::Response content;
  read_targets(extra.context, observation.targets(), observation.composite, observation.content_format,
               payload_buffer_, content);
  if (!coap::is_success(content.code)) {
    // The target is gone (or no longer readable): RFC 7641 §3.2 ends the
    // observation with a notification carrying the error, without Observe.
    (void)ports_.endpoint.notify(observation.server, observation.token, content, false);
    (void)table_.cancel_by_token(observation.server, observation.token);
    return;
  }
  EffectiveAttributes attrs = attributes_of(observation, extra.context);
  ValueSnapshot current = snapshot(observation.targets(), observation.composite, content.payload);
  NotificationDecision decision = evaluate(attrs, observation.state, current, now_ms);
  if (decision.send) {
    content.observe = observation.take_sequence();
    deliver(observation, attrs, content, decision.confirmable, now_ms);
  }
  commit(decision, current, now_ms, observation.state);
}

void ObservationManager::deliver(Observation& observation, const EffectiveAttributes& attrs,
                                 coap::Response& notification, bool confirmable, uint64_t now_ms) {
  if (ports_.queue_mode.awake(observation.server, now_ms)) {
    // Older held notifications go first so the server sees them in order.
    if (ports_.queue.size(observation.server) > 0) server_online(observation.server);
    if (ports_.queue.size(observation.server) == 0 &&
        ports_.endpoint.notify(observation.server, observation.token, notification, confirmable).ok()) {
      ports_.queue_mode.exchanged(observation.server, now_ms);
      return;
    }
  }
  QueuedNotification held;
  held.server = observation.server;
  held.token = observation.token;
  held.sequence = *notification.observe;
  held.content_format = notification.content_format.value_or(0);
  held.confirmable = confirmable;
  held.created_ms = now_ms;
  held.payload = notification.payload;
  // A payload larger than the whole store cannot be held: the notification is
  // lost, as one dropped for room would be; the next one carries the state.
  (void)ports_.queue.push(held, attrs.hqmax);
}

void ObservationManager::server_online(ConnectionId server) {
  while (std::optional<QueuedNotification> held = ports_.queue.front(server)) {
    if (table_.find(server, held->token) == nullptr) {
      (void)ports_.queue.pop(server);  // cancelled while held: the server no longer wants it
      continue;
    }
    coap::Response notification;
    notification.code = coap::kContent;
    notification.content_format = held->content_format;
    notification.observe = held->sequence;
    notification.payload = held->payload;
    if (!ports_.endpoint.notify(server, held->token, notification, held->confirmable).ok()) return;
    (void)ports_.queue.pop(server);
    ports_.queue_mode.exchanged(server, ports_.clock.now_ms());
  }
}

}  // namespace lwm2m
