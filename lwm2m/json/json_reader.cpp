#include "lwm2m/json/json_reader.h"

#include "lwm2m/core/value.h"

namespace lwm2m {

namespace {

bool is_digit(uint8_t c) { return c >= '0' && c <= '9'; }

int hex_value(uint8_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

void JsonReader::reset() {
  pos_ = 0;
  scratch_used_ = 0;
  object_bits_ = 0;
  depth_ = 0;
  expect_ = Expect::kValue;
  skipping_ = false;
  error_ = Error::kOk;
  text_ = {};
}

void JsonReader::skip_whitespace() {
  while (pos_ < input_.size()) {
    uint8_t c = input_[pos_];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
    ++pos_;
  }
}

Result<JsonToken> JsonReader::next() {
  if (error_ != Error::kOk) return error_;
  Result<JsonToken> t = read_token();
  if (!t.ok()) error_ = t.error();
  return t;
}

Result<JsonToken> JsonReader::read_token() {
  text_ = {};
  for (;;) {
    skip_whitespace();
    if (pos_ == input_.size()) return expect_ == Expect::kDone ? Result<JsonToken>(JsonToken::kEnd) : Error::kTruncated;
    uint8_t c = input_[pos_];
    switch (expect_) {
      case Expect::kDone: return Error::kMalformed;  // trailing garbage after the value
      case Expect::kKeyOrEnd:
        if (c == '}') return close(true);
        [[fallthrough]];
      case Expect::kKey: {
        if (c != '"') return Error::kMalformed;
        LWM2M_TRY(read_string(!skipping_));
        skip_whitespace();
        if (pos_ == input_.size()) return Error::kTruncated;
        if (input_[pos_] != ':') return Error::kMalformed;
        ++pos_;
        expect_ = Expect::kValue;
        return JsonToken::kKey;
      }
      case Expect::kCommaOrEnd:
        if (c == ',') {
          ++pos_;
          expect_ = top_is_object() ? Expect::kKey : Expect::kValue;
          continue;
        }
        if (c == '}' || c == ']') return close(c == '}');
        return Error::kMalformed;
      case Expect::kValueOrEnd:
        if (c == ']') return close(false);
        [[fallthrough]];
      case Expect::kValue: return read_value(c);
    }
  }
}

Result<JsonToken> JsonReader::read_value(uint8_t c) {
  switch (c) {
    case '{': LWM2M_TRY(open(true)); return JsonToken::kBeginObject;
    case '[': LWM2M_TRY(open(false)); return JsonToken::kBeginArray;
    case '"': LWM2M_TRY(read_string(!skipping_)); expect_ = after_value(); return JsonToken::kString;
    case 't': LWM2M_TRY(read_literal("true")); expect_ = after_value(); return JsonToken::kTrue;
    case 'f': LWM2M_TRY(read_literal("false")); expect_ = after_value(); return JsonToken::kFalse;
    case 'n': LWM2M_TRY(read_literal("null")); expect_ = after_value(); return JsonToken::kNull;
    default:
      if (c == '-' || is_digit(c)) {
        LWM2M_TRY(read_number());
        expect_ = after_value();
        return JsonToken::kNumber;
      }
      return Error::kMalformed;
  }
}

Status JsonReader::open(bool object) {
  if (depth_ == kMaxDepth) return Error::kTooDeep;
  uint32_t bit = 1u << depth_;
  if (object) object_bits_ |= bit;
  else object_bits_ &= ~bit;
  ++depth_;
  ++pos_;
  expect_ = object ? Expect::kKeyOrEnd : Expect::kValueOrEnd;
  return kOk;
}

Result<JsonToken> JsonReader::close(bool object) {
  if (depth_ == 0 || top_is_object() != object) return Error::kMalformed;
  --depth_;
  ++pos_;
  expect_ = after_value();
  return object ? JsonToken::kEndObject : JsonToken::kEndArray;
}

Status JsonReader::read_literal(std::string_view word) {
  if (input_.size() - pos_ < word.size()) {
    // Distinguish a cut-off literal from a wrong one.
    for (size_t i = 0; pos_ + i < input_.size(); ++i)
      if (input_[pos_ + i] != static_cast<uint8_t>(word[i])) return Error::kMalformed;
    return Error::kTruncated;
  }
  for (size_t i = 0; i < word.size(); ++i)
    if (input_[pos_ + i] != static_cast<uint8_t>(word[i])) return Error::kMalformed;
  pos_ += word.size();
  return kOk;
}

// RFC 8259 §6: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
Status JsonReader::read_number() {
  size_t start = pos_;
  size_t end = input_.size();
  size_t i = pos_;
  if (input_[i] == '-') ++i;
  if (i == end) return Error::kTruncated;
  if (input_[i] == '0') {
    ++i;
  } else if (is_digit(input_[i])) {
    while (i < end && is_digit(input_[i])) ++i;
  } else {
    return Error::kMalformed;
  }
  if (i < end && input_[i] == '.') {
    ++i;
    if (i == end) return Error::kTruncated;
    if (!is_digit(input_[i])) return Error::kMalformed;
    while (i < end && is_digit(input_[i])) ++i;
  }
  if (i < end && (input_[i] == 'e' || input_[i] == 'E')) {
    ++i;
    if (i < end && (input_[i] == '+' || input_[i] == '-')) ++i;
    if (i == end) return Error::kTruncated;
    if (!is_digit(input_[i])) return Error::kMalformed;
    while (i < end && is_digit(input_[i])) ++i;
  }
  // A number must be followed by a delimiter, not by more word characters ("01", "1x").
  if (i < end) {
    uint8_t c = input_[i];
    if (c != ',' && c != ']' && c != '}' && c != ' ' && c != '\t' && c != '\n' && c != '\r') return Error::kMalformed;
  }
  pos_ = i;
  text_ = input_.subspan(start, i - start);
  return kOk;
}

// Parses the string starting at the opening quote. When `keep` is false the
// string is only checked (used while skipping, so skipped values need no scratch).
Status JsonReader::read_string(bool keep) {
  size_t i = pos_ + 1;
  size_t end = input_.size();
  // Fast path: no escapes means the text is a view into the input.
  size_t j = i;
  while (j < end && input_[j] != '"' && input_[j] != '\\') ++j;
  if (j == end) return Error::kTruncated;
  if (input_[j] == '"') {
    std::span<const uint8_t> raw = input_.subspan(i, j - i);
    for (uint8_t c : raw)
      if (c < 0x20) return Error::kMalformed;
    if (!is_valid_utf8(raw)) return Error::kInvalidUtf8;
    text_ = keep ? raw : std::span<const uint8_t>();
    pos_ = j + 1;
    return kOk;
  }

  std::span<uint8_t> out = keep ? scratch_.subspan(scratch_used_) : std::span<uint8_t>();
  size_t o = 0;
  auto emit = [&](uint8_t b) -> bool {
    if (!keep) return true;
    if (o == out.size()) return false;
    out[o++] = b;
    return true;
  };
  auto read_hex4 = [&](size_t at) -> int32_t {
    if (end - at < 4) return -2;
    int32_t v = 0;
    for (size_t k = 0; k < 4; ++k) {
      int h = hex_value(input_[at + k]);
      if (h < 0) return -1;
      v = v << 4 | h;
    }
    return v;
  };

  size_t run_start = i;  // raw bytes since the last escape, checked as UTF-8 on their own
  while (true) {
    if (i == end) return Error::kTruncated;
    uint8_t c = input_[i];
    if (c == '"' || c == '\\') {
      if (!is_valid_utf8(input_.subspan(run_start, i - run_start))) return Error::kInvalidUtf8;
    }
    if (c == '"') break;
    if (c < 0x20) return Error::kMalformed;
    if (c != '\\') {
      if (!emit(c)) return Error::kBufferTooSmall;
      ++i;
      continue;
    }
    if (++i == end) return Error::kTruncated;
    uint8_t e = input_[i++];
    uint32_t cp;
    switch (e) {
      case '"': cp = '"'; break;
      case '\\': cp = '\\'; break;
      case '/': cp = '/'; break;
      case 'b': cp = '\b'; break;
      case 'f': cp = '\f'; break;
      case 'n': cp = '\n'; break;
      case 'r': cp = '\r'; break;
      case 't': cp = '\t'; break;
      case 'u': {
        int32_t u = read_hex4(i);
        if (u == -2) return Error::kTruncated;
        if (u < 0) return Error::kMalformed;
        i += 4;
        cp = static_cast<uint32_t>(u);
        if (cp >= 0xDC00 && cp <= 0xDFFF) return Error::kInvalidUtf8;  // low surrogate alone
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          // A high surrogate must be followed by an escaped low surrogate.
          if (i == end) return Error::kTruncated;
          if (input_[i] != '\\') return Error::kInvalidUtf8;
          if (i + 1 == end) return Error::kTruncated;
          if (input_[i + 1] != 'u') return Error::kInvalidUtf8;
          int32_t low = read_hex4(i + 2);
          if (low == -2) return Error::kTruncated;
          if (low < 0) return Error::kMalformed;
          if (low < 0xDC00 || low > 0xDFFF) return Error::kInvalidUtf8;
          i += 6;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (static_cast<uint32_t>(low) - 0xDC00);
        }
        break;
      }
      default: return Error::kMalformed;
    }
    // UTF-8 encoding of the code point.
    bool room;
    if (cp < 0x80) {
      room = emit(static_cast<uint8_t>(cp));
    } else if (cp < 0x800) {
      room = emit(static_cast<uint8_t>(0xC0 | cp >> 6)) && emit(static_cast<uint8_t>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      room = emit(static_cast<uint8_t>(0xE0 | cp >> 12)) && emit(static_cast<uint8_t>(0x80 | (cp >> 6 & 0x3F))) &&
             emit(static_cast<uint8_t>(0x80 | (cp & 0x3F)));
    } else {
      room = emit(static_cast<uint8_t>(0xF0 | cp >> 18)) && emit(static_cast<uint8_t>(0x80 | (cp >> 12 & 0x3F))) &&
             emit(static_cast<uint8_t>(0x80 | (cp >> 6 & 0x3F))) && emit(static_cast<uint8_t>(0x80 | (cp & 0x3F)));
    }
    if (!room) return Error::kBufferTooSmall;
    run_start = i;
  }
  if (keep) {
    text_ = out.first(o);
    scratch_used_ += o;
  }
  pos_ = i + 1;
  return kOk;
}

Status JsonReader::skip_value() {
  if (error_ != Error::kOk) return error_;
  skipping_ = true;
  size_t start_depth = depth_;
  Status result = kOk;
  do {
    Result<JsonToken> t = next();
    if (!t.ok()) {
      result = t.status();
      break;
    }
    bool first = depth_ <= start_depth;
    if (*t == JsonToken::kEnd || *t == JsonToken::kEndArray || *t == JsonToken::kEndObject ||
        (*t == JsonToken::kKey && first)) {
      if (depth_ < start_depth || *t == JsonToken::kEnd || *t == JsonToken::kKey) {
        // There was no value to skip here.
        result = Error::kInternal;
        error_ = result.error();
        break;
      }
    }
  } while (depth_ > start_depth);
  skipping_ = false;
  text_ = {};
  return result;
}

}  // namespace lwm2m
