// What text/plain and opaque share: the payload is exactly one value, that of
// a single resource or of one resource instance (Core TS §7.4.1, §7.4.2).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "lwm2m/core/record.h"

namespace lwm2m {

constexpr bool addresses_single_value(const Path& p) {
  return p.depth() == Path::kResource || p.depth() == Path::kResourceInstance;
}

// Encodes the one record of a Read on /o/i/r or /o/i/r/ri with write_value().
// begin() on any other path is kNotAcceptable, as is a record below the
// request path (a multiple-instance resource has no single-value form) or a
// value write_value() refuses. A second record, or one outside the request,
// is kInternal. A read without a record gives an empty payload.
class SingleValueEncoder : public RecordEncoder {
 public:
  Status begin(const Path& request_path) override;
  Status add(const Record& record) override;
  Result<size_t> finish() override;

 protected:
  explicit SingleValueEncoder(std::span<uint8_t> out) : out_(out) {}
  // Writes the value into out; returns its size.
  virtual Result<size_t> write_value(const Value& value, std::span<uint8_t> out) = 0;

 private:
  Status fail(Status s) {
    error_ = s.error();
    return s;
  }

  std::span<uint8_t> out_;
  Path request_;
  size_t size_ = 0;
  bool begun_ = false;
  bool has_record_ = false;
  Error error_ = Error::kOk;
};

// Yields one record at the request path carrying the whole payload as `value`
// (bytes filled in by the caller's template). A request path that is not a
// resource or resource instance gives kBadRequest.
class SingleValueDecoder : public RecordDecoder {
 public:
  Result<bool> next(DecodedRecord& out) override;
  void rewind() override { done_ = false; }

 protected:
  SingleValueDecoder(const Path& request_path, const DecodedValue& value) : request_(request_path), value_(value) {}

 private:
  Path request_;
  DecodedValue value_;
  bool done_ = false;
};

}  // namespace lwm2m
