#include "lwm2m/link/link_reader.h"

#include "lwm2m/core/value.h"
#include "lwm2m/link/link_text.h"

namespace lwm2m {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }

bool is_control(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return (u < 0x20 && c != '\t') || u == 0x7F;
}

// Reads one link-param starting at text[pos] == ';' and leaves pos after it.
Status scan_param(std::string_view text, size_t& pos, LinkParam& out) {
  if (pos >= text.size() || text[pos] != ';') return Error::kMalformed;
  size_t i = pos + 1;
  size_t name_start = i;
  while (i < text.size() && link_text::is_parmname_char(text[i])) ++i;
  if (i == name_start) return Error::kMalformed;
  out = LinkParam{};
  out.name = text.substr(name_start, i - name_start);
  if (i < text.size() && text[i] == '=') {
    ++i;
    out.has_value = true;
    if (i < text.size() && text[i] == '"') {
      ++i;
      size_t value_start = i;
      while (true) {
        if (i >= text.size()) return Error::kMalformed;  // no closing quote
        char c = text[i];
        if (c == '"') break;
        if (c == '\\') {
          if (i + 1 >= text.size() || static_cast<unsigned char>(text[i + 1]) > 0x7F) return Error::kMalformed;
          i += 2;
          continue;
        }
        if (is_control(c)) return Error::kMalformed;
        ++i;
      }
      out.value = text.substr(value_start, i - value_start);
      out.quoted = true;
      ++i;  // closing quote
      std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(out.value.data()), out.value.size());
      if (!is_valid_utf8(bytes)) return Error::kInvalidUtf8;
    } else {
      size_t value_start = i;
      while (i < text.size() && link_text::is_ptoken_char(text[i])) ++i;
      if (i == value_start) return Error::kMalformed;
      out.value = text.substr(value_start, i - value_start);
    }
  }
  pos = i;
  return kOk;
}

}  // namespace

Result<Path> Link::path_under(std::string_view prefix) const {
  if (prefix.empty()) return path();
  if (target.substr(0, prefix.size()) != prefix) return Error::kInvalidPath;
  std::string_view rest = target.substr(prefix.size());
  if (rest.empty() || rest == "/") return Path();
  if (rest.front() != '/' || rest == "//") return Error::kInvalidPath;
  return Path::parse(rest);
}

Result<bool> LinkReader::next(Link& out) {
  if (error_ != Error::kOk) return error_;
  if (pos_ >= text_.size()) return false;
  auto fail = [this](Error e) -> Result<bool> {
    error_ = e;
    return e;
  };
  size_t i = pos_;
  if (i > 0) {
    // The previous link ended at a ','; whitespace may follow it.
    while (i < text_.size() && is_space(text_[i])) ++i;
  }
  if (i >= text_.size() || text_[i] != '<') return fail(Error::kMalformed);
  ++i;
  size_t target_start = i;
  while (i < text_.size() && text_[i] != '>') {
    if (!link_text::is_uri_char(text_[i])) return fail(Error::kMalformed);
    ++i;
  }
  if (i >= text_.size() || i == target_start) return fail(Error::kMalformed);
  Link link;
  link.target = text_.substr(target_start, i - target_start);
  ++i;  // '>'
  size_t params_start = i;
  LinkParam param;
  while (i < text_.size() && text_[i] == ';') {
    Status s = scan_param(text_, i, param);
    if (!s.ok()) return fail(s.error());
  }
  link.params = text_.substr(params_start, i - params_start);
  if (i < text_.size()) {
    if (text_[i] != ',') return fail(Error::kMalformed);
    ++i;
    if (i >= text_.size()) return fail(Error::kMalformed);  // trailing ','
  }
  pos_ = i;
  out = link;
  return true;
}

Result<bool> LinkParamReader::next(LinkParam& out) {
  if (pos_ >= text_.size()) return false;
  Status s = scan_param(text_, pos_, out);
  if (!s.ok()) {
    pos_ = text_.size();
    return s.error();
  }
  return true;
}

Result<LinkParam> LinkParamReader::find(const Link& link, std::string_view name) {
  LinkParamReader reader(link);
  LinkParam p;
  while (true) {
    Result<bool> more = reader.next(p);
    if (!more.ok()) return more.error();
    if (!*more) return Error::kNotFound;
    if (p.name == name) return p;
  }
}

Result<size_t> unquote(std::string_view value, std::span<char> out) {
  size_t n = 0;
  for (size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (c == '\\') {
      if (i + 1 >= value.size()) return Error::kMalformed;
      c = value[++i];
    }
    if (n >= out.size()) return Error::kBufferTooSmall;
    out[n++] = c;
  }
  return n;
}

}  // namespace lwm2m
