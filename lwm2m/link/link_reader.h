// Reads CoRE Link Format payloads (RFC 6690 §2) in place: a Bootstrap-Discover
// answer, a Register payload, or a Discover answer in tests.
//
//   LinkReader links(payload);
//   Link link;
//   while (true) {
//     Result<bool> more = links.next(link);   // error, or false at the end
//     ...
//     LinkParamReader params(link);
//     LinkParam p;
//     while (*params.next(p)) { ... p.name, p.value ... }
//   }
//
// next() checks the whole link, parameters included, before handing it out,
// so iterating the parameters of a returned link cannot fail. Optional
// whitespace after a ',' is accepted (some servers write ", ").
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "lwm2m/core/path.h"
#include "lwm2m/core/status.h"

namespace lwm2m {

struct Link {
  std::string_view target;  // between '<' and '>', e.g. "/3/0" or "/lwm2m/3/0"
  std::string_view params;  // the text after '>', starting with ';' (or empty)

  // The target as an LwM2M path ("/" is the root); kInvalidPath otherwise.
  Result<Path> path() const { return Path::parse(target); }
  // The target with an alternate path prefix removed ("/lwm2m/3/0" with
  // prefix "/lwm2m" is /3/0; the bare prefix is the root).
  Result<Path> path_under(std::string_view prefix) const;
};

struct LinkParam {
  std::string_view name;
  // The value as written: a ptoken, or the inside of a quoted-string with any
  // quoted-pairs ("\"") left in place (see unquote). Empty when !has_value.
  std::string_view value;
  bool has_value = false;
  bool quoted = false;
};

class LinkReader {
 public:
  explicit LinkReader(std::span<const uint8_t> payload)
      : text_(reinterpret_cast<const char*>(payload.data()), payload.size()) {}
  explicit LinkReader(std::string_view payload) : text_(payload) {}

  // True with the next link, false after the last, or kMalformed /
  // kInvalidUtf8. After an error every call returns the same error.
  Result<bool> next(Link& out);
  void rewind() { pos_ = 0; error_ = Error::kOk; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  Error error_ = Error::kOk;
};

// Iterates the parameters of a link returned by LinkReader::next.
class LinkParamReader {
 public:
  explicit LinkParamReader(const Link& link) : text_(link.params) {}
  // True with the next parameter, false after the last (kMalformed only for
  // a Link that did not come from LinkReader).
  Result<bool> next(LinkParam& out);
  // Finds the first parameter named `name`.
  static Result<LinkParam> find(const Link& link, std::string_view name);

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

// Copies a quoted value with its quoted-pairs resolved ("a\"b" -> a"b) into out.
Result<size_t> unquote(std::string_view value, std::span<char> out);

}  // namespace lwm2m
