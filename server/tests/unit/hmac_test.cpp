#include "security/hmac.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

// RFC 4231 test vectors.
TEST(HmacTest, Rfc4231) {
  EXPECT_EQ(hmacSha256Hex(std::string(20, '\x0b'), "Hi There"),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(hmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  // Case 6: a key longer than the block size is hashed first.
  EXPECT_EQ(hmacSha256Hex(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First"),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(HmacTest, EmptyKeyAndData) {
  // Same as Python's hmac.new(b"", b"", "sha256").hexdigest().
  EXPECT_EQ(hmacSha256Hex("", ""), "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
  EXPECT_NE(hmacSha256Hex("", "x"), hmacSha256Hex("", ""));
}

TEST(HmacTest, IdentityHashDependsOnSecretAndUser) {
  auto a = hmacSha256Hex("secret-1", "user-42");
  EXPECT_EQ(a.size(), 64u);
  EXPECT_EQ(a, hmacSha256Hex("secret-1", "user-42"));
  EXPECT_NE(a, hmacSha256Hex("secret-2", "user-42"));
  EXPECT_NE(a, hmacSha256Hex("secret-1", "user-43"));
}

TEST(HmacTest, ConstantTimeEqual) {
  EXPECT_TRUE(constantTimeEqual("", ""));
  EXPECT_TRUE(constantTimeEqual("abc", "abc"));
  EXPECT_FALSE(constantTimeEqual("abc", "abd"));
  EXPECT_FALSE(constantTimeEqual("abc", "ab"));
  EXPECT_FALSE(constantTimeEqual("", "a"));
  EXPECT_FALSE(constantTimeEqual(std::string_view("a\0b", 3), std::string_view("a\0c", 3)));
  EXPECT_TRUE(constantTimeEqual(std::string_view("a\0b", 3), std::string_view("a\0b", 3)));
  auto h = hmacSha256Hex("k", "u");
  EXPECT_TRUE(constantTimeEqual(h, hmacSha256Hex("k", "u")));
  // Case matters: user_hash is compared as lower-case hex, as documented.
  std::string upper = h;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  ASSERT_NE(upper, h);  // 64 hex digits of a real HMAC contain letters
  EXPECT_FALSE(constantTimeEqual(h, upper));
}

}  // namespace
}  // namespace parley
