#include "transport/server_address.h"

#include <netdb.h>
#include <sys/socket.h>

#include <cstring>
#include <string>

namespace lwm2m::transport {
namespace {

coap_proto_t protocol_for(coap_uri_scheme_t scheme) {
  switch (scheme) {
    case COAP_URI_SCHEME_COAP: return COAP_PROTO_UDP;
    case COAP_URI_SCHEME_COAPS: return COAP_PROTO_DTLS;
    case COAP_URI_SCHEME_COAP_TCP: return COAP_PROTO_TCP;
    case COAP_URI_SCHEME_COAPS_TCP: return COAP_PROTO_TLS;
    default: return COAP_PROTO_NONE;
  }
}

}  // namespace

Result<ServerAddress> resolve_server_uri(std::string_view uri) {
  // coap_split_uri may write into its input; give it a private copy.
  std::string text(uri);
  coap_uri_t parts{};
  if (coap_split_uri(reinterpret_cast<const uint8_t*>(text.data()), text.size(), &parts) != 0) {
    return Error::kMalformed;
  }
  ServerAddress result;
  result.protocol = protocol_for(parts.scheme);
  if (result.protocol == COAP_PROTO_NONE || parts.host.length == 0) return Error::kMalformed;

  std::string host(reinterpret_cast<const char*>(parts.host.s), parts.host.length);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  bool stream = result.protocol == COAP_PROTO_TCP || result.protocol == COAP_PROTO_TLS;
  hints.ai_socktype = stream ? SOCK_STREAM : SOCK_DGRAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), nullptr, &hints, &found) != 0 || found == nullptr) return Error::kNotFound;

  coap_address_init(&result.address);
  bool copied = false;
  for (addrinfo* entry = found; entry != nullptr && !copied; entry = entry->ai_next) {
    if ((entry->ai_family == AF_INET || entry->ai_family == AF_INET6) &&
        entry->ai_addrlen <= sizeof(result.address.addr)) {
      std::memcpy(&result.address.addr, entry->ai_addr, entry->ai_addrlen);
      result.address.size = entry->ai_addrlen;
      copied = true;
    }
  }
  freeaddrinfo(found);
  if (!copied) return Error::kNotFound;
  coap_address_set_port(&result.address, parts.port);
  return result;
}

}  // namespace lwm2m::transport
