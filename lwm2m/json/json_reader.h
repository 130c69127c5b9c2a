// A minimal pull tokenizer for JSON (RFC 8259) over a caller's span: no heap,
// bounded depth, strict grammar (no trailing commas, no comments, no trailing
// garbage, strings must be valid UTF-8 without raw control characters).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "lwm2m/core/status.h"

namespace lwm2m {

enum class JsonToken : uint8_t {
  kBeginObject,
  kEndObject,
  kBeginArray,
  kEndArray,
  kKey,     // an object member name; text() holds it, its value comes next
  kString,  // text() holds the unescaped string
  kNumber,  // text() is the number as written (parse with parse_int64/parse_double)
  kTrue,
  kFalse,
  kNull,
  kEnd,  // the top-level value is complete and only whitespace follows
};

class JsonReader {
 public:
  static constexpr size_t kMaxDepth = 16;

  // Strings that contain escapes are unescaped into `scratch`; others are
  // views into `input`. Scratch space is handed out in order and only given
  // back by release_scratch(), so several strings can stay valid together.
  JsonReader(std::span<const uint8_t> input, std::span<uint8_t> scratch)
      : input_(input), scratch_(scratch) {}

  // The next token, or the error that stopped the reader (errors are sticky).
  Result<JsonToken> next();
  // Skips the value that comes next (scalar or whole container), checking it.
  Status skip_value();

  // Key, string or number text of the last token.
  std::string_view text() const {
    return {reinterpret_cast<const char*>(text_.data()), text_.size()};
  }
  std::span<const uint8_t> bytes() const { return text_; }

  size_t depth() const { return depth_; }
  // Scratch space not yet handed out (callers may use it until the next string).
  std::span<uint8_t> free_scratch() const { return scratch_.subspan(scratch_used_); }
  // Marks the first n bytes of free_scratch() as in use.
  void consume_scratch(size_t n) { scratch_used_ += n; }
  // Makes all scratch space free again; earlier unescaped strings become invalid.
  void release_scratch() { scratch_used_ = 0; }
  // Back to the start of the input.
  void reset();

 private:
  enum class Expect : uint8_t { kValue, kValueOrEnd, kKey, kKeyOrEnd, kCommaOrEnd, kDone };

  Result<JsonToken> read_token();
  Result<JsonToken> read_value(uint8_t c);
  Result<JsonToken> close(bool object);
  Status read_string(bool keep);
  Status read_number();
  Status read_literal(std::string_view word);
  Status open(bool object);
  void skip_whitespace();
  Expect after_value() const { return depth_ == 0 ? Expect::kDone : Expect::kCommaOrEnd; }
  bool top_is_object() const { return (object_bits_ >> (depth_ - 1) & 1u) != 0; }

  std::span<const uint8_t> input_;
  std::span<uint8_t> scratch_;
  std::span<const uint8_t> text_;
  size_t pos_ = 0;
  size_t scratch_used_ = 0;
  uint32_t object_bits_ = 0;  // bit d-1 set: container at depth d is an object
  size_t depth_ = 0;
  Expect expect_ = Expect::kValue;
  bool skipping_ = false;  // while skipping, strings are checked but not stored
  Error error_ = Error::kOk;
};

}  // namespace lwm2m
