// Execute arguments, Core TS 1.2 §5.4.5 (Execute) argument syntax.
#include <gtest/gtest.h>

#include <string>

#include "lwm2m/model/execute_args.h"

using namespace lwm2m;

namespace {
std::span<const uint8_t> bytes(const std::string& s) { return {reinterpret_cast<const uint8_t*>(s.data()), s.size()}; }
}  // namespace

TEST(ExecuteArgs, ParsesNumbersAndQuotedValues) {
  std::string text = "0='https://x/fw.bin',1,5=''";
  ExecuteArgs args(bytes(text));
  ExecuteArgument a;
  ASSERT_TRUE(args.next(a).value());
  EXPECT_EQ(a.number, 0);
  EXPECT_TRUE(a.has_value);
  EXPECT_EQ(a.value, "https://x/fw.bin");
  ASSERT_TRUE(args.next(a).value());
  EXPECT_EQ(a.number, 1);
  EXPECT_FALSE(a.has_value);
  ASSERT_TRUE(args.next(a).value());
  EXPECT_EQ(a.number, 5);
  EXPECT_EQ(a.value, "");
  EXPECT_FALSE(args.next(a).value());
  EXPECT_TRUE(ExecuteArgs::validate({}).ok());
}

TEST(ExecuteArgs, RejectsMalformedLists) {
  for (const char* bad : {"a", "10", "0=", "0=x", "0='x", "0,", ",0", "0='x'1", "0,,1", "0,0"}) {
    EXPECT_EQ(ExecuteArgs::validate(bytes(bad)).error(), Error::kBadRequest) << bad;
  }
}
