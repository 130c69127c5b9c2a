// Decimal text for numbers, shared by text/plain, SenML JSON and OMA JSON.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "lwm2m/core/status.h"

namespace lwm2m {

// Strict decimal integers: optional '-', digits, no spaces, no '+'.
Result<int64_t> parse_int64(std::string_view text);
Result<uint64_t> parse_uint64(std::string_view text);
// Decimal or exponent notation ("1.5", "-2e3"); rejects inf/nan/hex and spaces.
Result<double> parse_double(std::string_view text);

// Each returns the number of chars written into out.
Result<size_t> format_int64(int64_t v, std::span<char> out);
Result<size_t> format_uint64(uint64_t v, std::span<char> out);
// Shortest text that parses back to the same double; integral values print
// without exponent or fraction ("21" rather than "21.0"). NaN/inf are refused.
Result<size_t> format_double(double v, std::span<char> out);

inline constexpr size_t kMaxNumberText = 32;

}  // namespace lwm2m
