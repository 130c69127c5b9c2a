#include "lwm2m/tlv/tlv_decoder.h"

namespace lwm2m {

TlvDecoder::TlvDecoder(std::span<const uint8_t> payload, const Path& request_path)
    : payload_(payload), request_(request_path) {
  rewind();
}

void TlvDecoder::rewind() {
  levels_[0] = Level{};
  levels_[0].end = payload_.size();
  levels_[0].path = request_;
  depth_ = 1;
  pos_ = 0;
  error_ = Error::kOk;
  top_wrapped_ = false;
}

Result<uint16_t> TlvDecoder::wrapped_instance_id(std::span<const uint8_t> payload) {
  if (payload.empty()) return Error::kNotFound;
  Result<TlvHeader> h = parse_tlv_header(payload);
  if (!h.ok()) return h.error();
  if (h->kind != TlvKind::kObjectInstance) return Error::kNotFound;
  if (h->id == kReservedId) return Error::kInvalidPath;
  return h->id;
}

Result<bool> TlvDecoder::next(DecodedRecord& out) {
  if (error_ != Error::kOk) return error_;
  Result<bool> r = step(out);
  if (!r.ok()) error_ = r.error();
  return r;
}

Result<bool> TlvDecoder::step(DecodedRecord& out) {
  if (request_.is_root()) return Error::kBadRequest;
  for (;;) {
    Level& level = levels_[depth_ - 1];
    if (pos_ == level.end) {
      if (depth_ == 1) return false;
      --depth_;  // children never run past their container, so it is consumed exactly
      continue;
    }

    Result<TlvHeader> parsed = parse_tlv_header(payload_.subspan(pos_, level.end - pos_));
    // Running out inside a container means the container's length is wrong.
    if (!parsed.ok()) return depth_ == 1 ? parsed.error() : Error::kMalformed;
    const TlvHeader h = *parsed;
    if (h.id == kReservedId) return Error::kInvalidPath;

    Path path;
    if (depth_ == 1) {
      Result<Path> placed = place_at_top(h);
      if (!placed.ok()) return placed.error();
      path = *placed;
    } else {
      if (tlv_path_depth(h.kind) != level.child_depth) return Error::kMalformed;
      Result<Path> child = level.path.child(h.id);
      if (!child.ok()) return child.error();
      path = *child;
    }
    LWM2M_TRY(check_duplicate(level, h.id));

    size_t value_at = pos_ + h.header_size;
    if (tlv_is_container(h.kind)) {
      if (depth_ == kMaxLevels) return Error::kTooDeep;  // unreachable by the level rules; kept as a guard
      Level& inner = levels_[depth_++];
      inner = Level{};
      inner.end = value_at + h.length;
      inner.first_child = value_at;
      inner.path = path;
      inner.child_depth = static_cast<uint8_t>(tlv_path_depth(h.kind) + 1);
      pos_ = value_at;
      continue;
    }

    out = DecodedRecord{};
    out.path = path;
    // The bytes mean nothing until convert() knows the resource's data type.
    out.value.value.type = DataType::kOpaque;
    out.value.value.bytes = payload_.subspan(value_at, h.length);
    out.value.encoding = WireEncoding::kTlvBytes;
    pos_ = value_at + h.length;
    return true;
  }
}

Result<Path> TlvDecoder::place_at_top(const TlvHeader& h) {
  uint8_t depth = tlv_path_depth(h.kind);
  uint8_t request_depth = request_.depth();
  Level& top = levels_[0];
  if (depth == request_depth) {
    // The TLV names the request path itself (e.g. an Object Instance TLV in a
    // write on /o/i): its id must agree, and it must be the only top-level TLV.
    if (h.id != request_.id(request_depth - 1u)) return Error::kBadRequest;
    if (top.has_child) return top_wrapped_ ? Error::kDuplicate : Error::kMalformed;
    top_wrapped_ = true;
    return request_;
  }
  if (depth == request_depth + 1) {
    if (top_wrapped_) return Error::kMalformed;
    return request_.child(h.id);
  }
  return Error::kMalformed;
}

Status TlvDecoder::check_duplicate(Level& level, uint16_t id) {
  // Servers usually send ascending ids; only a step back needs a look at the
  // earlier siblings (already validated, so their headers parse).
  if (level.has_child && !(level.ascending && id > level.last_id)) {
    for (size_t at = level.first_child; at < pos_;) {
      Result<TlvHeader> sibling = parse_tlv_header(payload_.subspan(at, level.end - at));
      if (!sibling.ok()) return Error::kInternal;
      if (sibling->id == id) return Error::kDuplicate;
      at += sibling->header_size + sibling->length;
    }
    level.ascending = false;
  }
  level.has_child = true;
  level.last_id = id;
  return kOk;
}

}  // namespace lwm2m
