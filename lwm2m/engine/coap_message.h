// CoAP messages as the engine sees them (RFC 7252): the transport behind the
// endpoint port has already handled retransmission, deduplication, DTLS and
// block-wise reassembly (RFC 7959), so a message here is whole.
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string_view>

namespace lwm2m::coap {

enum class Method : uint8_t { kGet = 1, kPost = 2, kPut = 3, kDelete = 4, kFetch = 5, kPatch = 6, kIPatch = 7 };

// Response codes, class * 32 + detail (RFC 7252 §12.1.2, RFC 8132 for 4.08 etc.).
constexpr uint8_t code(uint8_t cls, uint8_t detail) { return static_cast<uint8_t>(cls << 5 | detail); }
inline constexpr uint8_t kCreated = code(2, 1);
inline constexpr uint8_t kDeleted = code(2, 2);
inline constexpr uint8_t kChanged = code(2, 4);
inline constexpr uint8_t kContent = code(2, 5);
inline constexpr uint8_t kBadRequest = code(4, 0);
inline constexpr uint8_t kUnauthorized = code(4, 1);
inline constexpr uint8_t kBadOption = code(4, 2);
inline constexpr uint8_t kForbidden = code(4, 3);
inline constexpr uint8_t kNotFound = code(4, 4);
inline constexpr uint8_t kMethodNotAllowed = code(4, 5);
inline constexpr uint8_t kNotAcceptable = code(4, 6);
inline constexpr uint8_t kPreconditionFailed = code(4, 12);
inline constexpr uint8_t kRequestEntityTooLarge = code(4, 13);
inline constexpr uint8_t kUnsupportedContentFormat = code(4, 15);
inline constexpr uint8_t kInternalServerError = code(5, 0);
inline constexpr uint8_t kServiceUnavailable = code(5, 3);

constexpr bool is_success(uint8_t c) { return (c >> 5) == 2; }

struct Token {
  uint8_t bytes[8] = {};
  uint8_t size = 0;
  friend bool operator==(const Token& a, const Token& b) {
    return a.size == b.size && std::memcmp(a.bytes, b.bytes, a.size) == 0;
  }
};

// At most this many Uri-Path or Uri-Query options are kept per message;
// LwM2M needs 4 path segments (plus an alternate path) and ~8 queries.
inline constexpr size_t kMaxPathSegments = 8;
inline constexpr size_t kMaxQueries = 12;

struct Request {
  Method method = Method::kGet;
  std::span<const std::string_view> path;   // Uri-Path options, in order
  std::span<const std::string_view> query;  // Uri-Query options, in order
  std::optional<uint16_t> content_format;
  std::optional<uint16_t> accept;
  std::optional<uint32_t> observe;  // 0 register, 1 deregister (RFC 7641 §2)
  Token token;
  bool confirmable = true;
  std::span<const uint8_t> payload;
};

struct Response {
  uint8_t code = kContent;
  std::optional<uint16_t> content_format;
  std::optional<uint32_t> observe;          // sequence number of a notification
  std::span<const std::string_view> location_path;  // Location-Path (Register 2.01, Create 2.01)
  std::span<const uint8_t> payload;
};

}  // namespace lwm2m::coap
