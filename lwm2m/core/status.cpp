#include "lwm2m/core/status.h"

namespace lwm2m {

const char* error_name(Error e) {
  switch (e) {
    case Error::kOk: return "ok";
    case Error::kTruncated: return "truncated input";
    case Error::kMalformed: return "malformed input";
    case Error::kInvalidUtf8: return "invalid UTF-8";
    case Error::kOutOfRange: return "value out of range";
    case Error::kTypeMismatch: return "type mismatch";
    case Error::kTooDeep: return "nesting too deep";
    case Error::kDuplicate: return "duplicate entry";
    case Error::kBufferTooSmall: return "buffer too small";
    case Error::kCapacityExceeded: return "capacity exceeded";
    case Error::kInvalidPath: return "invalid path";
    case Error::kNotFound: return "not found";
    case Error::kMethodNotAllowed: return "method not allowed";
    case Error::kUnauthorized: return "unauthorized";
    case Error::kNotAcceptable: return "not acceptable";
    case Error::kUnsupportedFormat: return "unsupported content format";
    case Error::kBadRequest: return "bad request";
    case Error::kAlreadyExists: return "already exists";
    case Error::kInternal: return "internal error";
    case Error::kTimeout: return "timed out";
    case Error::kUnreachable: return "peer unreachable";
  }
  return "unknown error";
}

namespace {
constexpr uint8_t code(uint8_t cls, uint8_t detail) { return static_cast<uint8_t>(cls << 5 | detail); }
}  // namespace

uint8_t coap_code_for(Error e) {
  switch (e) {
    case Error::kOk: return code(2, 5);
    case Error::kNotFound: return code(4, 4);
    case Error::kMethodNotAllowed: return code(4, 5);
    case Error::kUnauthorized: return code(4, 1);
    case Error::kNotAcceptable: return code(4, 6);
    case Error::kUnsupportedFormat: return code(4, 15);
    case Error::kBufferTooSmall:
    case Error::kCapacityExceeded: return code(4, 13);  // Request Entity Too Large
    case Error::kInternal: return code(5, 0);
    case Error::kTimeout: return code(5, 4);        // Gateway Timeout
    case Error::kUnreachable: return code(5, 3);    // Service Unavailable
    case Error::kAlreadyExists:
    case Error::kTruncated:
    case Error::kMalformed:
    case Error::kInvalidUtf8:
    case Error::kOutOfRange:
    case Error::kTypeMismatch:
    case Error::kTooDeep:
    case Error::kDuplicate:
    case Error::kInvalidPath:
    case Error::kBadRequest: return code(4, 0);
  }
  return code(5, 0);
}

}  // namespace lwm2m
