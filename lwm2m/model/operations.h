// The object-level operations of the Device Management interface (Core TS
// 1.2 §6.3) over a Registry: the engine parses the request and picks the
// content format, these do the work. A failed Write, Write-Composite or
// Create changes nothing: every record is decoded and checked before any is
// applied.
#pragma once

#include <cstdint>
#include <span>

#include "lwm2m/core/path.h"
#include "lwm2m/core/record.h"
#include "lwm2m/core/status.h"
#include "lwm2m/model/registry.h"

namespace lwm2m {

// Reads everything readable at or below `path` (object, instance, resource
// or resource instance) into the encoder, in ascending path order, between
// encoder.begin(path) and the caller's finish(). Addressing a resource that
// is not readable answers kMethodNotAllowed; a missing target kNotFound.
Status read(const Registry& registry, const Path& path, RecordEncoder& encoder);

// Appends the records at or below `path` to an encoder that has begun
// already; used for Read-Composite, one requested path after another.
Status read_into(const Registry& registry, const Path& path, RecordEncoder& encoder);

enum class WriteMode : uint8_t {
  kReplace,        // CoAP PUT: the target's contents become the payload's
  kPartialUpdate,  // CoAP POST: only the given values change
};

// Write (Core TS §6.3.3) on /o/i, /o/i/r or /o/i/r/ri. `scratch` holds
// converted values that need room (base64-decoded opaque in text/plain).
// Replace on an instance clears the writable optional resources the payload
// leaves out; Replace on a multiple resource drops its old instances.
Status write(Registry& registry, const Path& path, WriteMode mode, RecordDecoder& decoder,
             std::span<uint8_t> scratch);

// Write-Composite (§6.3.7): every record is a partial update of its own path.
Status write_composite(Registry& registry, RecordDecoder& decoder, std::span<uint8_t> scratch);

// Execute (§6.3.5) of /o/i/r with the raw argument string.
Status execute(Registry& registry, const Path& path, std::span<const uint8_t> arguments);

// Create (§6.3.6) of instance `instance` of `object` with the payload's
// values (the decoder yields paths below /object/instance). Mandatory
// writable resources must be given. On any failure the instance is removed.
Status create(Registry& registry, uint16_t object, uint16_t instance, RecordDecoder& decoder,
              std::span<uint8_t> scratch);

// Delete (§6.3.8) of /o/i.
Status remove(Registry& registry, const Path& path);

}  // namespace lwm2m
