// A minimal JSON (RFC 8259) writer over a ByteWriter: no heap, no floats
// formatted by locale. It inserts commas and colons itself, so callers only
// say what comes next.
#pragma once

#include <cstdint>
#include <string_view>

#include "lwm2m/core/byte_writer.h"
#include "lwm2m/core/status.h"

namespace lwm2m {

class JsonWriter {
 public:
  static constexpr uint8_t kMaxDepth = 16;

  explicit JsonWriter(ByteWriter& out) : out_(out) {}

  // Forgets all state (the ByteWriter is the caller's to rewind).
  void reset() {
    object_bits_ = member_bits_ = 0;
    depth_ = 0;
    after_key_ = in_string_ = wrote_value_ = false;
    error_ = Error::kOk;
  }

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  // An object member's name; the member's value must follow.
  void key(std::string_view name);

  // A whole string value, escaped per RFC 8259 §7. Must be valid UTF-8.
  void string(std::string_view text);
  // The same in pieces, for values produced on the fly (e.g. base64).
  void begin_string();
  void append_string(std::string_view piece);
  void end_string();

  void number_int(int64_t v);
  void number_uint(uint64_t v);
  void number_double(double v);  // NaN and infinities have no JSON form: kOutOfRange
  void boolean(bool v);
  void null();

  // The first misuse (kInternal), bad value (kInvalidUtf8, kOutOfRange),
  // too-deep nesting (kTooDeep), or kBufferTooSmall from the output.
  Status status() const;
  // True once every opened container has been closed after a value.
  bool complete() const { return depth_ == 0 && wrote_value_ && !in_string_; }

 private:
  void before_value();
  void push(bool is_object);
  void put_escaped(std::string_view piece);
  void pop(bool is_object);
  void fail(Error e) {
    if (error_ == Error::kOk) error_ = e;
  }
  bool in_object() const { return depth_ > 0 && (object_bits_ >> (depth_ - 1) & 1u) != 0; }

  ByteWriter& out_;
  uint32_t object_bits_ = 0;  // bit d-1 set: container at depth d is an object
  uint32_t member_bits_ = 0;  // bit d-1 set: container at depth d already has a member
  uint8_t depth_ = 0;
  bool after_key_ = false;
  bool in_string_ = false;
  bool wrote_value_ = false;
  Error error_ = Error::kOk;
};

}  // namespace lwm2m
