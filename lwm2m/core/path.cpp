#include "lwm2m/core/path.h"

namespace lwm2m {

Result<uint16_t> parse_id(std::string_view text) {
  if (text.empty() || text.size() > 5) return Error::kInvalidPath;
  if (text.size() > 1 && text[0] == '0') return Error::kInvalidPath;
  uint32_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return Error::kInvalidPath;
    v = v * 10 + static_cast<uint32_t>(c - '0');
  }
  if (v > kMaxId) return Error::kInvalidPath;
  return static_cast<uint16_t>(v);
}

Result<Path> Path::parse(std::string_view text) {
  if (text.empty() || text[0] != '/') return Error::kInvalidPath;
  text.remove_prefix(1);
  if (!text.empty() && text.back() == '/') text.remove_suffix(1);
  Path p;
  while (!text.empty()) {
    if (p.depth_ == 4) return Error::kInvalidPath;
    size_t slash = text.find('/');
    std::string_view seg = text.substr(0, slash);
    Result<uint16_t> id = parse_id(seg);
    if (!id.ok()) return id.error();
    p.ids_[p.depth_++] = *id;
    if (slash == std::string_view::npos) break;
    text.remove_prefix(slash + 1);
    if (text.empty()) return Error::kInvalidPath;  // "//" or a second trailing slash
  }
  return p;
}

Result<Path> Path::child(uint16_t id) const {
  if (depth_ == 4 || id > kMaxId) return Error::kInvalidPath;
  Path p = *this;
  p.ids_[p.depth_++] = id;
  return p;
}

Path Path::prefix(uint8_t n) const {
  Path p = *this;
  if (n < depth_) p.depth_ = n;
  for (uint8_t i = p.depth_; i < 4; ++i) p.ids_[i] = 0;
  return p;
}

bool Path::is_within(const Path& other) const {
  if (other.depth_ > depth_) return false;
  for (uint8_t i = 0; i < other.depth_; ++i)
    if (ids_[i] != other.ids_[i]) return false;
  return true;
}

bool operator<(const Path& a, const Path& b) {
  uint8_t n = a.depth_ < b.depth_ ? a.depth_ : b.depth_;
  for (uint8_t i = 0; i < n; ++i)
    if (a.ids_[i] != b.ids_[i]) return a.ids_[i] < b.ids_[i];
  return a.depth_ < b.depth_;
}

Result<size_t> Path::format(std::span<char> out) const {
  size_t n = 0;
  auto put = [&](char c) {
    if (n >= out.size()) return false;
    out[n++] = c;
    return true;
  };
  if (depth_ == 0) {
    if (!put('/')) return Error::kBufferTooSmall;
    return n;
  }
  for (uint8_t level = 0; level < depth_; ++level) {
    if (!put('/')) return Error::kBufferTooSmall;
    char digits[5];
    int d = 0;
    uint16_t v = ids_[level];
    do {
      digits[d++] = static_cast<char>('0' + v % 10);
      v = static_cast<uint16_t>(v / 10);
    } while (v != 0);
    while (d > 0)
      if (!put(digits[--d])) return Error::kBufferTooSmall;
  }
  return n;
}

}  // namespace lwm2m
