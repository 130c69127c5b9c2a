// Objlnk text "object:instance", Core TS 1.2 Appendix C (Objlnk; 65535:65535 is the null link).
#include <gtest/gtest.h>

#include "lwm2m/core/objlnk_text.h"

using namespace lwm2m;

TEST(ObjlnkText, ParsesValidLinks) {
  EXPECT_EQ(*parse_objlnk("3:0"), (Objlnk{3, 0}));
  EXPECT_EQ(*parse_objlnk("65534:12"), (Objlnk{65534, 12}));
  EXPECT_EQ(*parse_objlnk("65535:65535"), (Objlnk{65535, 65535}));
}

TEST(ObjlnkText, RejectsMalformedLinks) {
  for (const char* bad : {"3", "3:", ":3", "3:0:1", "03:0", "65536:0", "65535:0", "3:65535", "-1:0", " 3:0", ""}) {
    EXPECT_EQ(parse_objlnk(bad).error(), Error::kMalformed) << bad;
  }
}

TEST(ObjlnkText, FormatsEveryWidth) {
  EXPECT_EQ(objlnk_text({65535, 65535}).view(), "65535:65535");
  EXPECT_EQ(objlnk_text({3, 0}).view(), "3:0");
  EXPECT_EQ(objlnk_text({0, 65534}).view(), "0:65534");
}
