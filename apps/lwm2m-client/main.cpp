// lwm2m-client: the LwM2M 1.2 client on a Linux host. It builds the standard
// objects from the command line (Security and Server per -u, Device from the
// host, a simulated temperature sensor), talks CoAP through libcoap and runs
// until SIGINT/SIGTERM, when it de-registers (bounded wait) and exits 0.
// With --state-dir the Security and Server objects survive restarts: saved
// after each registration, after a server or Bootstrap-Server changed them,
// and at exit; at start they replace the flags' accounts (see restore_state).
//
// Host program: heap, std::string and stdio are fine here.
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "apps/lwm2m-client/host_device_info.h"
#include "apps/lwm2m-client/options.h"
#include "apps/lwm2m-client/simulated_sensors.h"
#include "apps/lwm2m-client/state_store.h"
#include "lwm2m/engine/client.h"
#include "lwm2m/model/registry.h"
#include "objects/device_object.h"
#include "objects/security_object.h"
#include "objects/sensor_object.h"
#include "objects/server_object.h"
#include "transport/credential_source.h"
#include "transport/libcoap_endpoint.h"

namespace {

using namespace lwm2m;

constexpr const char* kClientVersion = "0.1.0";
constexpr uint32_t kDeregisterWaitMs = 5000;  // a server that never answers must not hold the exit
constexpr uint32_t kMaxPollMs = 200;          // signals are seen at least this often
constexpr uint32_t kSensorStepMs = 1000;
constexpr uint16_t kSensorInstance = 0;
constexpr uint16_t kSensorValueResource = 5700;  // IPSO Sensor Value

volatile std::sig_atomic_t g_stop_requested = 0;
void on_signal(int) { g_stop_requested = 1; }

enum class Level { kError, kWarning, kInfo, kDebug };
int g_verbosity = 0;

void log_line(Level level, const char* format, ...) __attribute__((format(printf, 2, 3)));
void log_line(Level level, const char* format, ...) {
  if (level == Level::kDebug && g_verbosity < 2) return;
  static const char* const kNames[] = {"error", "warning", "info", "debug"};
  std::fprintf(stderr, "lwm2m-client %s: ", kNames[static_cast<int>(level)]);
  va_list args;
  va_start(args, format);
  std::vfprintf(stderr, format, args);
  va_end(args);
  std::fputc('\n', stderr);
}

class SteadyClock final : public Clock {
 public:
  uint64_t now_ms() const override {
    return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                     std::chrono::steady_clock::now().time_since_epoch())
                                     .count());
  }
};

// Key material comes from the Security object itself (/0/x/3 identity, /0/x/5
// secret key), so what a Bootstrap-Server writes is used as well.
class SecurityObjectCredentials final : public transport::CredentialSource {
 public:
  explicit SecurityObjectCredentials(const Registry& registry) : registry_(registry) {}

  Status psk(uint16_t security_instance, transport::PskCredentials& out) override {
    const Object* security = registry_.find(0);
    if (security == nullptr) return Error::kNotFound;
    Value identity;
    Value key;
    LWM2M_TRY(security->read(Path(0, security_instance, 3), identity));
    LWM2M_TRY(security->read(Path(0, security_instance, 5), key));
    if (identity.type != DataType::kOpaque || key.type != DataType::kOpaque) return Error::kBadRequest;
    out.identity = identity.bytes;
    out.key = key.bytes;
    return kOk;
  }
  Status certificate(uint16_t, transport::CertificateCredentials&) override { return Error::kMethodNotAllowed; }

 private:
  const Registry& registry_;
};

Lwm2mVersion engine_version(client::Lwm2mVersion version) {
  switch (version) {
    case client::Lwm2mVersion::k1_0: return Lwm2mVersion::k1_0;
    case client::Lwm2mVersion::k1_1: return Lwm2mVersion::k1_1;
    case client::Lwm2mVersion::k1_2: break;
  }
  return Lwm2mVersion::k1_2;
}

bool is_secure_uri(const std::string& uri) { return uri.rfind("coaps", 0) == 0; }

// Security instance i and (for LwM2M Servers) Server instance i with Short
// Server ID i + 1, one per -u; with -b the first URI is the Bootstrap-Server.
bool add_accounts(const client::ClientOptions& options, objects::SecurityObject& security,
                  objects::ServerObject& server) {
  for (size_t i = 0; i < options.server_uris.size(); ++i) {
    const std::string& uri = options.server_uris[i];
    bool bootstrap = options.bootstrap && i == 0;
    auto instance = static_cast<uint16_t>(i);
    auto short_server_id = static_cast<uint16_t>(i + 1);
    objects::SecurityAccount account;
    account.server_uri = uri;
    account.bootstrap_server = bootstrap;
    account.short_server_id = bootstrap ? 0 : short_server_id;
    if (is_secure_uri(uri)) {
      if (options.psk_identity.empty() || options.psk_key.empty()) {
        log_line(Level::kError, "%s needs a PSK identity and key (-i, -k)", uri.c_str());
        return false;
      }
      account.mode = objects::SecurityMode::kPreSharedKey;
      account.public_key_or_identity = options.psk_identity;
      account.secret_key = options.psk_key;
    }
    if (Status s = security.add_account(instance, account); !s.ok()) {
      log_line(Level::kError, "Security instance for %s refused (error %d)", uri.c_str(), static_cast<int>(s.error()));
      return false;
    }
    if (bootstrap) continue;
    objects::ServerAccount server_account;
    server_account.short_server_id = short_server_id;
    server_account.lifetime = options.lifetime;
    if (Status s = server.add_server(instance, server_account); !s.ok()) {
      log_line(Level::kError, "Server instance for %s refused (error %d)", uri.c_str(), static_cast<int>(s.error()));
      return false;
    }
  }
  return true;
}

// Logs each session's state change; true when one became registered.
bool log_state_changes(const Client& client, std::vector<RegistrationState>& last) {
  const RegistrationClient& registration = client.registration();
  last.resize(registration.session_count(), RegistrationState::kIdle);
  bool registered = false;
  for (size_t i = 0; i < registration.session_count(); ++i) {
    const RegistrationSession& session = registration.session(i);
    if (session.state() == last[i]) continue;
    last[i] = session.state();
    registered = registered || session.state() == RegistrationState::kRegistered;
    log_line(Level::kInfo, "server %u (%.*s): %s", session.short_server_id(),
        static_cast<int>(session.account().uri().size()), session.account().uri().data(),
        registration_state_name(session.state()));
  }
  return registered;
}

constexpr uint16_t kSecurityObjectId = 0;
constexpr uint16_t kServerObjectId = 1;

std::vector<std::string> server_uris_of(const Object& security) {
  std::vector<std::string> uris;
  for (size_t i = 0; i < security.instance_count(); ++i) {
    Value uri;
    if (security.read(Path(kSecurityObjectId, security.instance_id(i), 0), uri).ok()) uris.emplace_back(uri.text());
  }
  return uris;
}

// The rule --help states: the saved Security and Server objects replace the
// accounts the flags made when every -u URI is among the saved Security
// instances' URIs (a Bootstrap-Server may have added more); otherwise, or when
// a file is missing or damaged, the flags' accounts stay and are saved over it.
void restore_state(const client::StateStore& store, const client::ClientOptions& options, Registry& registry) {
  // Check the files in scratch objects first, so a bad one changes nothing.
  objects::SecurityObject saved_security;
  objects::ServerObject saved_server;
  FixedRegistry<2> scratch;
  if (!scratch.add(saved_security).ok() || !scratch.add(saved_server).ok()) return;
  for (uint16_t object_id : {kSecurityObjectId, kServerObjectId}) {
    client::StoreResult loaded = store.load_object(scratch, object_id);
    if (loaded.kind == client::StoreResult::Kind::kAbsent) {
      log_line(Level::kInfo, "no saved state for object %u in %s: starting from the flags", object_id,
               options.state_dir.c_str());
      return;
    }
    if (!loaded.ok()) {
      log_line(Level::kError, "%s; starting from the flags", loaded.message.c_str());
      return;
    }
  }
  std::vector<std::string> saved_uris = server_uris_of(saved_security);
  for (const std::string& uri : options.server_uris) {
    if (std::find(saved_uris.begin(), saved_uris.end(), uri) == saved_uris.end()) {
      log_line(Level::kInfo, "saved state in %s has no account for %s: starting from the flags",
               options.state_dir.c_str(), uri.c_str());
      return;
    }
  }
  for (uint16_t object_id : {kSecurityObjectId, kServerObjectId}) {
    client::StoreResult loaded = store.load_object(registry, object_id);
    if (!loaded.ok()) {
      log_line(Level::kError, "%s", loaded.message.c_str());
      return;
    }
  }
  log_line(Level::kInfo, "restored Security and Server objects from %s", options.state_dir.c_str());
}

void save_state(const client::StateStore& store, const Registry& registry) {
  for (uint16_t object_id : {kSecurityObjectId, kServerObjectId}) {
    client::StoreResult saved = store.save_object(registry, object_id);
    if (!saved.ok()) log_line(Level::kError, "saving object %u: %s", object_id, saved.message.c_str());
  }
  log_line(Level::kDebug, "saved Security and Server objects");
}

// Passes requests on to the client and notes the successful ones that may
// have changed Security or Server: Write/Create/Delete under /0 or /1, a
// Bootstrap-Delete of "/", Bootstrap-Finish (/bs). Reads never count.
class AccountChangeWatcher final : public RequestHandler {
 public:
  explicit AccountChangeWatcher(Client& client) : client_(client) {}

  void on_request(ConnectionId from, const coap::Request& request, std::span<uint8_t> payload_buffer,
                  coap::Response& response) override {
    client_.on_request(from, request, payload_buffer, response);
    if (!coap::is_success(response.code)) return;
    if (request.method == coap::Method::kGet || request.method == coap::Method::kFetch) return;
    if (request.path.empty() || request.path[0] == "0" || request.path[0] == "1" || request.path[0] == "bs") {
      changed_ = true;
    }
  }
  void on_notification_reset(ConnectionId from, const coap::Token& token) override {
    client_.on_notification_reset(from, token);
  }

  // Whether something changed since the last call.
  bool take_changed() {
    bool changed = changed_;
    changed_ = false;
    return changed;
  }

 private:
  Client& client_;
  bool changed_ = false;
};

uint32_t poll_timeout(uint64_t now, uint64_t wakeup) {
  if (wakeup <= now) return 0;
  uint64_t wait = wakeup - now;
  return wait > kMaxPollMs ? kMaxPollMs : static_cast<uint32_t>(wait);
}

int run(const client::ClientOptions& options) {
  SteadyClock clock;
  FixedRegistry<8> registry;
  objects::SecurityObject security;
  objects::ServerObject server;
  client::HostDeviceInfo device_info;
  objects::DeviceObject device(&device_info);
  objects::SensorObject temperature(objects::kTemperatureObject);
  objects::SensorObject humidity(objects::kHumidityObject);
  objects::SensorObject barometer(objects::kBarometerObject);
  client::SimulatedSensors sensors(temperature, humidity, barometer, static_cast<uint64_t>(std::time(nullptr)));

  client::HostFacts facts = client::read_host_facts(kClientVersion);
  objects::DeviceIdentity identity = facts.identity();
  identity.supported_binding_and_modes = options.queue_mode ? "UQ" : "U";
  if (Status s = device.set_identity(identity); !s.ok()) log_line(Level::kWarning, "Device identity incomplete");
  if (!add_accounts(options, security, server)) return 1;
  if (Status s = sensors.add_instances(kSensorInstance); !s.ok()) log_line(Level::kWarning, "no simulated sensors");
  for (Object* object : {static_cast<Object*>(&security), static_cast<Object*>(&server), static_cast<Object*>(&device),
                         static_cast<Object*>(&temperature), static_cast<Object*>(&humidity),
                         static_cast<Object*>(&barometer)}) {
    if (!registry.add(*object).ok()) {
      log_line(Level::kError, "registry full");
      return 1;
    }
  }

  std::optional<client::StateStore> store;
  if (!options.state_dir.empty()) {
    store.emplace(options.state_dir);
    if (client::StoreResult opened = store->open(); !opened.ok()) {
      log_line(Level::kError, "--state-dir: %s", opened.message.c_str());
      return 1;
    }
    restore_state(*store, options, registry);
  }

  SecurityObjectCredentials credentials(registry);
  transport::LibcoapEndpoint endpoint(&credentials);
  if (options.verbosity > 0) {
    endpoint.set_log([](std::string_view line) {
      std::fprintf(stderr, "lwm2m-client coap: %.*s\n", static_cast<int>(line.size()), line.data());
    });
  }

  ClientOptions engine_options;
  engine_options.endpoint_name = options.endpoint;
  engine_options.version = engine_version(options.version);
  engine_options.queue_mode = options.queue_mode;
  Client client(registry, endpoint, clock, engine_options);
  server.set_actions(&client.server_actions());
  AccountChangeWatcher watcher(client);
  endpoint.set_request_handler(watcher);

  if (Status s = client.start(); !s.ok()) {
    log_line(Level::kError, "no usable server or bootstrap account (error %d)", static_cast<int>(s.error()));
    return 1;
  }
  log_line(Level::kInfo, "endpoint %s, %zu server URI(s)", options.endpoint.c_str(), options.server_uris.size());

  std::vector<RegistrationState> states;
  bool pending_save = false;
  uint64_t next_sensor_step = clock.now_ms() + kSensorStepMs;
  while (!g_stop_requested) {
    uint64_t now = clock.now_ms();
    uint64_t wakeup = std::min(client.next_wakeup_ms(), next_sensor_step);
    endpoint.poll(poll_timeout(now, wakeup));
    now = clock.now_ms();
    if (now >= next_sensor_step) {
      next_sensor_step = now + kSensorStepMs;
      if (sensors.step(kSensorStepMs / 1000.0).ok()) {
        for (uint16_t object : {objects::kTemperatureObject.id, objects::kHumidityObject.id,
                                objects::kBarometerObject.id}) {
          client.value_changed(Path(object, kSensorInstance, kSensorValueResource));
        }
      }
    }
    client.poll();
    bool registered = log_state_changes(client, states);
    bool changed = watcher.take_changed() || registered;
    // Mid-bootstrap the accounts are half-written: save once it finished.
    BootstrapState bootstrap = client.bootstrap().state();
    if (bootstrap == BootstrapState::kRequesting || bootstrap == BootstrapState::kBootstrapping) {
      pending_save = pending_save || changed;
    } else if (store && (changed || pending_save)) {
      save_state(*store, registry);
      pending_save = false;
    }
  }

  log_line(Level::kInfo, "stopping: De-register");
  client.stop();
  uint64_t deadline = clock.now_ms() + kDeregisterWaitMs;
  while (!client.stopped() && clock.now_ms() < deadline) {
    endpoint.poll(50);
    client.poll();
  }
  log_state_changes(client, states);
  if (!client.stopped()) log_line(Level::kWarning, "De-register not answered within %u ms", kDeregisterWaitMs);
  if (store) save_state(*store, registry);
  return 0;
}

}  // namespace

int main(int argc, char* argv[]) {
  client::ParsedOptions parsed = client::parse_options(argc, argv, client::host_endpoint_name());
  if (parsed.outcome == client::ParsedOptions::Outcome::kHelp) {
    std::fputs(client::usage_text(argv[0]).c_str(), stdout);
    return 0;
  }
  if (parsed.outcome == client::ParsedOptions::Outcome::kError) {
    std::fprintf(stderr, "lwm2m-client: %s\n", parsed.error.c_str());
    return parsed.exit_code();
  }
  if (parsed.options.server_uris.empty()) {
    std::fprintf(stderr, "lwm2m-client: no server URI (-u)\n");
    return 2;
  }
  g_verbosity = parsed.options.verbosity;

  struct sigaction action = {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  return run(parsed.options);
}
