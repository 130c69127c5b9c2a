#include "lwm2m/engine/client.h"

#include <algorithm>

#include "lwm2m/engine/server_accounts.h"

namespace lwm2m {
namespace {

RegistrationOptions registration_options(const ClientOptions& options) {
  RegistrationOptions r;
  r.endpoint_name = options.endpoint_name;
  r.version = options.version;
  r.queue_mode = options.queue_mode;
  r.content_formats = options.content_formats;
  return r;
}

BootstrapOptions bootstrap_options(const ClientOptions& options) {
  BootstrapOptions b;
  b.endpoint_name = options.endpoint_name;
  b.preferred_format = static_cast<uint16_t>(options.preferred_format);
  b.finish_timeout_s = options.bootstrap_finish_timeout_s;
  return b;
}

// The Uri-Path of a request as a Path ("/" for none); nullopt when it is not
// a data-model path (the dispatcher has answered such requests already).
std::optional<Path> request_path(std::span<const std::string_view> segments) {
  char text[Path::kMaxTextLength + 1] = {'/'};
  size_t size = segments.empty() ? 1 : 0;
  for (std::string_view segment : segments) {
    if (segment.empty() && segments.size() == 1) break;  // "/" sent as one empty segment
    if (size + 1 + segment.size() > Path::kMaxTextLength) return std::nullopt;
    text[size++] = '/';
    std::copy(segment.begin(), segment.end(), text + size);
    size += segment.size();
  }
  if (size == 0) size = 1;
  Result<Path> path = Path::parse(std::string_view(text, size));
  if (!path.ok()) return std::nullopt;
  return *path;
}

}  // namespace

Client::Client(Registry& registry, Endpoint& endpoint, const Clock& clock, const ClientOptions& options)
    : registry_(registry),
      endpoint_(endpoint),
      clock_(clock),
      options_(options),
      dispatcher_(registry, attributes_, &observations_),
      observations_(ObservationPorts{registry, attributes_, dispatcher_, notification_queue_, queue_mode_, endpoint,
                                     clock, *this}),
      send_client_(registry, endpoint, send_buffer_),
      registration_(endpoint, clock, registry, registration_options(options), this),
      bootstrap_client_(endpoint, clock, registry, bootstrap_options(options)),
      bootstrap_dispatcher_(registry, &bootstrap_client_) {}

Status Client::start() {
  Status registering = registration_.start();
  if (registering.ok()) {
    phase_ = Phase::kRegistering;
    return kOk;
  }
  // No usable LwM2M Server account (or a broken one): the Bootstrap-Server
  // provides one (Core TS §6.1).
  Status bootstrapping = bootstrap_client_.start();
  if (!bootstrapping.ok()) return registering.error() == Error::kNotFound ? bootstrapping : registering;
  phase_ = Phase::kBootstrapping;
  return kOk;
}

void Client::start_bootstrap() {
  registration_.stop();
  registration_.clear_bootstrap_request();
  if (bootstrap_client_.start().ok()) phase_ = Phase::kBootstrapping;
}

void Client::poll() {
  switch (phase_) {
    case Phase::kIdle:
      return;
    case Phase::kRegistering:
      registration_.poll();
      if (registration_.needs_bootstrap()) start_bootstrap();
      break;
    case Phase::kBootstrapping:
      bootstrap_client_.poll();
      if (bootstrap_client_.state() == BootstrapState::kFinished) {
        // The new configuration: register with what the Bootstrap-Server wrote.
        if (registration_.start().ok()) phase_ = Phase::kRegistering;
      }
      break;
    case Phase::kStopping:
      registration_.poll();
      return;
  }
  observations_.poll(clock_.now_ms());
}

uint64_t Client::next_wakeup_ms() {
  switch (phase_) {
    case Phase::kIdle:
      return kNever;
    case Phase::kStopping:
      return registration_.next_wakeup_ms();
    case Phase::kBootstrapping:
      return std::min(bootstrap_client_.next_wakeup_ms(), observations_.next_wakeup());
    case Phase::kRegistering:
      break;
  }
  return std::min(registration_.next_wakeup_ms(), observations_.next_wakeup());
}

void Client::stop() {
  registration_.stop();
  phase_ = Phase::kStopping;
}

bool Client::stopped() const {
  for (size_t i = 0; i < registration_.session_count(); ++i) {
    // A Register or Update in flight is followed by a De-register when answered.
    RegistrationState state = registration_.session(i).state();
    if (state == RegistrationState::kRegistering || state == RegistrationState::kUpdating ||
        state == RegistrationState::kDeregistering) {
      return false;
    }
  }
  return true;
}

Status Client::send(uint16_t short_server_id, std::span<const Path> paths, ContentFormat format,
                    SendObserver* observer) {
  std::optional<ConnectionId> connection = connection_of(short_server_id);
  if (!connection) return Error::kNotFound;
  return send_client_.send(*connection, short_server_id, paths, format, observer);
}

bool Client::is_bootstrap_connection(ConnectionId from) const {
  if (phase_ == Phase::kBootstrapping && from == bootstrap_client_.connection()) return true;
  // Server-initiated bootstrap: any request on the Bootstrap-Server's account.
  ServerAccountConfig accounts[RegistrationClient::kMaxServers + 2];
  Result<size_t> count = collect_server_accounts(registry_, accounts);
  if (!count.ok()) return false;
  for (size_t i = 0; i < *count; ++i) {
    if (accounts[i].security_instance == from) return accounts[i].bootstrap;
  }
  return false;
}

void Client::on_request(ConnectionId from, const coap::Request& request, std::span<uint8_t> payload_buffer,
                        coap::Response& response) {
  // A registered server's connection is found cheaply and is never the
  // Bootstrap-Server's (each has its own Security instance), so the costlier
  // bootstrap check runs only for connections no session owns.
  const RegistrationSession* session = nullptr;
  for (size_t i = 0; i < registration_.session_count(); ++i) {
    if (registration_.session(i).connection() == from) session = &registration_.session(i);
  }
  if (session == nullptr && is_bootstrap_connection(from)) {
    bootstrap_dispatcher_.handle(request, payload_buffer, response);
    if (phase_ != Phase::kStopping) phase_ = Phase::kBootstrapping;
    return;
  }
  if (session == nullptr) {
    // Not a server this client knows (Core TS §7: only registered servers manage it).
    response = coap::Response{};
    response.code = coap::kUnauthorized;
    return;
  }
  if (queue_mode_.enabled(from)) queue_mode_.exchanged(from, clock_.now_ms());

  RequestContext context;
  context.short_server_id = session->short_server_id();
  context.version = session->version();
  context.preferred_format = options_.preferred_format;
  context.access_control = registration_.session_count() > 1;
  dispatcher_.handle(context, request, payload_buffer, response);
  after_management_request(request, response);
}

void Client::after_management_request(const coap::Request& request, const coap::Response& response) {
  if (!coap::is_success(response.code) || request.observe.has_value()) return;
  if (response.code == coap::kCreated || response.code == coap::kDeleted) {
    registration_.object_list_changed();
    return;
  }
  bool writes = request.method == coap::Method::kPut || request.method == coap::Method::kPost ||
                request.method == coap::Method::kIPatch;
  if (!writes || response.code != coap::kChanged) return;
  std::optional<Path> path = request_path(request.path);
  if (request.method == coap::Method::kIPatch) {
    // Write-Composite: its targets are in the payload; the root covers them.
    observations_.value_changed(Path());
    registration_.server_settings_changed();
    return;
  }
  if (!path) return;
  observations_.value_changed(*path);
  if (path->is_root() || path->object() == kServerObjectId) registration_.server_settings_changed();
}

void Client::on_notification_reset(ConnectionId from, const coap::Token& token) {
  observations_.on_reset(from, token);
}

std::optional<ConnectionId> Client::connection_of(uint16_t short_server_id) const {
  const RegistrationSession* session = registration_.find(short_server_id);
  if (session == nullptr) return std::nullopt;
  RegistrationState state = session->state();
  if (state != RegistrationState::kRegistered && state != RegistrationState::kUpdating) return std::nullopt;
  return session->connection();
}

void Client::on_registered(uint16_t short_server_id, Lwm2mVersion /*version*/) {
  const RegistrationSession* session = registration_.find(short_server_id);
  if (session == nullptr) return;
  ConnectionId connection = session->connection();
  // A new registration ends the observations of the previous one (Core TS §6.4.1).
  observations_.cancel_server(connection);
  if (options_.queue_mode) (void)queue_mode_.enable(connection, clock_.now_ms());
  observations_.server_online(connection);
}

void Client::on_deregistered(uint16_t short_server_id) {
  const RegistrationSession* session = registration_.find(short_server_id);
  if (session == nullptr) return;
  observations_.cancel_server(session->connection());
  queue_mode_.disable(session->connection());
}

}  // namespace lwm2m
