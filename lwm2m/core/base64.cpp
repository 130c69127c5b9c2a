#include "lwm2m/core/base64.h"

namespace lwm2m {

namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int decode_char(uint8_t c, bool url) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == (url ? '-' : '+')) return 62;
  if (c == (url ? '_' : '/')) return 63;
  return -1;
}
}  // namespace

Result<size_t> base64_encode(std::span<const uint8_t> in, std::span<char> out) {
  size_t need = base64_encoded_size(in.size());
  if (need > out.size()) return Error::kBufferTooSmall;
  size_t o = 0;
  for (size_t i = 0; i < in.size(); i += 3) {
    uint32_t chunk = static_cast<uint32_t>(in[i]) << 16;
    size_t left = in.size() - i;
    if (left > 1) chunk |= static_cast<uint32_t>(in[i + 1]) << 8;
    if (left > 2) chunk |= in[i + 2];
    out[o++] = kAlphabet[chunk >> 18 & 63];
    out[o++] = kAlphabet[chunk >> 12 & 63];
    out[o++] = left > 1 ? kAlphabet[chunk >> 6 & 63] : '=';
    out[o++] = left > 2 ? kAlphabet[chunk & 63] : '=';
  }
  return o;
}

Result<size_t> base64_decode(std::span<const uint8_t> in, std::span<uint8_t> out, bool url,
                             bool allow_unpadded) {
  size_t len = in.size();
  size_t pad = 0;
  while (pad < 2 && len > 0 && in[len - 1] == '=') --len, ++pad;
  if (pad > 0 && (len + pad) % 4 != 0) return Error::kMalformed;
  if (pad == 0 && len % 4 != 0 && !allow_unpadded) return Error::kMalformed;
  if (len % 4 == 1) return Error::kMalformed;
  size_t need = len / 4 * 3 + (len % 4 == 0 ? 0 : len % 4 - 1);
  if (need > out.size()) return Error::kBufferTooSmall;
  size_t o = 0;
  uint32_t acc = 0;
  int bits = 0;
  for (size_t i = 0; i < len; ++i) {
    int d = decode_char(in[i], url);
    if (d < 0) return Error::kMalformed;
    acc = acc << 6 | static_cast<uint32_t>(d);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = static_cast<uint8_t>(acc >> bits);
    }
  }
  // Leftover bits must be zero (RFC 4648 §3.5 canonical encoding).
  if (bits > 0 && (acc & ((1u << bits) - 1)) != 0) return Error::kMalformed;
  return o;
}

}  // namespace lwm2m
