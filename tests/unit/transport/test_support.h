// Helpers shared by the transport tests: a response recorder, fixed PSK
// credentials and a bounded wait loop.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "transport/libcoap_endpoint.h"

namespace lwm2m::transport::testing {

inline std::span<const uint8_t> bytes_of(std::string_view text) {
  return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}

class RecordingResponse : public ResponseHandler {
 public:
  void on_response(const coap::Response& response) override {
    done = true;
    code = response.code;
    content_format = response.content_format;
    payload.assign(response.payload.begin(), response.payload.end());
    for (std::string_view segment : response.location_path) location_path.emplace_back(segment);
  }
  void on_failure(Error e) override {
    done = true;
    error = e;
  }
  std::string payload_text() const { return {payload.begin(), payload.end()}; }

  bool done = false;
  uint8_t code = 0;
  Error error = Error::kOk;
  std::optional<uint16_t> content_format;
  std::vector<uint8_t> payload;
  std::vector<std::string> location_path;
};

class FixedCredentials : public CredentialSource {
 public:
  FixedCredentials(std::string identity, std::string key) : identity_(std::move(identity)), key_(std::move(key)) {}
  Status psk(uint16_t, PskCredentials& out) override {
    out.identity = bytes_of(identity_);
    out.key = bytes_of(key_);
    return kOk;
  }
  Status certificate(uint16_t, CertificateCredentials&) override { return Error::kNotFound; }

 private:
  std::string identity_;
  std::string key_;
};

// Polls `step` until `done` or the deadline; false on timeout.
inline bool run_until(const std::function<void()>& step, const std::function<bool()>& done, int timeout_ms = 5000) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    step();
  }
  return true;
}

inline bool run_until(LibcoapEndpoint& endpoint, const std::function<bool()>& done, int timeout_ms = 5000) {
  return run_until([&] { endpoint.poll(20); }, done, timeout_ms);
}

}  // namespace lwm2m::transport::testing
