#include "lwm2m/text/single_value_codec.h"

namespace lwm2m {

Status SingleValueEncoder::begin(const Path& request_path) {
  request_ = request_path;
  size_ = 0;
  has_record_ = false;
  error_ = Error::kOk;
  begun_ = addresses_single_value(request_path);
  if (!begun_) return fail(Error::kNotAcceptable);
  return kOk;
}

Status SingleValueEncoder::add(const Record& record) {
  if (error_ != Error::kOk) return error_;
  if (!begun_ || has_record_) return fail(Error::kInternal);
  if (!(record.path == request_)) {
    // Instances of a multiple resource read on /o/i/r: no single-value form.
    if (record.path.is_within(request_)) return fail(Error::kNotAcceptable);
    return fail(Error::kInternal);
  }
  Result<size_t> n = write_value(record.value, out_);
  if (!n.ok()) return fail(n.error() == Error::kBufferTooSmall ? n.error() : Error::kNotAcceptable);
  size_ = *n;
  has_record_ = true;
  return kOk;
}

Result<size_t> SingleValueEncoder::finish() {
  if (error_ != Error::kOk) return error_;
  if (!begun_) return fail(Error::kInternal);
  begun_ = false;
  return size_;
}

Result<bool> SingleValueDecoder::next(DecodedRecord& out) {
  if (!addresses_single_value(request_)) return Error::kBadRequest;
  if (done_) return false;
  out = DecodedRecord{};
  out.path = request_;
  out.value = value_;
  done_ = true;
  return true;
}

}  // namespace lwm2m
