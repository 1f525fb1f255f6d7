// domain/article.h: slugs, search words and excerpts of knowledge-base articles.
#include <gtest/gtest.h>

#include "domain/article.h"

namespace parley {
namespace {

TEST(ArticleSlug, MadeFromTheTitle) {
  EXPECT_EQ(slugify("Reset your password"), "reset-your-password");
  EXPECT_EQ(slugify("  How do I -- pay?? (EUR) "), "how-do-i-pay-eur");
  EXPECT_EQ(slugify("Café au lait"), "caf-au-lait") << "non-ASCII letters are dropped, not transliterated";
  EXPECT_EQ(slugify("日本語"), "");
  const std::string long_title = std::string(100, 'a') + " " + std::string(100, 'b');
  EXPECT_EQ(slugify(long_title), std::string(100, 'a')) << "cut at a word";
  EXPECT_TRUE(isValidSlug(slugify(std::string(300, 'x'))));
}

TEST(ArticleSlug, Validity) {
  EXPECT_TRUE(isValidSlug("a"));
  EXPECT_TRUE(isValidSlug("reset-password-2"));
  EXPECT_FALSE(isValidSlug(""));
  EXPECT_FALSE(isValidSlug("-a"));
  EXPECT_FALSE(isValidSlug("a-"));
  EXPECT_FALSE(isValidSlug("a--b"));
  EXPECT_FALSE(isValidSlug("A"));
  EXPECT_FALSE(isValidSlug("a_b"));
  EXPECT_FALSE(isValidSlug("a/b"));
  EXPECT_FALSE(isValidSlug(std::string(121, 'a')));
  EXPECT_TRUE(isValidSlug(std::string(120, 'a')));
}

TEST(ArticleSlug, SuffixStaysWithinTheLimit) {
  EXPECT_EQ(slugWithSuffix("reset", 2), "reset-2");
  const auto s = slugWithSuffix(std::string(120, 'a'), 12);
  EXPECT_EQ(s.size(), 120u);
  EXPECT_TRUE(isValidSlug(s));
  EXPECT_EQ(s.substr(s.size() - 3), "-12");
}

TEST(ArticleStatusWords, RoundTrip) {
  EXPECT_EQ(toString(ArticleStatus::Published), "published");
  EXPECT_EQ(parseArticleStatus("draft"), ArticleStatus::Draft);
  EXPECT_EQ(parseArticleStatus("Draft"), std::nullopt);
}

TEST(ArticleSearchWords, PlainWordsOnly) {
  EXPECT_EQ(articleSearchWords("How do I reset my PASSWORD?"),
            (std::vector<std::string>{"how", "do", "i", "reset", "my", "password"}));
  EXPECT_EQ(articleSearchWords("\"a\" OR b* NEAR(c) -d:e's"),
            (std::vector<std::string>{"a", "or", "b", "near", "c", "d", "e", "s"}))
      << "FTS and tsquery syntax is split into words";
  EXPECT_EQ(articleSearchWords("Grüße, Straße"), (std::vector<std::string>{"grüße", "straße"}));
  EXPECT_TRUE(articleSearchWords("  ?! ").empty());
  EXPECT_EQ(articleSearchWords(std::string(40, 'x') + " " + std::string(100, 'y')).back().size(),
            kMaxArticleSearchWordBytes);
  std::string many;
  for (int i = 0; i < 40; ++i) many += "w" + std::to_string(i) + " ";
  EXPECT_EQ(articleSearchWords(many).size(), kMaxArticleSearchWords);
  EXPECT_EQ(articleSearchWords("\xC3"), std::vector<std::string>{}) << "a cut sequence is no word";
}

TEST(ArticleSearchWords, AShorterPrefixForLongWords) {
  EXPECT_EQ(shorterSearchPrefix("shipp"), "ship");
  EXPECT_EQ(shorterSearchPrefix("ship"), "");
  EXPECT_EQ(shorterSearchPrefix("grüße"), "");
}

TEST(ArticleExcerpt, CutsAtAWord) {
  EXPECT_EQ(excerptOf("  Short\n\ntext  "), "Short text");
  const auto e = excerptOf("one two three four five", 12);
  EXPECT_EQ(e, "one two…");
  EXPECT_EQ(excerptOf("ééééé", 3), "ééé…") << "counts characters, never cuts one";
  EXPECT_EQ(excerptOf(""), "");
}

}  // namespace
}  // namespace parley
