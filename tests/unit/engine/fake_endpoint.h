// Test doubles for the engine's ports: an Endpoint that records every request
// and lets the test answer it later, and a Clock the test moves by hand.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "lwm2m/engine/endpoint.h"

namespace lwm2m::test {

class FakeClock final : public Clock {
 public:
  uint64_t now_ms() const override { return now; }
  void advance_s(uint64_t s) { now += s * 1000; }
  uint64_t now = 1000;  // not zero, so "at zero" bugs show
};

struct SentRequest {
  ConnectionId connection = 0;
  coap::Method method = coap::Method::kGet;
  std::string path;                 // "/rd/5a3f"
  std::vector<std::string> query;   // in order
  std::optional<uint16_t> content_format;
  std::string payload;
  uint64_t sent_at_ms = 0;
  ResponseHandler* handler = nullptr;
  bool answered = false;
};

class FakeEndpoint final : public Endpoint {
 public:
  explicit FakeEndpoint(const FakeClock& clock) : clock_(clock) {}

  Status open(ConnectionId id, const ConnectionSettings& settings) override {
    opened.push_back({id, std::string(settings.uri)});
    return open_result;
  }
  void close(ConnectionId id) override { closed.push_back(id); }
  Status request(ConnectionId id, const coap::Request& request, ResponseHandler& handler) override {
    SentRequest sent;
    sent.connection = id;
    sent.method = request.method;
    for (std::string_view segment : request.path) sent.path += "/" + std::string(segment);
    for (std::string_view q : request.query) sent.query.emplace_back(q);
    sent.content_format = request.content_format;
    sent.payload.assign(request.payload.begin(), request.payload.end());
    sent.sent_at_ms = clock_.now_ms();
    sent.handler = &handler;
    requests.push_back(sent);
    return kOk;
  }
  Status notify(ConnectionId, const coap::Token&, const coap::Response&, bool) override { return kOk; }

  // Answers the oldest unanswered request (or request `index`).
  void respond(uint8_t code, std::vector<std::string> location = {}, int index = -1) {
    SentRequest& r = pick(index);
    std::vector<std::string_view> views(location.begin(), location.end());
    coap::Response response;
    response.code = code;
    response.location_path = views;
    r.answered = true;
    r.handler->on_response(response);
  }
  void fail(Error error = Error::kTimeout, int index = -1) {
    SentRequest& r = pick(index);
    r.answered = true;
    r.handler->on_failure(error);
  }
  size_t unanswered() const {
    size_t n = 0;
    for (const SentRequest& r : requests) n += r.answered ? 0 : 1;
    return n;
  }
  const SentRequest& last() const { return requests.back(); }

  struct Opened {
    ConnectionId id;
    std::string uri;
  };
  std::vector<SentRequest> requests;
  std::vector<Opened> opened;
  std::vector<ConnectionId> closed;
  Status open_result = kOk;

 private:
  SentRequest& pick(int index) {
    if (index >= 0) return requests.at(static_cast<size_t>(index));
    for (SentRequest& r : requests)
      if (!r.answered) return r;
    return requests.at(requests.size());  // throws in tests: nothing to answer
  }
  const FakeClock& clock_;
};

}  // namespace lwm2m::test
