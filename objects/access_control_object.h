// LwM2M Access Control object (2): which server may do what on which object
// instance (Core TS §7.3 of the Access Control object). Pure storage; the
// engine's access checks read it.
#pragma once

#include <cstdint>

#include "lwm2m/model/stored_object.h"
#include "objects/definitions/access_control.h"

namespace lwm2m::objects {

// ACL bits (/2/x/2/ssid).
enum AccessRight : int64_t { kAclRead = 1, kAclWrite = 2, kAclExecute = 4, kAclDelete = 8, kAclCreate = 16 };

// Pools: 8 instances (one per controlled object instance), 40 values in all:
// the 3 mandatory values of each plus ACL entries for two servers on most.
class AccessControlObject final : public StoredObject<8, 40, 1> {
 public:
  AccessControlObject() : StoredObject(kAccessControlObject) {}

  // Creates an instance controlling /object_id/object_instance, owned by the
  // server `owner` (a Short Server ID, or 65535 for the bootstrap server).
  Status add_control(uint16_t instance, uint16_t object_id, uint16_t object_instance, uint16_t owner);
  // Grants `rights` (AccessRight bits, 0..31) to the server `short_server_id`
  // (0 is the default for servers without an entry).
  Status set_acl(uint16_t instance, uint16_t short_server_id, int64_t rights);
};

}  // namespace lwm2m::objects
