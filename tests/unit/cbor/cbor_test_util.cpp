#include "cbor_test_util.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "lwm2m/core/byte_writer.h"

using lwm2m::Error;
using lwm2m::Result;
using lwm2m::Status;
using lwm2m::cbor::CborHead;
using lwm2m::cbor::CborReader;
using lwm2m::cbor::CborWriter;
using lwm2m::cbor::MajorType;

namespace cbor_test {

std::vector<uint8_t> from_hex(const std::string& hex) {
  std::vector<uint8_t> out;
  std::string digits;
  for (char c : hex)
    if (c != ' ') digits += c;
  for (size_t i = 0; i + 1 < digits.size(); i += 2)
    out.push_back(static_cast<uint8_t>(std::strtoul(digits.substr(i, 2).c_str(), nullptr, 16)));
  return out;
}

std::string to_hex(const std::vector<uint8_t>& bytes) {
  std::string out;
  char buf[3];
  for (uint8_t b : bytes) {
    std::snprintf(buf, sizeof buf, "%02x", b);
    out += buf;
  }
  return out;
}

namespace {

std::string hex_string(std::span<const uint8_t> bytes) {
  return "h'" + to_hex(std::vector<uint8_t>(bytes.begin(), bytes.end())) + "'";
}

// JSON-like escaping as used in RFC 8949 Appendix A: \uXXXX beyond ASCII.
std::string text_string(std::span<const uint8_t> s) {
  std::string out = "\"";
  size_t i = 0;
  char buf[16];
  while (i < s.size()) {
    uint32_t cp = s[i];
    size_t extra = cp < 0x80 ? 0 : cp < 0xe0 ? 1 : cp < 0xf0 ? 2 : 3;
    if (extra) cp &= (0x3f >> extra);
    for (size_t k = 1; k <= extra; ++k) cp = cp << 6 | (s[i + k] & 0x3f);
    i += extra + 1;
    if (cp == '"' || cp == '\\') {
      out += '\\';
      out += static_cast<char>(cp);
    } else if (cp >= 0x20 && cp < 0x7f) {
      out += static_cast<char>(cp);
    } else if (cp < 0x10000) {
      std::snprintf(buf, sizeof buf, "\\u%04x", cp);
      out += buf;
    } else {
      cp -= 0x10000;
      std::snprintf(buf, sizeof buf, "\\u%04x\\u%04x", 0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
      out += buf;
    }
  }
  return out + "\"";
}

std::string float_text(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  char buf[40];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, d);
    if (std::strtod(buf, nullptr) == d) break;
  }
  std::string s = buf;
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

}  // namespace

Status diagnose(CborReader& reader, std::string& out) {
  Result<CborHead> head = reader.peek_head();
  if (!head.ok()) return head.status();
  switch (head->major) {
    case MajorType::kUnsigned:
      (void)reader.read_head();
      out += std::to_string(head->argument);
      return lwm2m::kOk;
    case MajorType::kNegative:
      (void)reader.read_head();
      out += head->argument == UINT64_MAX ? "-18446744073709551616" : "-" + std::to_string(head->argument + 1);
      return lwm2m::kOk;
    case MajorType::kBytes:
    case MajorType::kText: {
      const bool text = head->major == MajorType::kText;
      if (!head->indefinite()) {
        if (text) {
          Result<std::string_view> t = reader.read_text();
          if (!t.ok()) return t.status();
          out += text_string({reinterpret_cast<const uint8_t*>(t->data()), t->size()});
        } else {
          Result<std::span<const uint8_t>> b = reader.read_bytes();
          if (!b.ok()) return b.status();
          out += hex_string(*b);
        }
        return lwm2m::kOk;
      }
      (void)reader.read_head();
      out += "(_ ";
      std::span<const uint8_t> chunk;
      bool first = true;
      for (;;) {
        Result<bool> more = reader.next_chunk(head->major, chunk);
        if (!more.ok()) return more.status();
        if (!*more) break;
        if (!first) out += ", ";
        first = false;
        out += text ? text_string(chunk) : hex_string(chunk);
      }
      out += ")";
      return lwm2m::kOk;
    }
    case MajorType::kArray:
    case MajorType::kMap: {
      const bool map = head->major == MajorType::kMap;
      Result<lwm2m::cbor::ContainerHeader> c = map ? reader.read_map() : reader.read_array();
      if (!c.ok()) return c.status();
      out += map ? "{" : "[";
      if (c->indefinite) out += "_ ";
      for (uint64_t i = 0; c->indefinite || i < c->count; ++i) {
        if (c->indefinite && reader.at_break()) {
          (void)reader.read_break();
          break;
        }
        if (i) out += ", ";
        LWM2M_TRY(diagnose(reader, out));
        if (map) {
          out += ": ";
          LWM2M_TRY(diagnose(reader, out));
        }
      }
      out += map ? "}" : "]";
      return lwm2m::kOk;
    }
    case MajorType::kTag: {
      (void)reader.read_head();
      out += std::to_string(head->argument) + "(";
      LWM2M_TRY(diagnose(reader, out));
      out += ")";
      return lwm2m::kOk;
    }
    case MajorType::kSimple: {
      if (head->is_float()) {
        Result<double> d = reader.read_float();
        if (!d.ok()) return d.status();
        out += float_text(*d);
        return lwm2m::kOk;
      }
      if (head->is_break()) return Error::kMalformed;
      (void)reader.read_head();
      switch (head->argument) {
        case 20: out += "false"; break;
        case 21: out += "true"; break;
        case 22: out += "null"; break;
        case 23: out += "undefined"; break;
        default: out += "simple(" + std::to_string(head->argument) + ")";
      }
      return lwm2m::kOk;
    }
  }
  return Error::kInternal;
}

std::string diagnose(const std::vector<uint8_t>& bytes) {
  Status wf = lwm2m::cbor::check_well_formed(bytes);
  if (!wf.ok()) return std::string("error:") + lwm2m::error_name(wf.error());
  CborReader reader(bytes);
  std::string out;
  Status s = diagnose(reader, out);
  if (!s.ok()) return std::string("error:") + lwm2m::error_name(s.error());
  return out;
}

Status transcode(CborReader& reader, CborWriter& writer) {
  Result<CborHead> head = reader.peek_head();
  if (!head.ok()) return head.status();
  switch (head->major) {
    case MajorType::kUnsigned:
    case MajorType::kNegative:
    case MajorType::kTag:
      (void)reader.read_head();
      writer.write_head(head->major, head->argument);
      if (head->major == MajorType::kTag) return transcode(reader, writer);
      return lwm2m::kOk;
    case MajorType::kBytes:
    case MajorType::kText: {
      if (!head->indefinite()) {
        if (head->major == MajorType::kBytes) {
          Result<std::span<const uint8_t>> b = reader.read_bytes();
          if (!b.ok()) return b.status();
          writer.write_bytes(*b);
        } else {
          Result<std::string_view> t = reader.read_text();
          if (!t.ok()) return t.status();
          writer.write_text(*t);
        }
        return lwm2m::kOk;
      }
      (void)reader.read_head();
      if (head->major == MajorType::kBytes) writer.begin_indefinite_bytes();
      else writer.begin_indefinite_text();
      std::span<const uint8_t> chunk;
      for (;;) {
        Result<bool> more = reader.next_chunk(head->major, chunk);
        if (!more.ok()) return more.status();
        if (!*more) break;
        if (head->major == MajorType::kBytes) writer.write_bytes(chunk);
        else writer.write_text({reinterpret_cast<const char*>(chunk.data()), chunk.size()});
      }
      writer.write_break();
      return lwm2m::kOk;
    }
    case MajorType::kArray:
    case MajorType::kMap: {
      const bool map = head->major == MajorType::kMap;
      Result<lwm2m::cbor::ContainerHeader> c = map ? reader.read_map() : reader.read_array();
      if (!c.ok()) return c.status();
      if (c->indefinite) map ? writer.begin_indefinite_map() : writer.begin_indefinite_array();
      else map ? writer.begin_map(c->count) : writer.begin_array(c->count);
      for (uint64_t i = 0; c->indefinite || i < c->count; ++i) {
        if (c->indefinite && reader.at_break()) {
          (void)reader.read_break();
          writer.write_break();
          break;
        }
        LWM2M_TRY(transcode(reader, writer));
        if (map) LWM2M_TRY(transcode(reader, writer));
      }
      return lwm2m::kOk;
    }
    case MajorType::kSimple: {
      if (head->is_float()) {
        Result<double> d = reader.read_float();
        if (!d.ok()) return d.status();
        writer.write_float(*d);
        return lwm2m::kOk;
      }
      if (head->is_break()) return Error::kMalformed;
      (void)reader.read_head();
      writer.write_simple(static_cast<uint8_t>(head->argument));
      return lwm2m::kOk;
    }
  }
  return Error::kInternal;
}

std::vector<uint8_t> transcode(const std::vector<uint8_t>& bytes) {
  std::vector<uint8_t> out(bytes.size() + 16);
  CborReader reader(bytes);
  CborWriter writer{std::span<uint8_t>(out)};
  if (!transcode(reader, writer).ok() || !writer.status().ok()) return {};
  out.resize(writer.size());
  return out;
}

}  // namespace cbor_test
