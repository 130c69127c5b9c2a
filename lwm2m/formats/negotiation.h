// Which content format answers a request, and which a request may carry
// (Core TS 1.2 §7.1 and §7.3: format by target and operation; Accept
// handling with 4.06 Not Acceptable; 4.15 Unsupported Content-Format).
#pragma once

#include <cstdint>
#include <optional>

#include "lwm2m/core/content_format.h"
#include "lwm2m/core/path.h"
#include "lwm2m/core/status.h"
#include "lwm2m/core/value.h"
#include "lwm2m/core/version.h"

namespace lwm2m {

enum class Operation : uint8_t {
  kRead,            // Read, Observe, notifications
  kWrite,           // Write, Create, Bootstrap-Write
  kReadComposite,   // Read-Composite and Observe-Composite answers, Send
  kWriteComposite,  // Write-Composite payload
  kCompositeRequest,  // the list of paths in a FETCH (Read-/Observe-Composite)
  kDiscover,
};

// What the negotiation needs to know of the target resource, if the path
// names one: single values can travel as text/plain, opaque ones as opaque.
struct FormatTarget {
  Path path;
  bool multiple_resource = false;  // the path names a multiple resource (not one of its instances)
  DataType type = DataType::kNone; // the resource's type when the path names a resource
};

// Maps the numbers 1542/1543 of 1.0-era servers to TLV and OMA JSON;
// other numbers come back unchanged (or nullopt when unknown).
std::optional<ContentFormat> content_format_from_number(uint16_t number);

// Whether `format` can carry `operation` on `target` under `version`.
bool format_allowed(ContentFormat format, Operation operation, const FormatTarget& target, Lwm2mVersion version);

// The format of the answer: the Accept option's if given (kNotAcceptable
// when the client cannot use it there), else `preferred` when allowed, else
// the best the target permits (text/plain or opaque for a single value, TLV
// under 1.0, SenML CBOR after).
Result<ContentFormat> choose_response_format(std::optional<uint16_t> accept, Operation operation,
                                             const FormatTarget& target, Lwm2mVersion version,
                                             ContentFormat preferred);

// Checks the Content-Format of a request payload: kUnsupportedFormat when
// the client cannot decode it for this target.
Result<ContentFormat> check_request_format(uint16_t content_format, Operation operation,
                                           const FormatTarget& target, Lwm2mVersion version);

}  // namespace lwm2m
