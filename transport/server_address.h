// Turns an LwM2M Server URI (coap://, coaps://, coap+tcp://, coaps+tcp://)
// into the libcoap protocol and a resolved socket address.
#pragma once

#include <coap3/coap.h>

#include <string_view>

#include "lwm2m/core/status.h"

namespace lwm2m::transport {

struct ServerAddress {
  coap_proto_t protocol = COAP_PROTO_NONE;
  coap_address_t address{};
  bool secure() const { return protocol == COAP_PROTO_DTLS || protocol == COAP_PROTO_TLS; }
};

// Host names go through getaddrinfo (libcoap 4.3.1 has no resolver helper);
// IPv4 and IPv6 literals ("[::1]") resolve without a lookup.
Result<ServerAddress> resolve_server_uri(std::string_view uri);

}  // namespace lwm2m::transport
