#include "coap_server_process.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <random>
#include <thread>

namespace lwm2m::transport::testing {
namespace {

// True when a socket of `type` can be bound to address:port.
bool can_bind(const std::string& address, uint16_t port, int type) {
  bool v6 = address.find(':') != std::string::npos;
  int fd = socket(v6 ? AF_INET6 : AF_INET, type, 0);
  if (fd < 0) return false;
  bool ok = false;
  if (v6) {
    sockaddr_in6 a{};
    a.sin6_family = AF_INET6;
    a.sin6_port = htons(port);
    inet_pton(AF_INET6, address.c_str(), &a.sin6_addr);
    ok = bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a)) == 0;
  } else {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    inet_pton(AF_INET, address.c_str(), &a.sin_addr);
    ok = bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a)) == 0;
  }
  ::close(fd);
  return ok;
}

bool pair_free(const std::string& address, uint16_t port) {
  for (uint16_t p : {port, static_cast<uint16_t>(port + 1)}) {
    if (!can_bind(address, p, SOCK_DGRAM) || !can_bind(address, p, SOCK_STREAM)) return false;
  }
  return true;
}

}  // namespace

uint16_t free_port_pair(const std::string& address) {
  std::random_device seed;
  std::mt19937 random(seed());
  std::uniform_int_distribution<int> pick(20000, 59999);
  for (int attempt = 0; attempt < 200; ++attempt) {
    auto port = static_cast<uint16_t>(pick(random));
    if (pair_free(address, port)) return port;
  }
  return 0;
}

CoapServerProcess::CoapServerProcess(const std::string& address, std::vector<std::string> extra_arguments)
    : address_(address), port_(free_port_pair(address)) {
  if (port_ == 0) return;
  std::vector<std::string> arguments = {"coap-server-gnutls", "-A", address, "-p", std::to_string(port_), "-v", "0"};
  arguments.insert(arguments.end(), extra_arguments.begin(), extra_arguments.end());
  pid_ = fork();
  if (pid_ == 0) {
    std::vector<char*> argv;
    for (std::string& a : arguments) argv.push_back(a.data());
    argv.push_back(nullptr);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  if (pid_ < 0) return;
  // Ready once its UDP port is taken (TCP is bound in the same start-up).
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (std::chrono::steady_clock::now() < deadline) {
    if (!can_bind(address_, port_, SOCK_DGRAM) && !can_bind(address_, port_, SOCK_STREAM)) {
      started_ = true;
      return;
    }
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
      pid_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

CoapServerProcess::~CoapServerProcess() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  while (std::chrono::steady_clock::now() < deadline) {
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
}

std::string CoapServerProcess::uri(const std::string& scheme) const {
  bool secure = scheme == "coaps" || scheme == "coaps+tcp";
  std::string host = address_.find(':') != std::string::npos ? "[" + address_ + "]" : address_;
  return scheme + "://" + host + ":" + std::to_string(secure ? port_ + 1 : port_);
}

}  // namespace lwm2m::transport::testing
