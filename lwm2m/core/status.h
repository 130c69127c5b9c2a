// Errors as values for the portable core: no exceptions, no heap.
#pragma once

#include <cstdint>
#include <utility>

namespace lwm2m {

// Every failure the core can report. Mapped to CoAP response codes at the
// edge (see coap_code_for), and printable with error_name for clear logs.
enum class Error : uint8_t {
  kOk = 0,
  kTruncated,          // input ends in the middle of an item
  kMalformed,          // input violates the format's grammar
  kInvalidUtf8,        // a text string is not well-formed UTF-8
  kOutOfRange,         // a number or id does not fit the target type or range
  kTypeMismatch,       // value of the wrong data type for the resource
  kTooDeep,            // nesting beyond the decoder's bound
  kDuplicate,          // the same path or key appears twice
  kBufferTooSmall,     // caller-provided output buffer is full
  kCapacityExceeded,   // a build-time pool is full
  kInvalidPath,        // path syntax or id (65535 is reserved)
  kNotFound,           // object, instance or resource does not exist
  kMethodNotAllowed,   // operation not permitted on the target
  kUnauthorized,       // access control refuses the operation
  kNotAcceptable,      // no acceptable content format for the answer
  kUnsupportedFormat,  // request payload content format not supported
  kBadRequest,         // request is semantically wrong (e.g. missing mandatory)
  kAlreadyExists,      // create of an instance id that is taken
  kInternal,           // invariant broken inside the core
  kTimeout,            // a peer did not answer in time (CoAP retransmissions exhausted)
  kUnreachable,        // a peer refused or dropped the connection (RST, TCP reset)
};

const char* error_name(Error e);

// CoAP response code (class*32 + detail, RFC 7252 §12.1.2) for an error,
// so a request handler can answer without a table of its own.
uint8_t coap_code_for(Error e);

class [[nodiscard]] Status {
 public:
  constexpr Status() = default;
  constexpr Status(Error e) : error_(e) {}  // NOLINT: implicit by design
  constexpr bool ok() const { return error_ == Error::kOk; }
  constexpr Error error() const { return error_; }
  constexpr explicit operator bool() const { return ok(); }
  friend constexpr bool operator==(Status a, Status b) { return a.error_ == b.error_; }

 private:
  Error error_ = Error::kOk;
};

inline constexpr Status kOk{};

// A value or an error. T must be default-constructible and cheap to move.
template <typename T>
class [[nodiscard]] Result {
 public:
  constexpr Result(T value) : value_(std::move(value)) {}  // NOLINT
  constexpr Result(Error e) : error_(e) {}                  // NOLINT
  constexpr Result(Status s) : error_(s.error()) {}         // NOLINT
  constexpr bool ok() const { return error_ == Error::kOk; }
  constexpr Error error() const { return error_; }
  constexpr Status status() const { return Status(error_); }
  constexpr const T& value() const { return value_; }
  constexpr T& value() { return value_; }
  constexpr const T& operator*() const { return value_; }
  constexpr const T* operator->() const { return &value_; }

 private:
  T value_{};
  Error error_ = Error::kOk;
};

}  // namespace lwm2m

// Propagate a failed Status (or Result) to the caller.
#define LWM2M_TRY(expr)                                   \
  do {                                                    \
    ::lwm2m::Status lwm2m_try_status_ = (expr);           \
    if (!lwm2m_try_status_.ok()) return lwm2m_try_status_; \
  } while (0)
