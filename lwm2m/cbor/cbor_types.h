// Shared vocabulary of the CBOR writer and reader (RFC 8949 §3).
#pragma once

#include <cstdint>

namespace lwm2m::cbor {

enum class MajorType : uint8_t {
  kUnsigned = 0,
  kNegative = 1,
  kBytes = 2,
  kText = 3,
  kArray = 4,
  kMap = 5,
  kTag = 6,
  kSimple = 7,  // simple values, floats and the break code
};

// Additional-information values with a fixed meaning (RFC 8949 §3).
inline constexpr uint8_t kInfoOneByte = 24;
inline constexpr uint8_t kInfoTwoBytes = 25;
inline constexpr uint8_t kInfoFourBytes = 26;
inline constexpr uint8_t kInfoEightBytes = 27;
inline constexpr uint8_t kInfoIndefinite = 31;

inline constexpr uint8_t kBreakByte = 0xff;

// Simple values (RFC 8949 §3.3).
inline constexpr uint8_t kSimpleFalse = 20;
inline constexpr uint8_t kSimpleTrue = 21;
inline constexpr uint8_t kSimpleNull = 22;
inline constexpr uint8_t kSimpleUndefined = 23;

// Tag 1: epoch-based date/time (RFC 8949 §3.4.2).
inline constexpr uint64_t kTagEpochTime = 1;

// The default bound on container nesting for skip() and well-formedness checks.
inline constexpr uint8_t kDefaultMaxDepth = 16;
// The largest bound a caller may ask for (the skip stack lives on the C++ stack).
inline constexpr uint8_t kMaxDepthLimit = 64;

}  // namespace lwm2m::cbor
