#include "security/token.h"

#include <gtest/gtest.h>

#include <set>

namespace parley {
namespace {

TEST(TokenTest, RandomTokenIsPrefixPlus43Base64UrlChars) {
  auto t = randomToken("pa_");
  ASSERT_TRUE(t.starts_with("pa_"));
  auto body = t.substr(3);
  EXPECT_EQ(body.size(), 43u);  // ceil(32 * 4 / 3) without '=' padding
  for (char c : body) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    EXPECT_TRUE(ok) << "unexpected character '" << c << "' in " << t;
  }
}

TEST(TokenTest, RandomTokensDoNotRepeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(randomToken("pv_"));
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(TokenTest, LongPrefixIsKept) {
  auto t = randomToken("pv_ws_abc123.");
  EXPECT_TRUE(t.starts_with("pv_ws_abc123."));
  EXPECT_EQ(t.size(), 13u + 43u);
}

TEST(TokenTest, Sha256HexKnownVectors) {
  EXPECT_EQ(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256Hex(std::string_view("\0", 1)),
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
}

TEST(TokenTest, RandomHexLengthAndAlphabet) {
  auto h = randomHex(16);
  EXPECT_EQ(h.size(), 32u);
  EXPECT_EQ(h.find_first_not_of("0123456789abcdef"), std::string::npos) << h;
  EXPECT_NE(randomHex(16), h);
  EXPECT_EQ(randomHex(0), "");
}

TEST(TokenTest, ToHex) {
  EXPECT_EQ(toHex(std::string_view("\x00\x0f\xf0\xff", 4)), "000ff0ff");
}

}  // namespace
}  // namespace parley
