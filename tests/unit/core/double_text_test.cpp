// parse_double and format_double against the host's libc (glibc's strtod and
// printf are correctly rounded): hand-picked hard cases, then random doubles
// and random decimal strings. libc is used here in the test only.
#include <gtest/gtest.h>

#include <bit>
#include <cerrno>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

#include "lwm2m/core/big_uint.h"
#include "lwm2m/core/decimal_float.h"
#include "lwm2m/core/number_text.h"

using namespace lwm2m;

namespace {

uint64_t bits_of(double v) { return std::bit_cast<uint64_t>(v); }

std::string format(double v) {
  char buf[kMaxNumberText];
  Result<size_t> n = format_double(v, buf);
  EXPECT_TRUE(n.ok()) << "format_double failed for bits " << std::hex << bits_of(v);
  return n.ok() ? std::string(buf, *n) : std::string("<error>");
}

// What the host's strtod says, as our API would: inf becomes kOutOfRange.
Result<double> host_strtod(const std::string& text) {
  double v = std::strtod(text.c_str(), nullptr);
  if (std::isinf(v)) return Error::kOutOfRange;
  return v;
}

// parse_double agrees with strtod to the bit, errors included.
::testing::AssertionResult parses_like_strtod(const std::string& text) {
  Result<double> ours = parse_double(text);
  Result<double> host = host_strtod(text);
  if (ours.ok() != host.ok() || ours.error() != host.error()) {
    return ::testing::AssertionFailure() << text << ": ours " << error_name(ours.error()) << ", strtod "
                                         << error_name(host.error());
  }
  if (ours.ok() && bits_of(*ours) != bits_of(*host)) {
    char a[40], b[40];
    std::snprintf(a, sizeof a, "%.17g", *ours);
    std::snprintf(b, sizeof b, "%.17g", *host);
    return ::testing::AssertionFailure() << text << ": ours " << a << ", strtod " << b;
  }
  return ::testing::AssertionSuccess();
}

// Significant digits and the power of ten of the leading one, whatever the layout.
struct Normalized {
  std::string digits;
  int leading_power = 0;
  bool operator==(const Normalized&) const = default;
};

Normalized normalize(std::string_view text) {
  if (!text.empty() && text[0] == '-') text.remove_prefix(1);
  int exponent = 0;
  size_t e = text.find_first_of("eE");
  if (e != std::string_view::npos) {
    exponent = std::atoi(std::string(text.substr(e + 1)).c_str());
    text = text.substr(0, e);
  }
  std::string digits;
  int point = static_cast<int>(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '.') {
      point = static_cast<int>(i);
    } else {
      digits += text[i];
    }
  }
  size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return {"0", 0};
  Normalized n;
  n.leading_power = point - 1 - static_cast<int>(first) + exponent;
  n.digits = digits.substr(first);
  n.digits.erase(n.digits.find_last_not_of('0') + 1);
  return n;
}

// The reference for "shortest": the first %.{1..17}g that strtod reads back.
std::string shortest_by_printf(double v) {
  char buf[40];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}

// format_double reads back through both parsers, and its digits are the
// printf-shortest ones.
::testing::AssertionResult formats_shortest(double v, bool compare_with_printf = true) {
  std::string text = format(v);
  Result<double> back = parse_double(text);
  if (!back.ok() || bits_of(*back) != bits_of(v)) {
    return ::testing::AssertionFailure() << text << " does not read back (bits " << std::hex << bits_of(v) << ")";
  }
  if (bits_of(std::strtod(text.c_str(), nullptr)) != bits_of(v)) {
    return ::testing::AssertionFailure() << text << " reads back differently through strtod";
  }
  if (compare_with_printf) {
    std::string reference = shortest_by_printf(v);
    if (!(normalize(text) == normalize(reference))) {
      return ::testing::AssertionFailure() << "ours " << text << ", printf-shortest " << reference;
    }
  }
  return ::testing::AssertionSuccess();
}

double random_finite_double(std::mt19937_64& rng) {
  for (;;) {
    double v = std::bit_cast<double>(rng());
    if (std::isfinite(v)) return v;
  }
}

}  // namespace

TEST(DoubleText, ParseHardCasesLikeStrtod) {
  const char* cases[] = {
      "2.2250738585072014e-308",  // DBL_MIN
      "2.2250738585072011e-308",  // just below DBL_MIN: the largest subnormal
      "2.2250738585072012e-308",  // the famous slow case: rounds up to DBL_MIN
      "4.9406564584124654e-324",  // DBL_TRUE_MIN
      "4.9e-324", "5e-324", "3e-324", "2.5e-324",
      "2.4703282292062327e-324",  // just below half of DBL_TRUE_MIN: 0
      "2.4703282292062328e-324",  // just above half: DBL_TRUE_MIN
      "1.7976931348623157e308",   // DBL_MAX
      "1.7976931348623158e308",   // still DBL_MAX
      "1.7976931348623159e308",   // past the midpoint to 2^1024: overflow
      "9007199254740993",         // 2^53 + 1: a tie, to even 2^53
      "9007199254740995",         // 2^53 + 3: a tie, to even 2^53 + 4
      "9007199254740993.0000000000000000000000000000000000000000001",  // just past the tie
      "9007199254740991", "9007199254740992",
      "0.1", "0.2", "0.3", "1e23", "8.5e-323", "1e-400", "-1e-400", "1e309", "-1e309", "1e308",
      "0", "-0", "0.0", "-0.0", "0e999999999", "000000000000000000000000000001",
      "1e22", "1e-22", "123456789012345e22", "123456789012345e-22", "1234567890123456e-22",
      "7.038531e-26", "9.1e-7", "1.00000000000000011102230246251565404236316680908203125",
      "1.00000000000000011102230246251565404236316680908203124",
      "1.00000000000000011102230246251565404236316680908203126",
      "4503599627370496.5", "4503599627370497.5", "1e-324", "1.2e-323",
      "1e99999999999999999999999", "1e-99999999999999999999999",
      "123456789012345678901234567890123456789012345678901234567890123",  // 63 chars
  };
  for (const char* text : cases) EXPECT_TRUE(parses_like_strtod(text));
  EXPECT_EQ(parse_double("1e-400").value(), 0.0);
  EXPECT_TRUE(std::signbit(*parse_double("-1e-400")));
  EXPECT_TRUE(std::signbit(*parse_double("-0")));
  EXPECT_EQ(parse_double("1e309").error(), Error::kOutOfRange);
  EXPECT_EQ(parse_double("4.9e-324").value(), std::bit_cast<double>(uint64_t{1}));
  EXPECT_EQ(parse_double("9007199254740993").value(), 9007199254740992.0);
  EXPECT_EQ(parse_double("2.2250738585072012e-308").value(), DBL_MIN);
}

TEST(DoubleText, ParseLengthLimitIsSixtyThreeChars) {
  std::string longest = "0." + std::string(60, '0') + "1";  // 63 chars
  EXPECT_TRUE(parses_like_strtod(longest));
  EXPECT_EQ(parse_double(longest + "1").error(), Error::kMalformed);
  EXPECT_EQ(parse_double("-" + std::string(62, '9')).ok(), true);
  EXPECT_TRUE(parses_like_strtod("-" + std::string(62, '9')));
  EXPECT_TRUE(parses_like_strtod(std::string(61, '9') + "e9"));
}

TEST(DoubleText, FormatHardCases) {
  EXPECT_EQ(format(std::bit_cast<double>(uint64_t{1})), "5e-324");  // DBL_TRUE_MIN
  EXPECT_EQ(format(DBL_MIN), "2.2250738585072014e-308");
  EXPECT_EQ(format(DBL_MAX), "1.7976931348623157e+308");
  EXPECT_EQ(format(-DBL_MAX), "-1.7976931348623157e+308");
  EXPECT_EQ(format(1e23), "1e+23");
  EXPECT_EQ(format(1e20), "1e+20");
  EXPECT_EQ(format(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(format(1.5e-7), "1.5e-7");
  EXPECT_EQ(format(1e-5), "1e-5");
  EXPECT_EQ(format(0.0001), "0.0001");
  EXPECT_EQ(format(0.00012345), "0.00012345");
  EXPECT_EQ(format(123456.789), "123456.789");
  EXPECT_EQ(format(9007199254740991.0), "9007199254740991");      // 2^53 - 1, integer path
  EXPECT_EQ(format(9007199254740992.0), "9007199254740992");      // 2^53, digit path, plain
  EXPECT_EQ(format(18014398509481984.0), "18014398509481984");    // 2^54: 17 digits, plain
  EXPECT_EQ(format(1152921504606846976.0), "1.152921504606847e+18");  // 2^60
  EXPECT_EQ(format(-0.0), "-0.0");
  EXPECT_EQ(format(0.0), "0");
  EXPECT_EQ(format(-21.0), "-21");
  EXPECT_EQ(format(0.5), "0.5");
  EXPECT_EQ(format(2.5e-300), "2.5e-300");
  char buf[kMaxNumberText];
  EXPECT_EQ(format_double(std::nan(""), buf).error(), Error::kOutOfRange);
  EXPECT_EQ(format_double(-INFINITY, buf).error(), Error::kOutOfRange);
  char tiny[4];
  EXPECT_EQ(format_double(0.125, tiny).error(), Error::kBufferTooSmall);
  EXPECT_EQ(format_double(-0.0, std::span<char>(tiny, 3)).error(), Error::kBufferTooSmall);
  for (double v : {DBL_MIN, DBL_MAX, DBL_EPSILON, 1e23, 0.1, 1.0 / 3, 2.2250738585072011e-308, 5e-324, 1e-5}) {
    EXPECT_TRUE(formats_shortest(v)) << v;
    EXPECT_TRUE(formats_shortest(-v)) << v;
  }
}

// The longest outputs fit kMaxNumberText.
TEST(DoubleText, LongestOutputsFit) {
  for (double v : {-2.2250738585072014e-308, -1.2345678901234567e-100, -0.00012345678901234567,
                   -1.2345678901234567e+300}) {
    std::string text = format(v);
    EXPECT_LE(text.size(), 24u) << text;
    EXPECT_TRUE(formats_shortest(v)) << text;
  }
}

// Powers of two and their neighbours, in every binade: the gap below a power
// of two is half the gap above, the case shortest-digit searches get wrong.
TEST(DoubleText, EveryBinadeEdge) {
  for (uint64_t biased = 0; biased < 0x7FF; ++biased) {
    for (uint64_t fraction : {uint64_t{0}, uint64_t{1}, (uint64_t{1} << 52) - 1, uint64_t{1} << 51}) {
      if (biased == 0 && fraction == 0) continue;
      double v = std::bit_cast<double>(biased << 52 | fraction);
      ASSERT_TRUE(formats_shortest(v)) << biased << " " << fraction;
    }
  }
}

TEST(DoubleText, RandomDoublesRoundTrip) {
  std::mt19937_64 rng(20240611);
  for (int i = 0; i < 160000; ++i) {
    double v = random_finite_double(rng);
    // printf-shortest is slow (17 printf calls): compare digits on a sample.
    ASSERT_TRUE(formats_shortest(v, i % 32 == 0)) << i;
  }
}

TEST(DoubleText, RandomSmallDoublesMatchPrintfShortest) {
  // Doubles with few digits: where the shortest output differs most from %.17g.
  std::mt19937_64 rng(7);
  for (int i = 0; i < 10000; ++i) {
    int digits = static_cast<int>(rng() % 17) + 1;
    char text[64];
    std::snprintf(text, sizeof text, "%.*e", digits - 1, random_finite_double(rng));
    double v = std::strtod(text, nullptr);
    if (!std::isfinite(v)) continue;
    ASSERT_TRUE(formats_shortest(v)) << text;
  }
}

TEST(DoubleText, RandomIntegersPrintExactly) {
  std::mt19937_64 rng(53);
  for (int i = 0; i < 20000; ++i) {
    int64_t n = static_cast<int64_t>(rng() >> (11 + rng() % 53));
    if (rng() & 1) n = -n;
    EXPECT_EQ(format(static_cast<double>(n)), std::to_string(n));
  }
}

TEST(DoubleText, RandomDecimalStringsLikeStrtod) {
  std::mt19937_64 rng(42);
  for (int i = 0; i < 200000; ++i) {
    // 1 to 40 significant digits, a point somewhere, an exponent that reaches
    // past both ends of the double range.
    std::string text;
    if (rng() & 1) text += '-';
    int digits = static_cast<int>(rng() % (rng() % 2 ? 40 : 18)) + 1;
    int point = static_cast<int>(rng() % static_cast<uint64_t>(digits + 1));
    for (int d = 0; d < digits; ++d) {
      if (d == point && d > 0) text += '.';
      text += static_cast<char>('0' + rng() % 10);
    }
    int exponent = static_cast<int>(rng() % 700) - 350;
    if (rng() % 8 != 0) {
      text += (rng() & 1) ? 'e' : 'E';
      text += std::to_string(exponent);
    }
    ASSERT_TRUE(parses_like_strtod(text));
  }
}

// Exact midpoints between neighbouring doubles, and decimals just either side
// of them: the cases that need the exact big-integer path.
TEST(DoubleText, RandomMidpointsLikeStrtod) {
  static_assert(LDBL_MANT_DIG >= 64, "midpoints are built in long double");
  std::mt19937_64 rng(1234);
  int tested = 0;
  for (int i = 0; i < 20000; ++i) {
    uint64_t f = (rng() >> 11) | uint64_t{1} << 52;
    int e2 = static_cast<int>(rng() % 200) - 60;
    long double midpoint = std::ldexp(static_cast<long double>(2 * f + 1), e2 - 1);
    char exact[200];
    std::snprintf(exact, sizeof exact, "%.120Le", midpoint);
    std::string text = exact;
    size_t e = text.find('e');
    std::string mantissa = text.substr(0, e);
    std::string exponent = text.substr(e);
    mantissa.erase(mantissa.find_last_not_of('0') + 1);
    if (mantissa.size() + exponent.size() + 10 > 63) continue;
    ASSERT_TRUE(parses_like_strtod(mantissa + exponent));
    ASSERT_TRUE(parses_like_strtod(mantissa + "0001" + exponent));  // just above
    std::string below = mantissa;
    below.back() = static_cast<char>(below.back() - 1);  // last digit is 5, never 0
    ASSERT_TRUE(parses_like_strtod(below + "9999" + exponent));  // just below
    ++tested;
  }
  EXPECT_GT(tested, 5000);
}

TEST(DecimalFloat, ExtremeExponentsAreClamped) {
  EXPECT_EQ(decimal_to_double("1", INT32_MAX).error(), Error::kOutOfRange);
  EXPECT_EQ(decimal_to_double("1", INT32_MIN).value(), 0.0);
  EXPECT_EQ(decimal_to_double("000", INT32_MAX).value(), 0.0);
  EXPECT_EQ(decimal_to_double("", 5).value(), 0.0);
  EXPECT_EQ(decimal_to_double(std::string(64, '1'), 0).error(), Error::kMalformed);
  EXPECT_EQ(shortest_decimal(0.0).error(), Error::kOutOfRange);
  EXPECT_EQ(shortest_decimal(-1.0).error(), Error::kOutOfRange);
  Result<DecimalDigits> d = shortest_decimal(0.25);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(std::string(d->digits, static_cast<size_t>(d->count)), "25");
  EXPECT_EQ(d->exponent, 0);
}

TEST(BigUint, DividesWithSmallQuotients) {
  BigUint a(1);
  a.multiply_pow10(100);  // 10^100
  BigUint b(3);
  b.multiply_pow10(90);  // 3 x 10^90 -> 10^100 / b = 3333333333.33
  EXPECT_EQ(a.divide_small_quotient(b), 3333333333u);
  BigUint one(1);
  b.multiply_pow10(10);  // now 3 x 10^100; remainder is 10^100 - 3333333333 x 3 x 10^90 = 10^90
  BigUint expected(1);
  expected.multiply_pow10(90);
  EXPECT_EQ(BigUint::compare(a, expected), 0);
  EXPECT_EQ(BigUint::compare_sum(expected, expected, one), 1);
  BigUint x(uint64_t{0xFFFFFFFFFFFFFFFF});
  x.add_small(1);
  EXPECT_EQ(x.bit_length(), 65u);
  EXPECT_EQ(x.bits_from(1), uint64_t{1} << 63);
  EXPECT_FALSE(x.any_bit_below(64));
  EXPECT_TRUE(BigUint(5).any_bit_below(1));
  EXPECT_FALSE(x.overflowed());
  x.shift_left(BigUint::kLimbs * 32);  // cannot fit: flagged, nothing written past the end
  EXPECT_TRUE(x.overflowed());
}
