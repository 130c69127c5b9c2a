// LwM2M paths: /o, /o/i, /o/i/r, /o/i/r/ri (Core TS §6.1, §7.4).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "lwm2m/core/status.h"

namespace lwm2m {

// Id 65535 (MAX_ID) is reserved by the Core TS and never a valid id.
inline constexpr uint16_t kMaxId = 65534;
inline constexpr uint16_t kReservedId = 65535;

class Path {
 public:
  enum Level : uint8_t { kRoot = 0, kObject = 1, kInstance = 2, kResource = 3, kResourceInstance = 4 };

  constexpr Path() = default;
  constexpr Path(uint16_t o) : ids_{o, 0, 0, 0}, depth_(1) {}  // NOLINT
  constexpr Path(uint16_t o, uint16_t i) : ids_{o, i, 0, 0}, depth_(2) {}
  constexpr Path(uint16_t o, uint16_t i, uint16_t r) : ids_{o, i, r, 0}, depth_(3) {}
  constexpr Path(uint16_t o, uint16_t i, uint16_t r, uint16_t ri) : ids_{o, i, r, ri}, depth_(4) {}

  // Parses "/3/0/1", "/3", "/" (root), tolerating one trailing slash. Ids are
  // decimal without sign or leading '+', at most 65534.
  static Result<Path> parse(std::string_view text);

  constexpr uint8_t depth() const { return depth_; }
  constexpr bool is_root() const { return depth_ == 0; }
  constexpr uint16_t object() const { return ids_[0]; }
  constexpr uint16_t instance() const { return ids_[1]; }
  constexpr uint16_t resource() const { return ids_[2]; }
  constexpr uint16_t resource_instance() const { return ids_[3]; }
  constexpr uint16_t id(size_t level) const { return ids_[level]; }

  // A path one level deeper. Fails when already at resource-instance depth or id is reserved.
  Result<Path> child(uint16_t id) const;
  // The first n levels of this path (n <= depth()).
  Path prefix(uint8_t n) const;
  // True when this path equals `other` or lies below it.
  bool is_within(const Path& other) const;

  // Writes "/o/i/r/ri" (or "/" for root) into out; returns the length.
  Result<size_t> format(std::span<char> out) const;
  static constexpr size_t kMaxTextLength = 24;  // "/65534/65534/65534/65534"

  friend constexpr bool operator==(const Path& a, const Path& b) {
    if (a.depth_ != b.depth_) return false;
    for (uint8_t i = 0; i < a.depth_; ++i)
      if (a.ids_[i] != b.ids_[i]) return false;
    return true;
  }
  // Document order: a parent sorts before its children, siblings by id.
  friend bool operator<(const Path& a, const Path& b);

 private:
  uint16_t ids_[4] = {0, 0, 0, 0};
  uint8_t depth_ = 0;
};

// Parses a decimal id 0..65534 (no sign, no leading zeros beyond "0").
Result<uint16_t> parse_id(std::string_view text);

}  // namespace lwm2m
