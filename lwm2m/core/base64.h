// Base64 (RFC 4648 §4), used for opaque values in text/plain and JSON formats.
#pragma once

#include <cstdint>
#include <span>

#include "lwm2m/core/status.h"

namespace lwm2m {

constexpr size_t base64_encoded_size(size_t n) { return (n + 2) / 3 * 4; }

// Padded output. Returns chars written.
Result<size_t> base64_encode(std::span<const uint8_t> in, std::span<char> out);
// Accepts padded input, and unpadded input when `allow_unpadded` (SenML "vd"
// uses base64url without padding, RFC 8428 §4.3). `url` selects the alphabet.
Result<size_t> base64_decode(std::span<const uint8_t> in, std::span<uint8_t> out, bool url = false,
                             bool allow_unpadded = false);

}  // namespace lwm2m
