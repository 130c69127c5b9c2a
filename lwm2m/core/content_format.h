// CoAP Content-Format numbers used by LwM2M (Core TS §7.1, IANA registry).
#pragma once

#include <cstdint>

namespace lwm2m {

enum class ContentFormat : uint16_t {
  kTextPlain = 0,
  kLinkFormat = 40,
  kOpaque = 42,
  kCbor = 60,
  kSenmlJson = 110,
  kSenmlCbor = 112,
  kTlv = 11542,
  kOmaJson = 11543,
  kLwm2mCbor = 11544,
  // Pre-registration numbers some 1.0-era servers still send (INTEROP-NOTES).
  kLegacyTlv = 1542,
  kLegacyJson = 1543,
};

}  // namespace lwm2m
