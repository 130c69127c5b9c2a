// Execute arguments (Core TS 1.2 §5.4.5 / Appendix: "0='abc',1,2='x'"):
// a comma-separated list of single-digit argument numbers, each with an
// optional value in single quotes. The value may not itself contain a quote.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "lwm2m/core/status.h"

namespace lwm2m {

struct ExecuteArgument {
  uint8_t number = 0;          // 0..9
  bool has_value = false;
  std::string_view value;      // without the quotes
};

class ExecuteArgs {
 public:
  explicit ExecuteArgs(std::span<const uint8_t> text)
      : text_(reinterpret_cast<const char*>(text.data()), text.size()) {}
  // true with an argument, false at the end, or kBadRequest when malformed.
  Result<bool> next(ExecuteArgument& out);
  // Checks the whole list once (and that no argument number repeats).
  static Status validate(std::span<const uint8_t> text);

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace lwm2m
