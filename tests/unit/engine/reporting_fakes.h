// Test doubles for the Information Reporting tests: an Endpoint that records
// what the engine sends, a settable Clock, and a fixed server-to-connection map.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lwm2m/engine/endpoint.h"
#include "lwm2m/engine/observation_manager.h"

namespace lwm2m::test {

struct SentNotification {
  ConnectionId server = 0;
  coap::Token token;
  uint8_t code = 0;
  std::optional<uint16_t> content_format;
  std::optional<uint32_t> observe;
  bool confirmable = false;
  std::vector<uint8_t> payload;
  std::string text() const { return std::string(payload.begin(), payload.end()); }
};

struct SentRequest {
  ConnectionId server = 0;
  coap::Method method = coap::Method::kGet;
  std::vector<std::string> path;
  std::optional<uint16_t> content_format;
  bool confirmable = false;
  std::vector<uint8_t> payload;
  ResponseHandler* handler = nullptr;
};

class FakeEndpoint final : public Endpoint {
 public:
  Status open(ConnectionId, const ConnectionSettings&) override { return kOk; }
  void close(ConnectionId) override {}
  Status request(ConnectionId id, const coap::Request& request, ResponseHandler& handler) override {
    if (refuse) return Error::kUnreachable;
    SentRequest sent;
    sent.server = id;
    sent.method = request.method;
    for (std::string_view segment : request.path) sent.path.emplace_back(segment);
    sent.content_format = request.content_format;
    sent.confirmable = request.confirmable;
    sent.payload.assign(request.payload.begin(), request.payload.end());
    sent.handler = &handler;
    requests.push_back(sent);
    return kOk;
  }
  Status notify(ConnectionId id, const coap::Token& token, const coap::Response& notification,
                bool confirmable) override {
    if (refuse) return Error::kUnreachable;
    SentNotification sent;
    sent.server = id;
    sent.token = token;
    sent.code = notification.code;
    sent.content_format = notification.content_format;
    sent.observe = notification.observe;
    sent.confirmable = confirmable;
    sent.payload.assign(notification.payload.begin(), notification.payload.end());
    notifications.push_back(sent);
    return kOk;
  }

  bool refuse = false;
  std::vector<SentNotification> notifications;
  std::vector<SentRequest> requests;
};

class FakeClock final : public Clock {
 public:
  uint64_t now_ms() const override { return now; }
  uint64_t now = 0;
};

class FakeConnections final : public ServerConnections {
 public:
  std::optional<ConnectionId> connection_of(uint16_t short_server_id) const override {
    auto it = map.find(short_server_id);
    if (it == map.end()) return std::nullopt;
    return it->second;
  }
  std::map<uint16_t, ConnectionId> map;
};

inline coap::Token token_of(uint32_t n) {
  coap::Token t;
  t.size = 4;
  for (int i = 0; i < 4; ++i) t.bytes[i] = static_cast<uint8_t>(n >> (8 * i));
  return t;
}

}  // namespace lwm2m::test
