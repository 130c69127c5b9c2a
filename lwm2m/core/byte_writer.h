// Appends bytes to a caller-provided buffer; remembers overflow instead of
// failing at each call, so encoders check once at the end (or where they must).
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>

#include "lwm2m/core/status.h"

namespace lwm2m {

class ByteWriter {
 public:
  explicit ByteWriter(std::span<uint8_t> out) : out_(out) {}

  void put(uint8_t b) {
    if (!overflow_ && size_ < out_.size()) out_[size_] = b;
    else overflow_ = true;
    ++size_;
  }
  void put(std::span<const uint8_t> bytes) {
    if (!overflow_ && bytes.size() <= out_.size() - size_) {
      if (!bytes.empty()) std::memcpy(out_.data() + size_, bytes.data(), bytes.size());
    } else {
      overflow_ = true;
    }
    size_ += bytes.size();
  }
  void put(std::string_view text) {
    put(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
  }
  // Big-endian unsigned integer of `width` bytes.
  void put_be(uint64_t v, unsigned width) {
    for (unsigned i = width; i > 0; --i) put(static_cast<uint8_t>(v >> ((i - 1) * 8)));
  }

  // Bytes that would have been written (may exceed capacity when overflowed).
  size_t size() const { return size_; }
  size_t capacity() const { return out_.size(); }
  bool overflowed() const { return overflow_; }
  Status status() const { return overflow_ ? Status(Error::kBufferTooSmall) : kOk; }
  // The written bytes; valid only while !overflowed().
  std::span<uint8_t> written() const { return out_.first(overflow_ ? 0 : size_); }
  // Direct access for encoders that patch lengths after the fact.
  std::span<uint8_t> buffer() const { return out_; }
  // Drops everything after `size` (used to roll back a partial item).
  void truncate(size_t size) {
    if (size < size_) size_ = size;
    if (size_ <= out_.size()) overflow_ = false;
  }

 private:
  std::span<uint8_t> out_;
  size_t size_ = 0;
  bool overflow_ = false;
};

}  // namespace lwm2m
