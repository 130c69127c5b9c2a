#include "objects/security_object.h"

#include "objects/object_setup.h"

namespace lwm2m::objects {

namespace {
enum Resource : uint16_t {
  kServerUri = 0,
  kBootstrapServer = 1,
  kMode = 2,
  kPublicKeyOrIdentity = 3,
  kServerPublicKey = 4,
  kSecretKey = 5,
  kShortServerId = 10,
};
}  // namespace

Status SecurityObject::add_account(uint16_t instance, const SecurityAccount& account) {
  if (account.server_uri.size() > 255) return Error::kOutOfRange;  // the DDF's 0..255
  if (account.short_server_id > kMaxId) return Error::kOutOfRange;
  return create_filled(*this, instance, [&]() -> Status {
    LWM2M_TRY(set(instance, kServerUri, Value::of_string(account.server_uri)));
    LWM2M_TRY(set(instance, kBootstrapServer, Value::of_boolean(account.bootstrap_server)));
    LWM2M_TRY(set(instance, kMode, Value::of_integer(static_cast<int64_t>(account.mode))));
    LWM2M_TRY(set(instance, kPublicKeyOrIdentity, Value::of_opaque(account.public_key_or_identity)));
    LWM2M_TRY(set(instance, kServerPublicKey, Value::of_opaque(account.server_public_key)));
    LWM2M_TRY(set(instance, kSecretKey, Value::of_opaque(account.secret_key)));
    if (account.short_server_id != 0)
      LWM2M_TRY(set(instance, kShortServerId, Value::of_integer(account.short_server_id)));
    return kOk;
  });
}

}  // namespace lwm2m::objects
