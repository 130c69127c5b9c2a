#include "lwm2m/tlv/tlv_encoder.h"

#include <cstring>

#include "lwm2m/tlv/tlv_value.h"

namespace lwm2m {

Status TlvEncoder::begin(const Path& request_path) {
  size_ = 0;
  has_last_ = false;
  instance_ = {};
  multiple_ = {};
  request_ = request_path;
  error_ = Error::kOk;
  begun_ = false;
  if (request_path.is_root()) return fail(Error::kNotAcceptable);
  begun_ = true;
  return kOk;
}

Status TlvEncoder::check_order(const Path& path) const {
  if (path.depth() < Path::kResource || !path.is_within(request_)) return Error::kInternal;
  if (!has_last_) return kOk;
  if (!(last_ < path)) return Error::kInternal;
  // A single-instance resource followed by an instance of itself.
  if (last_.depth() == Path::kResource && path.is_within(last_)) return Error::kInternal;
  return kOk;
}

Status TlvEncoder::add(const Record& record) {
  if (error_ != Error::kOk) return error_;
  if (!begun_) return fail(Error::kInternal);
  const Path& path = record.path;
  if (Status s = check_order(path); !s.ok()) return fail(s);

  Result<TlvValue> value = TlvValue::of(record.value);
  if (!value.ok()) return fail(Error::kNotAcceptable);

  // Close the containers this record lies outside of (innermost first).
  Path resource = path.prefix(Path::kResource);
  Path instance = path.prefix(Path::kInstance);
  if (multiple_.open && !(path.depth() == Path::kResourceInstance && resource == multiple_.path))
    LWM2M_TRY(close(multiple_, TlvKind::kMultipleResource, multiple_.path.resource()));
  if (instance_.open && !(instance == instance_.path))
    LWM2M_TRY(close(instance_, TlvKind::kObjectInstance, instance_.path.instance()));

  // Open the containers the request level calls for.
  if (request_.depth() == Path::kObject && !instance_.open) LWM2M_TRY(open(instance_, instance));
  if (path.depth() == Path::kResourceInstance && request_.depth() <= Path::kResource && !multiple_.open)
    LWM2M_TRY(open(multiple_, resource));

  if (path.depth() == Path::kResource)
    LWM2M_TRY(append_item(TlvKind::kResourceValue, path.resource(), value->bytes()));
  else
    LWM2M_TRY(append_item(TlvKind::kResourceInstance, path.resource_instance(), value->bytes()));

  last_ = path;
  has_last_ = true;
  return kOk;
}

Result<size_t> TlvEncoder::finish() {
  if (error_ != Error::kOk) return error_;
  if (!begun_) return fail(Error::kInternal);
  if (multiple_.open) LWM2M_TRY(close(multiple_, TlvKind::kMultipleResource, multiple_.path.resource()));
  if (instance_.open) LWM2M_TRY(close(instance_, TlvKind::kObjectInstance, instance_.path.instance()));
  begun_ = false;
  return size_;
}

Status TlvEncoder::open(Container& c, const Path& path) {
  if (out_.size() - size_ < kTlvMaxHeaderSize) return fail(Error::kBufferTooSmall);
  c.open = true;
  c.path = path;
  c.header_at = size_;
  size_ += kTlvMaxHeaderSize;
  c.content_at = size_;
  return kOk;
}

Status TlvEncoder::close(Container& c, TlvKind kind, uint16_t id) {
  c.open = false;
  size_t content = size_ - c.content_at;
  if (content > kTlvMaxLength) return fail(Error::kOutOfRange);
  uint8_t* base = out_.data();
  Result<size_t> header = write_tlv_header(kind, id, content, out_.subspan(c.header_at, kTlvMaxHeaderSize));
  if (!header.ok()) return fail(header.status());
  // The header came out shorter than reserved: slide the content down to it.
  if (*header < kTlvMaxHeaderSize) {
    std::memmove(base + c.header_at + *header, base + c.content_at, content);
    size_ -= kTlvMaxHeaderSize - *header;
  }
  return kOk;
}

Status TlvEncoder::append_item(TlvKind kind, uint16_t id, std::span<const uint8_t> value) {
  if (value.size() > kTlvMaxLength) return fail(Error::kOutOfRange);
  size_t header_size = tlv_header_size(id, value.size());
  if (out_.size() - size_ < header_size || out_.size() - size_ - header_size < value.size())
    return fail(Error::kBufferTooSmall);
  Result<size_t> header = write_tlv_header(kind, id, value.size(), out_.subspan(size_));
  if (!header.ok()) return fail(header.status());
  size_ += *header;
  if (!value.empty()) std::memcpy(out_.data() + size_, value.data(), value.size());
  size_ += value.size();
  return kOk;
}

}  // namespace lwm2m
