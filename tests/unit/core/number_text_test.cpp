#include <gtest/gtest.h>

#include <string>

#include "lwm2m/core/number_text.h"

using namespace lwm2m;

namespace {
std::string fmt_double(double v) {
  char buf[kMaxNumberText];
  auto n = format_double(v, buf);
  EXPECT_TRUE(n.ok());
  return n.ok() ? std::string(buf, *n) : std::string();
}
}  // namespace

TEST(NumberText, IntegersAtTheLimits) {
  char buf[kMaxNumberText];
  EXPECT_EQ(std::string(buf, *format_int64(INT64_MIN, buf)), "-9223372036854775808");
  EXPECT_EQ(std::string(buf, *format_uint64(UINT64_MAX, buf)), "18446744073709551615");
  EXPECT_EQ(*parse_int64("-9223372036854775808"), INT64_MIN);
  EXPECT_EQ(parse_int64("-9223372036854775809").error(), Error::kOutOfRange);
  EXPECT_EQ(parse_uint64("18446744073709551616").error(), Error::kOutOfRange);
  EXPECT_EQ(parse_int64("-").error(), Error::kMalformed);
  char tiny[2];
  EXPECT_EQ(format_int64(-10, tiny).error(), Error::kBufferTooSmall);
}

TEST(NumberText, DoublesRoundTripShortest) {
  EXPECT_EQ(fmt_double(21), "21");
  EXPECT_EQ(fmt_double(22.5), "22.5");
  EXPECT_EQ(fmt_double(0.1), "0.1");
  EXPECT_EQ(fmt_double(-3.25), "-3.25");
  for (double v : {0.1, 1.0 / 3, 1e-300, 1.7976931348623157e308, -2.5e-7, 123456.789}) {
    EXPECT_EQ(*parse_double(fmt_double(v)), v) << v;
  }
  char buf[kMaxNumberText];
  EXPECT_EQ(format_double(1.0 / 0.0, buf).error(), Error::kOutOfRange);
}

TEST(NumberText, DoubleGrammarIsStrict) {
  for (const char* bad : {"", "1.", ".5", "1e", "+1", " 1", "0x10", "inf", "1e+"}) {
    EXPECT_FALSE(parse_double(bad).ok()) << bad;
  }
  EXPECT_EQ(*parse_double("-0.5E+2"), -50.0);
}
