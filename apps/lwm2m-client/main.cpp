// lwm2m-client: the LwM2M 1.2 client on a Linux host. It builds the standard
// objects from the command line (Security and Server per -u, Device from the
// host, a simulated temperature sensor), talks CoAP through libcoap and runs
// until SIGINT/SIGTERM, when it de-registers (bounded wait) and exits 0.
//
// Host program: heap, std::string and stdio are fine here.
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "apps/lwm2m-client/host_device_info.h"
#include "apps/lwm2m-client/options.h"
#include "apps/lwm2m-client/simulated_sensors.h"
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

void log_state_changes(const Client& client, std::vector<RegistrationState>& last) {
  const RegistrationClient& registration = client.registration();
  last.resize(registration.session_count(), RegistrationState::kIdle);
  for (size_t i = 0; i < registration.session_count(); ++i) {
    const RegistrationSession& session = registration.session(i);
    if (session.state() == last[i]) continue;
    last[i] = session.state();
    log_line(Level::kInfo, "server %u (%.*s): %s", session.short_server_id(),
        static_cast<int>(session.account().uri().size()), session.account().uri().data(),
        registration_state_name(session.state()));
  }
}

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
  endpoint.set_request_handler(client);

  if (Status s = client.start(); !s.ok()) {
    log_line(Level::kError, "no usable server or bootstrap account (error %d)", static_cast<int>(s.error()));
    return 1;
  }
  log_line(Level::kInfo, "endpoint %s, %zu server URI(s)", options.endpoint.c_str(), options.server_uris.size());

  std::vector<RegistrationState> states;
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
    log_state_changes(client, states);
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
