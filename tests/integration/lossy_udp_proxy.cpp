#include "tests/integration/lossy_udp_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

namespace lwm2m::test_support {
namespace {

using SteadyClock = std::chrono::steady_clock;
constexpr int kIdlePollMs = 20;  // how soon stop() is noticed
constexpr size_t kMaxDatagram = 65536;

sockaddr_in loopback(uint16_t port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

int bound_socket(uint16_t port, std::string* error) {
  int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    if (error) *error = std::string("socket: ") + std::strerror(errno);
    return -1;
  }
  sockaddr_in address = loopback(port);
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    if (error) *error = std::string("bind: ") + std::strerror(errno);
    close(fd);
    return -1;
  }
  return fd;
}

uint16_t local_port(int fd) {
  sockaddr_in address{};
  socklen_t length = sizeof(address);
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) return 0;
  return ntohs(address.sin_port);
}

}  // namespace

bool LossyUdpProxy::start(const LossyUdpProxyConfig& config, std::string* error) {
  stop();
  config_ = config;
  drop_.store(config.drop);
  rng_state_ = config.seed;
  counts_ = {};
  delayed_.clear();
  from_client_.clear();
  have_client_ = false;
  client_side_ = bound_socket(config.listen_port, error);
  if (client_side_ < 0) return false;
  server_side_ = bound_socket(0, error);
  if (server_side_ < 0) {
    close(client_side_);
    client_side_ = -1;
    return false;
  }
  port_ = local_port(client_side_);
  running_.store(true);
  thread_ = std::thread([this] { run(); });
  return true;
}

void LossyUdpProxy::stop() {
  if (thread_.joinable()) {
    running_.store(false);
    thread_.join();
  }
  for (int* fd : {&client_side_, &server_side_}) {
    if (*fd >= 0) close(*fd);
    *fd = -1;
  }
}

LossyUdpProxyCounts LossyUdpProxy::counts() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return counts_;
}

std::vector<std::vector<uint8_t>> LossyUdpProxy::from_client() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return from_client_;
}

bool LossyUdpProxy::inject_to_client(std::span<const uint8_t> datagram) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!have_client_ || client_side_ < 0) return false;
  ssize_t sent = sendto(client_side_, datagram.data(), datagram.size(), 0,
                        reinterpret_cast<const sockaddr*>(client_address_.data()),
                        static_cast<socklen_t>(client_address_.size()));
  return sent == static_cast<ssize_t>(datagram.size());
}

// splitmix64: small, seedable and the same on every platform.
double LossyUdpProxy::draw() {
  uint64_t z = (rng_state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) / static_cast<double>(1ULL << 53);
}

// Needs mutex_ held.
void LossyUdpProxy::send_now(bool to_server, const uint8_t* data, size_t size) {
  if (to_server) {
    sockaddr_in target = loopback(config_.target_port);
    (void)sendto(server_side_, data, size, 0, reinterpret_cast<const sockaddr*>(&target), sizeof(target));
  } else {
    if (!have_client_) return;
    (void)sendto(client_side_, data, size, 0, reinterpret_cast<const sockaddr*>(client_address_.data()),
                 static_cast<socklen_t>(client_address_.size()));
  }
  ++counts_.forwarded;
}

// Needs mutex_ held.
void LossyUdpProxy::pass_on(bool to_server, const uint8_t* data, size_t size) {
  ++counts_.received;
  // One draw per decision, always all three, so the sequence of choices does
  // not depend on earlier outcomes.
  double lose = draw();
  double twice = draw();
  double late = draw();
  if (lose < drop_.load()) {
    ++counts_.dropped;
    return;
  }
  int copies = twice < config_.duplicate ? 2 : 1;
  if (copies == 2) ++counts_.duplicated;
  if (late < config_.reorder) {
    ++counts_.reordered;
    for (int i = 0; i < copies; ++i) {
      delayed_.push_back({SteadyClock::now() + config_.reorder_delay, to_server, {data, data + size}});
    }
    return;
  }
  for (int i = 0; i < copies; ++i) send_now(to_server, data, size);
}

void LossyUdpProxy::run() {
  std::vector<uint8_t> buffer(kMaxDatagram);
  while (running_.load()) {
    int timeout = kIdlePollMs;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto now = SteadyClock::now();
      // Send what is due, in the order it was held back.
      auto due = std::stable_partition(delayed_.begin(), delayed_.end(),
                                       [&](const Delayed& d) { return d.due <= now; });
      for (auto it = delayed_.begin(); it != due; ++it) send_now(it->to_server, it->bytes.data(), it->bytes.size());
      delayed_.erase(delayed_.begin(), due);
      for (const Delayed& d : delayed_) {
        auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(d.due - now).count();
        timeout = std::min(timeout, static_cast<int>(std::max<long long>(wait, 0)));
      }
    }
    pollfd fds[2] = {{client_side_, POLLIN, 0}, {server_side_, POLLIN, 0}};
    if (poll(fds, 2, timeout) <= 0) continue;
    for (int side = 0; side < 2; ++side) {
      if ((fds[side].revents & POLLIN) == 0) continue;
      sockaddr_in from{};
      socklen_t from_length = sizeof(from);
      ssize_t got = recvfrom(fds[side].fd, buffer.data(), buffer.size(), 0, reinterpret_cast<sockaddr*>(&from),
                             &from_length);
      if (got < 0) continue;  // e.g. ECONNREFUSED after an ICMP error: the next one may pass
      std::lock_guard<std::mutex> lock(mutex_);
      auto size = static_cast<size_t>(got);
      bool to_server = side == 0;
      if (to_server) {
        const auto* bytes = reinterpret_cast<const uint8_t*>(&from);
        client_address_.assign(bytes, bytes + from_length);
        have_client_ = true;
        if (from_client_.size() == kKeptDatagrams) from_client_.erase(from_client_.begin());
        from_client_.emplace_back(buffer.begin(), buffer.begin() + got);
      }
      pass_on(to_server, buffer.data(), size);
    }
  }
}

}  // namespace lwm2m::test_support
