// RFC 4648 §10 test vectors.
#include <gtest/gtest.h>

#include <string>

#include "lwm2m/core/base64.h"

using namespace lwm2m;

namespace {
std::span<const uint8_t> bytes(const std::string& s) { return {reinterpret_cast<const uint8_t*>(s.data()), s.size()}; }
}  // namespace

TEST(Base64, Rfc4648Section10Vectors) {
  const std::pair<std::string, std::string> vectors[] = {
      {"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, encoded] : vectors) {
    char out[16];
    auto n = base64_encode(bytes(plain), out);
    ASSERT_TRUE(n.ok());
    EXPECT_EQ(std::string(out, *n), encoded);
    uint8_t back[16];
    auto m = base64_decode(bytes(encoded), back);
    ASSERT_TRUE(m.ok());
    EXPECT_EQ(std::string(reinterpret_cast<char*>(back), *m), plain);
  }
}

TEST(Base64, RejectsBadInput) {
  uint8_t out[16];
  EXPECT_EQ(base64_decode(bytes("Zm9"), out).error(), Error::kMalformed);
  EXPECT_EQ(base64_decode(bytes("Zm9=v"), out).error(), Error::kMalformed);
  EXPECT_EQ(base64_decode(bytes("Zh=="), out).error(), Error::kMalformed);  // non-zero pad bits
  EXPECT_EQ(base64_decode(bytes("Z==="), out).error(), Error::kMalformed);
  EXPECT_EQ(base64_decode(bytes("Zm9v"), std::span<uint8_t>(out, 2)).error(), Error::kBufferTooSmall);
  auto url = base64_decode(bytes("_-8"), out, /*url=*/true, /*allow_unpadded=*/true);
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(*url, 2u);
  EXPECT_EQ(out[0], 0xFF);
}
