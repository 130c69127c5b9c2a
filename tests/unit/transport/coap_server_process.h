// Runs libcoap's coap-server-gnutls as a child process on a free loopback
// port for the duration of a test, and stops it afterwards.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace lwm2m::transport::testing {

// A port whose UDP and TCP sockets, and those of port+1 (where coap-server
// puts DTLS and TLS), can be bound on `address` right now.
uint16_t free_port_pair(const std::string& address);

class CoapServerProcess {
 public:
  // `extra_arguments` e.g. {"-k", "secret"}. Waits (bounded) until the
  // server has bound its port; started() tells whether it did.
  CoapServerProcess(const std::string& address, std::vector<std::string> extra_arguments);
  ~CoapServerProcess();
  CoapServerProcess(const CoapServerProcess&) = delete;
  CoapServerProcess& operator=(const CoapServerProcess&) = delete;

  bool started() const { return started_; }
  uint16_t port() const { return port_; }
  // "coap://127.0.0.1:P", "coaps://[::1]:P+1", ...
  std::string uri(const std::string& scheme) const;

 private:
  std::string address_;
  uint16_t port_ = 0;
  pid_t pid_ = -1;
  bool started_ = false;
};

}  // namespace lwm2m::transport::testing
