// Paths per LwM2M Core TS §6.1 (Object/Instance/Resource/Resource-Instance ids, 65535 reserved).
#include <gtest/gtest.h>

#include <string>

#include "lwm2m/core/path.h"

using lwm2m::Error;
using lwm2m::Path;

namespace {
std::string text(const Path& p) {
  char buf[Path::kMaxTextLength];
  auto n = p.format(buf);
  EXPECT_TRUE(n.ok());
  return std::string(buf, *n);
}
}  // namespace

TEST(Path, ParsesEveryDepth) {
  EXPECT_EQ(Path::parse("/").value(), Path());
  EXPECT_EQ(Path::parse("/3").value(), Path(3));
  EXPECT_EQ(Path::parse("/3/0").value(), Path(3, 0));
  EXPECT_EQ(Path::parse("/3/0/1").value(), Path(3, 0, 1));
  EXPECT_EQ(Path::parse("/3/0/7/1").value(), Path(3, 0, 7, 1));
  EXPECT_EQ(Path::parse("/65534/65534/65534/65534").value(), Path(65534, 65534, 65534, 65534));
  EXPECT_EQ(Path::parse("/3/0/").value(), Path(3, 0));
}

TEST(Path, RejectsReservedIdAndBadSyntax) {
  for (const char* bad : {"", "3/0", "/65535", "/3/65535", "/3//0", "/3/0//", "/-1", "/+1", "/01",
                          "/3/0/1/2/3", "/a", "/3 ", "/99999"}) {
    EXPECT_EQ(Path::parse(bad).error(), Error::kInvalidPath) << bad;
  }
}

TEST(Path, FormatsAndOrders) {
  EXPECT_EQ(text(Path()), "/");
  EXPECT_EQ(text(Path(3, 0, 7, 1)), "/3/0/7/1");
  EXPECT_LT(Path(3), Path(3, 0));
  EXPECT_LT(Path(3, 0, 1), Path(3, 0, 2));
  EXPECT_LT(Path(3, 0, 7, 65534), Path(3, 0, 8));
  EXPECT_FALSE(Path(3, 0) < Path(3, 0));
  char small[3];
  EXPECT_EQ(Path(3, 0).format(small).error(), Error::kBufferTooSmall);
}

TEST(Path, ContainmentAndChildren) {
  EXPECT_TRUE(Path(3, 0, 1).is_within(Path(3)));
  EXPECT_TRUE(Path(3, 0, 1).is_within(Path()));
  EXPECT_FALSE(Path(3).is_within(Path(3, 0)));
  EXPECT_FALSE(Path(4, 0).is_within(Path(3)));
  EXPECT_EQ(Path(3).child(0).value(), Path(3, 0));
  EXPECT_EQ(Path(3, 0, 7, 1).child(0).error(), Error::kInvalidPath);
  EXPECT_EQ(Path(3).child(65535).error(), Error::kInvalidPath);
  EXPECT_EQ(Path(3, 0, 7, 1).prefix(2), Path(3, 0));
}
