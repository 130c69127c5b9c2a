// Access control for LwM2M Servers through the Access Control object (2)
// (Core TS 1.2 §7.3 "Access Control", and the object's definition): applied
// only when the client has more than one LwM2M Server; with one server, that
// server has every right (the caller decides by not calling).
//
// Rules, for an operation on /o/i (or Create on /o):
//   - the Access Control instance that governs /o/i is the one whose Object ID
//     (/2/x/0) is o and Object Instance ID (/2/x/1) is i; Create on /o is
//     governed by the instance whose Object Instance ID is 65535;
//   - no governing instance: no right at all (4.01 Unauthorized);
//   - the Access Control Owner (/2/x/3) has full rights on it;
//   - otherwise the ACL (/2/x/2) entry whose instance id is the Short Server
//     ID gives the rights, and failing that the default entry /2/x/2/0;
//     no entry: no right.
//   ACL bits: Read 1 (also Observe, Discover, Write-Attributes), Write 2,
//   Execute 4, Delete 8, Create 16.
// The Access Control object itself: any server may read it, only an
// instance's owner may write it, and only the Bootstrap-Server creates or
// deletes its instances.
#pragma once

#include <cstdint>

#include "lwm2m/core/path.h"
#include "lwm2m/core/status.h"
#include "lwm2m/model/registry.h"

namespace lwm2m {

inline constexpr uint16_t kAccessControlObjectId = 2;

enum class AccessOperation : uint8_t { kRead, kWrite, kExecute, kDelete, kCreate };

// kOk when server `short_server_id` may perform `operation` on `path`, else
// kUnauthorized. The Access Control object is looked up in `registry`
// (absent: nothing is granted). Object-level Read (/o) is granted here: the
// caller filters the instances one by one. The root is never granted.
Status check_access(const Registry& registry, uint16_t short_server_id, AccessOperation operation,
                    const Path& path);

}  // namespace lwm2m
