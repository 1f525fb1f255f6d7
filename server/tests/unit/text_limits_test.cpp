#include "domain/text_limits.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

TEST(TextLimitsTest, Utf8Validation) {
  EXPECT_TRUE(isValidUtf8(""));
  EXPECT_TRUE(isValidUtf8("plain ascii"));
  EXPECT_TRUE(isValidUtf8("Grüße, Привет, 你好, 👋🏽"));
  EXPECT_TRUE(isValidUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last code point
  EXPECT_TRUE(isValidUtf8(std::string("nul\0inside", 10)));  // NUL is valid UTF-8

  EXPECT_FALSE(isValidUtf8("\x80"));                 // lone continuation
  EXPECT_FALSE(isValidUtf8("caf\xe9"));              // Latin-1
  EXPECT_FALSE(isValidUtf8("\xC3"));                 // truncated 2-byte
  EXPECT_FALSE(isValidUtf8("\xE2\x82"));             // truncated 3-byte
  EXPECT_FALSE(isValidUtf8("\xC0\xAF"));             // overlong '/'
  EXPECT_FALSE(isValidUtf8("\xE0\x80\xAF"));         // overlong '/'
  EXPECT_FALSE(isValidUtf8("\xED\xA0\x80"));         // UTF-16 surrogate U+D800
  EXPECT_FALSE(isValidUtf8("\xF4\x90\x80\x80"));     // U+110000
  EXPECT_FALSE(isValidUtf8("\xF8\x88\x80\x80\x80")); // 5-byte form
  EXPECT_FALSE(isValidUtf8("\xFF"));
  EXPECT_FALSE(isValidUtf8("ok\xC3(bad"));           // continuation expected
}

TEST(TextLimitsTest, CountsCodePointsNotBytes) {
  EXPECT_EQ(countCodePoints(""), 0u);
  EXPECT_EQ(countCodePoints("abc"), 3u);
  EXPECT_EQ(countCodePoints("ü"), 1u);
  EXPECT_EQ(countCodePoints("你好"), 2u);
  EXPECT_EQ(countCodePoints("👋"), 1u);
}

TEST(TextLimitsTest, MessageBodyRules) {
  EXPECT_EQ(validateMessageBody("Hello!"), std::nullopt);
  EXPECT_EQ(validateMessageBody("  padded  "), std::nullopt);
  EXPECT_TRUE(validateMessageBody(""));
  EXPECT_TRUE(validateMessageBody(" \n\t "));
  EXPECT_TRUE(validateMessageBody("\u00A0\u200B\u3000"));  // looks empty in every client
  EXPECT_TRUE(validateMessageBody("bad \xff byte"));

  auto problem = checkMessageBody("");
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->code, "missing");
  EXPECT_EQ(checkMessageBody("\xC0\xAF")->code, "invalid");
}

TEST(TextLimitsTest, MessageBodyLengthIsCountedInCharacters) {
  std::string ascii(10'000, 'a');
  EXPECT_EQ(validateMessageBody(ascii), std::nullopt);
  EXPECT_EQ(checkMessageBody(ascii + "a")->code, "too_large");

  std::string emoji;
  for (int i = 0; i < 10'000; ++i) emoji += "😀";  // 40,000 bytes, 10,000 characters
  EXPECT_EQ(validateMessageBody(emoji), std::nullopt);
  auto too_long = validateMessageBody(emoji + "😀");
  ASSERT_TRUE(too_long);
  EXPECT_NE(too_long->find("10000"), std::string::npos) << *too_long;
}

TEST(TextLimitsTest, TruncateNeverSplitsACodePoint) {
  EXPECT_EQ(truncateUtf8("hello", 10), "hello");
  EXPECT_EQ(truncateUtf8("hello", 5), "hello");
  EXPECT_EQ(truncateUtf8("hello", 3), "hel");
  EXPECT_EQ(truncateUtf8("hello", 0), "");
  EXPECT_EQ(truncateUtf8("aü", 2), "a");        // ü is 2 bytes
  EXPECT_EQ(truncateUtf8("aü", 3), "aü");
  EXPECT_EQ(truncateUtf8("a你", 3), "a");       // 3-byte character
  EXPECT_EQ(truncateUtf8("a👋b", 2), "a");      // 4-byte character
  EXPECT_EQ(truncateUtf8("a👋b", 4), "a");
  EXPECT_EQ(truncateUtf8("a👋b", 5), "a👋");
  for (std::size_t n = 0; n <= 20; ++n) {
    auto cut = truncateUtf8("Grüße 你好 👋🏽!", n);
    EXPECT_LE(cut.size(), n);
    EXPECT_TRUE(isValidUtf8(cut)) << n;
  }
}

}  // namespace
}  // namespace parley
