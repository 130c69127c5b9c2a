// CBOR pull parser (RFC 8949) over a byte span: one item head at a time,
// strings as views into the input, strict well-formedness (Appendix F).
// Lengths are compared against the bytes left, so a huge declared length is
// answered with kTruncated rather than an overflow or a read past the end.
//
// Typed readers (read_unsigned, read_text, ...) consume nothing when they
// fail; read_head/skip/next_chunk leave the position unspecified on error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "lwm2m/cbor/cbor_types.h"
#include "lwm2m/core/status.h"

namespace lwm2m::cbor {

// The first bytes of a data item: major type, additional information and
// the argument (value, length, count, tag number, simple value or float bits).
struct CborHead {
  MajorType major = MajorType::kUnsigned;
  uint8_t info = 0;       // additional information, the low 5 bits
  uint64_t argument = 0;  // 0 for indefinite lengths and the break

  bool indefinite() const { return info == kInfoIndefinite; }
  bool is_break() const { return major == MajorType::kSimple && info == kInfoIndefinite; }
  bool is_float() const {
    return major == MajorType::kSimple && info >= kInfoTwoBytes && info <= kInfoEightBytes;
  }
};

// Array or map header: `count` items (pairs for maps) unless `indefinite`.
struct ContainerHeader {
  uint64_t count = 0;
  bool indefinite = false;
};

class CborReader {
 public:
  explicit CborReader(std::span<const uint8_t> input, uint8_t max_depth = kDefaultMaxDepth);

  size_t offset() const { return pos_; }
  size_t remaining() const { return in_.size() - pos_; }
  bool at_end() const { return pos_ == in_.size(); }
  std::span<const uint8_t> input() const { return in_; }

  // Decodes the head at the current position without consuming it.
  // kTruncated: input ends inside the head; kMalformed: reserved additional
  // information 28..30, indefinite length on major type 0/1/6, or a two-byte
  // simple value below 32.
  Result<CborHead> peek_head() const;
  // Consumes the head only (a string's content, a container's items and a
  // tag's content follow it).
  Result<CborHead> read_head();

  bool at_break() const { return pos_ < in_.size() && in_[pos_] == kBreakByte; }
  Status read_break();

  Result<uint64_t> read_unsigned();
  // Major type 0 or 1 within int64_t; kOutOfRange otherwise.
  Result<int64_t> read_int();
  // Definite-length strings as views into the input. An indefinite-length
  // string answers kUnsupportedFormat: use next_chunk or read_*_into. Text is
  // checked to be UTF-8 (kInvalidUtf8).
  Result<std::span<const uint8_t>> read_bytes();
  Result<std::string_view> read_text();
  // Either form of string, concatenated into `scratch`; returns the length.
  Result<size_t> read_bytes_into(std::span<uint8_t> scratch);
  Result<size_t> read_text_into(std::span<uint8_t> scratch);
  // After read_head() gave an indefinite-length string of type `string_type`:
  // the next chunk (true) or the closing break (false). A chunk of another
  // type or of indefinite length is kMalformed; a text chunk must be UTF-8.
  Result<bool> next_chunk(MajorType string_type, std::span<const uint8_t>& chunk);

  // Counts are checked against the bytes left (each item needs at least one).
  Result<ContainerHeader> read_array();
  Result<ContainerHeader> read_map();
  Result<uint64_t> read_tag();

  Result<bool> read_bool();
  Status read_null();
  // Half, single or double precision, widened exactly to double.
  Result<double> read_float();

  // Skips one whole item, checking it is well-formed (nesting bounded by
  // max_depth: kTooDeep beyond it; text strings must be UTF-8).
  Status skip();

 private:
  // Decodes the head at `at`; `size` receives its length in bytes.
  Result<CborHead> decode_head(size_t at, size_t& size) const;
  // Consumes a definite string's content of `length` bytes.
  Result<std::span<const uint8_t>> take(uint64_t length);
  Result<size_t> read_string_into(MajorType type, std::span<uint8_t> scratch);
  Result<std::span<const uint8_t>> read_definite_string(MajorType type);
  Result<ContainerHeader> read_container(MajorType type);
  // Skips the chunks of an indefinite-length string up to and including its break.
  Status skip_chunks(MajorType type);

  std::span<const uint8_t> in_;
  size_t pos_ = 0;
  uint8_t max_depth_;
};

// True (kOk) when `input` holds exactly one well-formed item and nothing after it.
Status check_well_formed(std::span<const uint8_t> input, uint8_t max_depth = kDefaultMaxDepth);

}  // namespace lwm2m::cbor
