// A UDP proxy for loopback tests that makes the network unreliable on
// purpose: it listens on 127.0.0.1:port(), forwards every datagram to
// 127.0.0.1:target_port and the answers back to the last peer that spoke to
// it, and on the way drops some datagrams, duplicates some and holds some
// back for a few milliseconds (so later ones overtake them). The choices come
// from a seeded RNG, so a run is repeatable as far as timing allows, and
// everything done is counted.
//
// A test can also inject datagrams towards the client, as if the server had
// sent them, and look at what the client sent back.
//
// Host test code: heap, std::string and threads are fine here.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <vector>

namespace lwm2m::test_support {

struct LossyUdpProxyConfig {
  uint16_t target_port = 0;   // the server side, on 127.0.0.1
  uint16_t listen_port = 0;   // 0: a free port (start again on port() to come back)
  double drop = 0.2;          // fraction of datagrams lost (either way)
  double duplicate = 0.05;    // fraction sent twice
  double reorder = 0.05;      // fraction held back by reorder_delay
  std::chrono::milliseconds reorder_delay{20};
  uint64_t seed = 1;
};

struct LossyUdpProxyCounts {
  uint64_t received = 0;    // datagrams that reached the proxy, both ways
  uint64_t forwarded = 0;   // copies sent on (duplicates included)
  uint64_t dropped = 0;
  uint64_t duplicated = 0;
  uint64_t reordered = 0;
};

class LossyUdpProxy {
 public:
  LossyUdpProxy() = default;
  ~LossyUdpProxy() { stop(); }
  LossyUdpProxy(const LossyUdpProxy&) = delete;
  LossyUdpProxy& operator=(const LossyUdpProxy&) = delete;

  // Binds 127.0.0.1 on a free port and starts the forwarding thread; false
  // with `error` set when a socket cannot be made.
  bool start(const LossyUdpProxyConfig& config, std::string* error = nullptr);
  // Stops the thread and closes the sockets; safe to call twice.
  void stop();
  uint16_t port() const { return port_; }
  std::string uri() const { return "coap://127.0.0.1:" + std::to_string(port_); }

  // 1.0 cuts the link (a network outage); 0.0 makes it perfect.
  void set_drop(double fraction) { drop_.store(fraction); }
  LossyUdpProxyCounts counts() const;

  // Sends `datagram` to the client (the last peer seen on the listening
  // side) from the proxy's port, unaltered; false when no client spoke yet.
  bool inject_to_client(std::span<const uint8_t> datagram);
  // Everything the client sent since start(), oldest first (at most the
  // last kKeptDatagrams).
  std::vector<std::vector<uint8_t>> from_client() const;
  static constexpr size_t kKeptDatagrams = 1024;

 private:
  struct Delayed {
    std::chrono::steady_clock::time_point due;
    bool to_server = false;
    std::vector<uint8_t> bytes;
  };

  void run();
  // Decides the fate of one datagram: drop, send, send twice or hold back.
  void pass_on(bool to_server, const uint8_t* data, size_t size);
  void send_now(bool to_server, const uint8_t* data, size_t size);
  double draw();

  LossyUdpProxyConfig config_;
  std::atomic<double> drop_{0.0};
  std::atomic<bool> running_{false};
  std::thread thread_;
  int client_side_ = -1;  // listening socket the client talks to
  int server_side_ = -1;  // socket that talks to the target
  uint16_t port_ = 0;

  mutable std::mutex mutex_;  // guards what follows
  bool have_client_ = false;
  std::vector<uint8_t> client_address_;  // a sockaddr_in, bytes
  LossyUdpProxyCounts counts_;
  std::vector<Delayed> delayed_;
  std::vector<std::vector<uint8_t>> from_client_;
  uint64_t rng_state_ = 0;
};

}  // namespace lwm2m::test_support
