#include "lwm2m/model/execute_args.h"

namespace lwm2m {

Result<bool> ExecuteArgs::next(ExecuteArgument& out) {
  if (pos_ >= text_.size()) return false;
  if (pos_ > 0) {
    if (text_[pos_] != ',') return Error::kBadRequest;
    if (++pos_ >= text_.size()) return Error::kBadRequest;  // trailing comma
  }
  char digit = text_[pos_];
  if (digit < '0' || digit > '9') return Error::kBadRequest;
  out = ExecuteArgument{};
  out.number = static_cast<uint8_t>(digit - '0');
  ++pos_;
  if (pos_ < text_.size() && text_[pos_] == '=') {
    if (++pos_ >= text_.size() || text_[pos_] != '\'') return Error::kBadRequest;
    size_t close = text_.find('\'', pos_ + 1);
    if (close == std::string_view::npos) return Error::kBadRequest;
    out.has_value = true;
    out.value = text_.substr(pos_ + 1, close - pos_ - 1);
    pos_ = close + 1;
  }
  if (pos_ < text_.size() && text_[pos_] != ',') return Error::kBadRequest;
  return true;
}

Status ExecuteArgs::validate(std::span<const uint8_t> text) {
  ExecuteArgs args(text);
  uint16_t seen = 0;
  ExecuteArgument arg;
  for (;;) {
    Result<bool> more = args.next(arg);
    if (!more.ok()) return more.status();
    if (!*more) return kOk;
    if (seen & (1u << arg.number)) return Error::kBadRequest;
    seen = static_cast<uint16_t>(seen | 1u << arg.number);
  }
}

}  // namespace lwm2m
