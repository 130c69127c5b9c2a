// Writes CoRE Link Format (RFC 6690, content format 40) into a caller buffer:
// the object list of Register/Update (Core TS 1.2 §6.2.1) and Discover
// answers (Core TS 1.2 §6.3, Discover) with their attributes.
//
//   LinkWriter w(buffer);
//   w.begin_link(Path(3, 0, 7));     // "</3/0/7>"
//   w.add_uint("dim", 2);            // ";dim=2"
//   w.add_attributes(attrs);         // ";pmin=10;gt=50;lt=42.2"
//   w.begin_link(Path(3, 0, 8));     // ",</3/0/8>"
//   Result<size_t> n = w.finish();
//
// Errors (a full buffer, a call before the first link, a bad name or value)
// stick: every later call returns the same error and finish() reports it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "lwm2m/core/byte_writer.h"
#include "lwm2m/core/path.h"
#include "lwm2m/core/status.h"
#include "lwm2m/link/attributes.h"

namespace lwm2m {

class LinkWriter {
 public:
  explicit LinkWriter(std::span<uint8_t> out) : out_(out) {}

  // Starts a link to an LwM2M path: "</3/0>" ("</>" for the root).
  Status begin_link(const Path& path);
  // Starts a link to `target` under an alternate path prefix (Core TS §6.2.1:
  // "/lwm2m" gives "</lwm2m/3/0>"); an empty prefix is the plain path.
  Status begin_link(std::string_view prefix, const Path& path);

  // Link parameters of the current link.
  Status add_flag(std::string_view name);                          // ";name"
  Status add_uint(std::string_view name, uint64_t value);          // ";name=12"
  Status add_int(std::string_view name, int64_t value);            // ";name=-3"
  Status add_double(std::string_view name, double value);          // ";name=42.2"
  Status add_token(std::string_view name, std::string_view value);   // ";ver=1.1"
  Status add_quoted(std::string_view name, std::string_view value);  // ";rt=\"oma.lwm2m\""
  // ";ct=110" for one format, ";ct=\"60 110\"" for several (RFC 7252 §7.2.1).
  Status add_content_formats(std::span<const uint16_t> formats);
  // Every attribute that is set, in the order of AttributeId.
  Status add_attributes(const Attributes& attrs);

  // The payload size; the payload is the first bytes of the buffer.
  Result<size_t> finish();

 private:
  Status begin_param(std::string_view name);
  Status fail(Error e);
  Status check();

  ByteWriter out_;
  bool in_link_ = false;
  bool any_link_ = false;
  Error error_ = Error::kOk;
};

}  // namespace lwm2m
