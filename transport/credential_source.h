// Where the libcoap endpoint gets key material for a secured connection.
// The engine only names the Security instance; the holder of the keys (the
// PSA secure side, or a test) answers here. Returned spans need only stay
// valid until the call that asked for them returns: the endpoint copies them.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "lwm2m/core/status.h"

namespace lwm2m::transport {

// DTLS/TLS pre-shared key (Security /0/x/3 identity, /0/x/5 secret key).
struct PskCredentials {
  std::span<const uint8_t> identity;
  std::span<const uint8_t> key;
};

// Certificate or raw public key material, given either as file paths or as
// in-memory PEM or DER buffers (one encoding for all three items).
struct CertificateCredentials {
  enum class Encoding : uint8_t { kPemFiles, kPemBuffers, kDerBuffers };
  Encoding encoding = Encoding::kPemBuffers;
  // kPemFiles: paths.
  std::string_view certificate_file;
  std::string_view private_key_file;
  std::string_view trust_anchor_file;  // may be empty: then the peer is not verified against a CA
  // kPemBuffers / kDerBuffers: contents.
  std::span<const uint8_t> certificate;  // the public key itself for raw public keys
  std::span<const uint8_t> private_key;
  std::span<const uint8_t> trust_anchor;  // may be empty
};

class CredentialSource {
 public:
  virtual Status psk(uint16_t security_instance, PskCredentials& out) = 0;
  // For SecurityMode::kCertificate and kRawPublicKey.
  virtual Status certificate(uint16_t security_instance, CertificateCredentials& out) = 0;

 protected:
  ~CredentialSource() = default;
};

}  // namespace lwm2m::transport
