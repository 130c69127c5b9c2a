// OMA LwM2M JSON encoder (application/vnd.oma.lwm2m+json, content format
// 11543; Core TS 1.0 §6.4.4 "JSON", kept in Core TS 1.1 for older servers).
//
//   {"bn":"/3/0/","e":[{"n":"0","sv":"Open Mobile Alliance"},{"n":"7/0","v":3800}]}
//
// "bn" is the request path with a trailing '/', each entry's "n" the rest of
// the record's path (omitted when empty). Values: "v" for Integer, Unsigned
// Integer, Float and Time, "bv" for Boolean, "sv" for String, Corelnk and
// Opaque (base64, RFC 4648 §4), "ov" for Objlnk as "object:instance".
// Timestamped records carry "t" (absolute seconds; no "bt" is written).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "lwm2m/core/byte_writer.h"
#include "lwm2m/core/record.h"
#include "lwm2m/json/json_writer.h"

namespace lwm2m {

class OmaJsonEncoder final : public RecordEncoder {
 public:
  explicit OmaJsonEncoder(std::span<uint8_t> out) : out_(out), json_(out_) {}

  Status begin(const Path& request_path) override;
  // kNotAcceptable for a value of type None; kInternal for a record outside
  // the request path, above resource level, or not after the previous one.
  Status add(const Record& record) override;
  Result<size_t> finish() override;

 private:
  Status write_value(const Value& v);

  ByteWriter out_;
  JsonWriter json_;
  Path request_;
  Path last_;
  bool last_had_time_ = false;
  bool begun_ = false;
  bool any_record_ = false;
  Error error_ = Error::kOk;
};

}  // namespace lwm2m
