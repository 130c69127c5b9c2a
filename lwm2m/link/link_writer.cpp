#include "lwm2m/link/link_writer.h"

#include "lwm2m/core/number_text.h"
#include "lwm2m/core/value.h"
#include "lwm2m/link/link_text.h"

namespace lwm2m {

namespace {

bool valid_parmname(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name)
    if (!link_text::is_parmname_char(c)) return false;
  return true;
}

// An alternate path prefix: "/segment" repeated, no trailing slash.
bool valid_prefix(std::string_view prefix) {
  if (prefix.empty()) return true;
  if (prefix.front() != '/' || prefix.back() == '/') return false;
  for (char c : prefix)
    if (!link_text::is_uri_char(c) || c == ',' || c == ';' || c == '?' || c == '#') return false;
  return true;
}

}  // namespace

Status LinkWriter::fail(Error e) {
  if (error_ == Error::kOk) error_ = e;
  return error_;
}

Status LinkWriter::check() {
  if (error_ == Error::kOk && out_.overflowed()) error_ = Error::kBufferTooSmall;
  return error_;
}

Status LinkWriter::begin_link(const Path& path) { return begin_link({}, path); }

Status LinkWriter::begin_link(std::string_view prefix, const Path& path) {
  LWM2M_TRY(check());
  if (!valid_prefix(prefix)) return fail(Error::kInvalidPath);
  char text[Path::kMaxTextLength];
  Result<size_t> n = path.format(text);
  if (!n.ok()) return fail(n.error());
  if (any_link_) out_.put(',');
  out_.put('<');
  out_.put(prefix);
  // Under a prefix the root is the prefix itself ("</lwm2m>").
  if (prefix.empty() || !path.is_root()) out_.put(std::string_view(text, *n));
  out_.put('>');
  in_link_ = true;
  any_link_ = true;
  return check();
}

Status LinkWriter::begin_param(std::string_view name) {
  LWM2M_TRY(check());
  if (!in_link_) return fail(Error::kInternal);
  if (!valid_parmname(name)) return fail(Error::kMalformed);
  out_.put(';');
  out_.put(name);
  return kOk;
}

Status LinkWriter::add_flag(std::string_view name) {
  LWM2M_TRY(begin_param(name));
  return check();
}

Status LinkWriter::add_uint(std::string_view name, uint64_t value) {
  LWM2M_TRY(begin_param(name));
  char text[kMaxNumberText];
  Result<size_t> n = format_uint64(value, text);
  if (!n.ok()) return fail(n.error());
  out_.put('=');
  out_.put(std::string_view(text, *n));
  return check();
}

Status LinkWriter::add_int(std::string_view name, int64_t value) {
  LWM2M_TRY(begin_param(name));
  char text[kMaxNumberText];
  Result<size_t> n = format_int64(value, text);
  if (!n.ok()) return fail(n.error());
  out_.put('=');
  out_.put(std::string_view(text, *n));
  return check();
}

Status LinkWriter::add_double(std::string_view name, double value) {
  LWM2M_TRY(begin_param(name));
  char text[kMaxNumberText];
  Result<size_t> n = format_double(value, text);
  if (!n.ok()) return fail(n.error());
  out_.put('=');
  out_.put(std::string_view(text, *n));
  return check();
}

Status LinkWriter::add_token(std::string_view name, std::string_view value) {
  LWM2M_TRY(begin_param(name));
  if (value.empty()) return fail(Error::kMalformed);
  for (char c : value)
    if (!link_text::is_ptoken_char(c)) return fail(Error::kMalformed);
  out_.put('=');
  out_.put(value);
  return check();
}

Status LinkWriter::add_quoted(std::string_view name, std::string_view value) {
  LWM2M_TRY(begin_param(name));
  std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(value.data()), value.size());
  if (!is_valid_utf8(bytes)) return fail(Error::kInvalidUtf8);
  out_.put('=');
  out_.put('"');
  for (char c : value) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return fail(Error::kMalformed);
    if (c == '"' || c == '\\') out_.put('\\');  // quoted-pair
    out_.put(static_cast<uint8_t>(c));
  }
  out_.put('"');
  return check();
}

Status LinkWriter::add_content_formats(std::span<const uint16_t> formats) {
  if (formats.empty()) return fail(Error::kInternal);
  if (formats.size() == 1) return add_uint("ct", formats[0]);
  LWM2M_TRY(begin_param("ct"));
  out_.put('=');
  out_.put('"');
  for (size_t i = 0; i < formats.size(); ++i) {
    if (i > 0) out_.put(' ');
    char text[kMaxNumberText];
    Result<size_t> n = format_uint64(formats[i], text);
    if (!n.ok()) return fail(n.error());
    out_.put(std::string_view(text, *n));
  }
  out_.put('"');
  return check();
}

Status LinkWriter::add_attributes(const Attributes& a) {
  if (a.pmin) LWM2M_TRY(add_uint("pmin", *a.pmin));
  if (a.pmax) LWM2M_TRY(add_uint("pmax", *a.pmax));
  if (a.gt) LWM2M_TRY(add_double("gt", *a.gt));
  if (a.lt) LWM2M_TRY(add_double("lt", *a.lt));
  if (a.st) LWM2M_TRY(add_double("st", *a.st));
  if (a.epmin) LWM2M_TRY(add_uint("epmin", *a.epmin));
  if (a.epmax) LWM2M_TRY(add_uint("epmax", *a.epmax));
  if (a.edge) LWM2M_TRY(add_uint("edge", *a.edge ? 1 : 0));
  if (a.con) LWM2M_TRY(add_uint("con", *a.con ? 1 : 0));
  if (a.hqmax) LWM2M_TRY(add_uint("hqmax", *a.hqmax));
  return check();
}

Result<size_t> LinkWriter::finish() {
  LWM2M_TRY(check());
  return out_.size();
}

}  // namespace lwm2m
