// Client-initiated bootstrap (Core TS 1.2 §6.1.3, §6.1.5): after the Client
// Hold Off Time (/0/x/11) of the Bootstrap-Server account, send
//   POST /bs?ep=NAME[&pct=FORMAT]
// then accept the Bootstrap-Server's operations (BootstrapDispatcher) until
// Bootstrap-Finish, or fail when none arrives for `finish_timeout_s`. A
// Bootstrap-Request that fails is retried like a Register (retry timer
// doubled after each failure, `retry_count` attempts), then kFailed.
//
// Server-initiated bootstrap needs no request: the first operation from the
// Bootstrap-Server puts the client in kBootstrapping as well.
// After kFinished the engine starts RegistrationClient again.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "lwm2m/core/status.h"
#include "lwm2m/engine/endpoint.h"
#include "lwm2m/engine/registration_client.h"
#include "lwm2m/engine/server_accounts.h"
#include "lwm2m/model/registry.h"

namespace lwm2m {

enum class BootstrapState : uint8_t {
  kIdle,
  kHoldOff,        // waiting for the Client Hold Off Time
  kRequesting,     // Bootstrap-Request sent
  kBootstrapping,  // accepting operations until Bootstrap-Finish
  kFinished,
  kFailed,
};

const char* bootstrap_state_name(BootstrapState state);

struct BootstrapOptions {
  std::string_view endpoint_name;
  std::optional<uint16_t> preferred_format;  // "pct" (1.1 and later)
  uint32_t finish_timeout_s = 120;           // quiet time that ends an unfinished bootstrap
  uint32_t retry_count = 5;
  uint32_t retry_timer_s = 60;
};

// What BootstrapDispatcher tells the client about the Bootstrap-Server's requests.
class BootstrapEvents {
 public:
  virtual void on_bootstrap_operation() = 0;
  virtual void on_bootstrap_finished() = 0;

 protected:
  ~BootstrapEvents() = default;
};

class BootstrapClient final : public ResponseHandler, public BootstrapEvents {
 public:
  BootstrapClient(Endpoint& endpoint, const Clock& clock, const Registry& registry, const BootstrapOptions& options)
      : endpoint_(endpoint), clock_(clock), registry_(registry), options_(options) {}
  BootstrapClient(const BootstrapClient&) = delete;
  BootstrapClient& operator=(const BootstrapClient&) = delete;

  // Opens the Bootstrap-Server connection and schedules the request;
  // kNotFound when there is no Bootstrap-Server account.
  Status start();
  void poll();
  uint64_t next_wakeup_ms() const;

  BootstrapState state() const { return state_; }
  // The Bootstrap-Server connection (its Security instance).
  ConnectionId connection() const { return account_.security_instance; }

  void on_response(const coap::Response& response) override;
  void on_failure(Error error) override;
  void on_bootstrap_operation() override;
  void on_bootstrap_finished() override;

 private:
  void send_request(uint64_t now);
  void request_failed(uint64_t now);

  Endpoint& endpoint_;
  const Clock& clock_;
  const Registry& registry_;
  BootstrapOptions options_;
  ServerAccountConfig account_;
  BootstrapState state_ = BootstrapState::kIdle;
  uint64_t deadline_ms_ = kNever;
  uint32_t attempt_ = 0;
  bool pending_ = false;
  bool open_ = false;
  bool close_due_ = false;  // closed in poll(), after Bootstrap-Finish was answered
  char query_text_[160] = {};
  std::string_view queries_[2];
};

}  // namespace lwm2m
