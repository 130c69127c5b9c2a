#include "lwm2m/cbor/cbor_reader.h"

#include <cstring>

#include "lwm2m/cbor/cbor_float.h"
#include "lwm2m/core/value.h"

namespace lwm2m::cbor {

CborReader::CborReader(std::span<const uint8_t> input, uint8_t max_depth)
    : in_(input), max_depth_(max_depth > kMaxDepthLimit ? kMaxDepthLimit : max_depth) {}

Result<CborHead> CborReader::decode_head(size_t at, size_t& size) const {
  if (at >= in_.size()) return Error::kTruncated;
  const uint8_t initial = in_[at];
  CborHead head;
  head.major = static_cast<MajorType>(initial >> 5);
  head.info = initial & 0x1f;
  size = 1;
  if (head.info < kInfoOneByte) {
    head.argument = head.info;
    return head;
  }
  if (head.info == kInfoIndefinite) {
    // Indefinite length exists only for strings, arrays and maps; 0xff is the break.
    if (head.major == MajorType::kUnsigned || head.major == MajorType::kNegative ||
        head.major == MajorType::kTag)
      return Error::kMalformed;
    return head;
  }
  if (head.info > kInfoEightBytes) return Error::kMalformed;  // 28..30 are reserved
  const size_t width = size_t{1} << (head.info - kInfoOneByte);
  if (in_.size() - at - 1 < width) return Error::kTruncated;
  uint64_t argument = 0;
  for (size_t i = 0; i < width; ++i) argument = argument << 8 | in_[at + 1 + i];
  // Simple values below 32 have a one-byte form only (RFC 8949 §3.3).
  if (head.major == MajorType::kSimple && head.info == kInfoOneByte && argument < 32)
    return Error::kMalformed;
  head.argument = argument;
  size = 1 + width;
  return head;
}

Result<CborHead> CborReader::peek_head() const {
  size_t size;
  return decode_head(pos_, size);
}

Result<CborHead> CborReader::read_head() {
  size_t size;
  Result<CborHead> head = decode_head(pos_, size);
  if (head.ok()) pos_ += size;
  return head;
}

Status CborReader::read_break() {
  if (pos_ >= in_.size()) return Error::kTruncated;
  if (in_[pos_] != kBreakByte) return Error::kTypeMismatch;
  ++pos_;
  return kOk;
}

Result<uint64_t> CborReader::read_unsigned() {
  size_t size;
  Result<CborHead> head = decode_head(pos_, size);
  if (!head.ok()) return head.error();
  if (head->major != MajorType::kUnsigned) return Error::kTypeMismatch;
  pos_ += size;
  return head->argument;
}

Result<int64_t> CborReader::read_int() {
  size_t size;
  Result<CborHead> head = decode_head(pos_, size);
  if (!head.ok()) return head.error();
  if (head->major != MajorType::kUnsigned && head->major != MajorType::kNegative)
    return Error::kTypeMismatch;
  if (head->argument > static_cast<uint64_t>(INT64_MAX)) return Error::kOutOfRange;
  pos_ += size;
  const int64_t n = static_cast<int64_t>(head->argument);
  return head->major == MajorType::kUnsigned ? n : -1 - n;
}

Result<std::span<const uint8_t>> CborReader::take(uint64_t length) {
  if (length > remaining()) return Error::kTruncated;
  std::span<const uint8_t> content = in_.subspan(pos_, static_cast<size_t>(length));
  pos_ += static_cast<size_t>(length);
  return content;
}

Result<std::span<const uint8_t>> CborReader::read_definite_string(MajorType type) {
  const size_t start = pos_;
  size_t size;
  Result<CborHead> head = decode_head(pos_, size);
  if (!head.ok()) return head.error();
  if (head->major != type) return Error::kTypeMismatch;
  if (head->indefinite()) return Error::kUnsupportedFormat;
  pos_ += size;
  Result<std::span<const uint8_t>> content = take(head->argument);
  if (content.ok() && type == MajorType::kText && !is_valid_utf8(*content))
    content = Error::kInvalidUtf8;
  if (!content.ok()) pos_ = start;
  return content;
}

Result<std::span<const uint8_t>> CborReader::read_bytes() {
  return read_definite_string(MajorType::kBytes);
}

Result<std::string_view> CborReader::read_text() {
  Result<std::span<const uint8_t>> content = read_definite_string(MajorType::kText);
  if (!content.ok()) return content.error();
  return std::string_view(reinterpret_cast<const char*>(content->data()), content->size());
}

Result<bool> CborReader::next_chunk(MajorType string_type, std::span<const uint8_t>& chunk) {
  Result<CborHead> head = read_head();
  if (!head.ok()) return head.error();
  if (head->is_break()) return false;
  if (head->major != string_type || head->indefinite()) return Error::kMalformed;
  Result<std::span<const uint8_t>> content = take(head->argument);
  if (!content.ok()) return content.error();
  if (string_type == MajorType::kText && !is_valid_utf8(*content)) return Error::kInvalidUtf8;
  chunk = *content;
  return true;
}

Result<size_t> CborReader::read_string_into(MajorType type, std::span<uint8_t> scratch) {
  const size_t start = pos_;
  Result<CborHead> head = peek_head();
  if (!head.ok()) return head.error();
  if (head->major != type) return Error::kTypeMismatch;
  size_t length = 0;
  Status status;
  if (!head->indefinite()) {
    Result<std::span<const uint8_t>> content = read_definite_string(type);
    status = content.status();
    if (status.ok() && content->size() > scratch.size()) status = Error::kBufferTooSmall;
    if (status.ok()) {
      if (!content->empty()) std::memcpy(scratch.data(), content->data(), content->size());
      length = content->size();
    }
  } else {
    (void)read_head();
    std::span<const uint8_t> chunk;
    for (;;) {
      Result<bool> more = next_chunk(type, chunk);
      if (!more.ok()) {
        status = more.status();
        break;
      }
      if (!*more) break;
      if (chunk.size() > scratch.size() - length) {
        status = Error::kBufferTooSmall;
        break;
      }
      if (!chunk.empty()) std::memcpy(scratch.data() + length, chunk.data(), chunk.size());
      length += chunk.size();
    }
  }
  if (!status.ok()) {
    pos_ = start;
    return status;
  }
  return length;
}

Result<size_t> CborReader::read_bytes_into(std::span<uint8_t> scratch) {
  return read_string_into(MajorType::kBytes, scratch);
}

Result<size_t> CborReader::read_text_into(std::span<uint8_t> scratch) {
  return read_string_into(MajorType::kText, scratch);
}

Result<ContainerHeader> CborReader::read_container(MajorType type) {
  size_t size;
  Result<CborHead> head = decode_head(pos_, size);
  if (!head.ok()) return head.error();
  if (head->major != type) return Error::kTypeMismatch;
  ContainerHeader container;
  container.indefinite = head->indefinite();
  container.count = head->argument;
  // Every item takes at least one byte; a map pair at least two.
  const uint64_t room = (in_.size() - pos_ - size) / (type == MajorType::kMap ? 2 : 1);
  if (!container.indefinite && container.count > room) return Error::kTruncated;
  pos_ += size;
  return container;
}

Result<ContainerHeader> CborReader::read_array() { return read_container(MajorType::kArray); }
Result<ContainerHeader> CborReader::read_map() { return read_container(MajorType::kMap); }

Result<uint64_t> CborReader::read_tag() {
  size_t size;
  Result<CborHead> head = decode_head(pos_, size);
  if (!head.ok()) return head.error();
  if (head->major != MajorType::kTag) return Error::kTypeMismatch;
  pos_ += size;
  return head->argument;
}

Result<bool> CborReader::read_bool() {
  if (pos_ >= in_.size()) return Error::kTruncated;
  const uint8_t b = in_[pos_];
  if (b != (0xe0 | kSimpleFalse) && b != (0xe0 | kSimpleTrue)) return Error::kTypeMismatch;
  ++pos_;
  return b == (0xe0 | kSimpleTrue);
}

Status CborReader::read_null() {
  if (pos_ >= in_.size()) return Error::kTruncated;
  if (in_[pos_] != (0xe0 | kSimpleNull)) return Error::kTypeMismatch;
  ++pos_;
  return kOk;
}

Result<double> CborReader::read_float() {
  size_t size;
  Result<CborHead> head = decode_head(pos_, size);
  if (!head.ok()) return head.error();
  if (!head->is_float()) return Error::kTypeMismatch;
  pos_ += size;
  switch (head->info) {
    case kInfoTwoBytes: return half_to_double(static_cast<uint16_t>(head->argument));
    case kInfoFourBytes: return single_to_double(static_cast<uint32_t>(head->argument));
    default: return double_from_bits(head->argument);
  }
}

Status CborReader::skip_chunks(MajorType type) {
  std::span<const uint8_t> chunk;
  for (;;) {
    Result<bool> more = next_chunk(type, chunk);
    if (!more.ok()) return more.status();
    if (!*more) return kOk;
  }
}

Status CborReader::skip() {
  // One frame per open array or map; the item being skipped is complete when
  // the stack is empty again. Tags add no frame: their content is simply the
  // next item.
  struct Frame {
    uint64_t remaining;  // items left (definite); items seen (indefinite map parity)
    bool indefinite;
    bool is_map;
  };
  Frame stack[kMaxDepthLimit];
  size_t depth = 0;
  bool after_tag = false;  // a tag's content may not be a break
  for (;;) {
    Result<CborHead> head = read_head();
    if (!head.ok()) return head.status();
    bool item_done = false;
    if (head->is_break()) {
      // A break closes only an indefinite array or map, after whole pairs.
      if (after_tag || depth == 0 || !stack[depth - 1].indefinite) return Error::kMalformed;
      if (stack[depth - 1].is_map && (stack[depth - 1].remaining & 1)) return Error::kMalformed;
      --depth;
      item_done = true;
    } else {
      switch (head->major) {
        case MajorType::kUnsigned:
        case MajorType::kNegative:
        case MajorType::kSimple:
          item_done = true;
          break;
        case MajorType::kBytes:
        case MajorType::kText:
          if (head->indefinite()) {
            LWM2M_TRY(skip_chunks(head->major));
          } else {
            Result<std::span<const uint8_t>> content = take(head->argument);
            if (!content.ok()) return content.status();
            if (head->major == MajorType::kText && !is_valid_utf8(*content)) return Error::kInvalidUtf8;
          }
          item_done = true;
          break;
        case MajorType::kTag:
          break;  // the tag content follows
        case MajorType::kArray:
        case MajorType::kMap: {
          const bool is_map = head->major == MajorType::kMap;
          if (!head->indefinite()) {
            const uint64_t room = remaining() / (is_map ? 2 : 1);
            if (head->argument > room) return Error::kTruncated;
            if (head->argument == 0) {
              item_done = true;
              break;
            }
          }
          if (depth >= max_depth_) return Error::kTooDeep;
          // Pairs count as two items; the room check above keeps this from overflowing.
          const uint64_t items = is_map ? head->argument * 2 : head->argument;
          stack[depth++] = Frame{head->indefinite() ? 0 : items, head->indefinite(), is_map};
          break;
        }
      }
    }
    after_tag = head->major == MajorType::kTag;
    // A finished item counts towards its container, which may finish in turn.
    while (item_done && depth > 0) {
      Frame& top = stack[depth - 1];
      if (top.indefinite) {
        ++top.remaining;
        item_done = false;
      } else if (--top.remaining == 0) {
        --depth;
      } else {
        item_done = false;
      }
    }
    if (item_done && depth == 0) return kOk;
  }
}

Status check_well_formed(std::span<const uint8_t> input, uint8_t max_depth) {
  CborReader reader(input, max_depth);
  LWM2M_TRY(reader.skip());
  if (!reader.at_end()) return Error::kMalformed;  // trailing bytes after the item
  return kOk;
}

}  // namespace lwm2m::cbor
