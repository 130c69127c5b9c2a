// LwM2M Security object (0): the address and credentials of the bootstrap
// server and of each LwM2M server. Pure storage, written by the application
// at start-up or by the bootstrap server; never readable by a LwM2M server.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "lwm2m/model/stored_object.h"
#include "objects/definitions/security.h"

namespace lwm2m::objects {

// Security Mode (/0/x/2).
enum class SecurityMode : uint8_t { kPreSharedKey = 0, kRawPublicKey = 1, kCertificate = 2, kNoSec = 3, kCertificateWithEst = 4 };

struct SecurityAccount {
  std::string_view server_uri;            // e.g. "coaps://lwm2m.example.org:5684"
  bool bootstrap_server = false;
  SecurityMode mode = SecurityMode::kNoSec;
  std::span<const uint8_t> public_key_or_identity;  // PSK identity, RPK or certificate
  std::span<const uint8_t> server_public_key;
  std::span<const uint8_t> secret_key;    // a PSA key id's bytes, or the key itself on hosts without PSA
  uint16_t short_server_id = 0;           // 1..65534; 0 leaves it out (bootstrap server)
};

// Pools: 3 instances (the bootstrap server and two LwM2M servers), 16 values
// each for the mandatory resources and a few optional ones, and 2 KiB of
// URIs and key material (room for one X.509 certificate of about 1 KiB or
// several PSK/RPK accounts).
class SecurityObject final : public StoredObject<3, 48, 2048> {
 public:
  SecurityObject() : StoredObject(kSecurityObject) {}

  // Creates an instance holding every mandatory resource; all or nothing.
  Status add_account(uint16_t instance, const SecurityAccount& account);
};

}  // namespace lwm2m::objects
