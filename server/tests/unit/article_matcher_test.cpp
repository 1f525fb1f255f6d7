// domain goodArticleMatches: when the bot answers free text with articles (issue 14, item 5).
#include "domain/article_matcher.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

ArticleCandidate candidate(Id id, double score, std::string text) {
  return {{id, "t" + std::to_string(id), "", "/help/x/articles/" + std::to_string(id)}, score, std::move(text)};
}

TEST(ArticleMatcher, SignificantWordsDropStopWordsShortWordsAndRepeats) {
  EXPECT_EQ(significantWords("How can I get a REFUND for my order? refund!"),
            (std::vector<std::string>{"refund", "order"}));
  EXPECT_TRUE(significantWords("how are you?").empty());
}

TEST(ArticleMatcher, OverlapCountsStemsButNotUnrelatedWords) {
  EXPECT_DOUBLE_EQ(wordOverlap("refunds for shoes", "Our refund policy covers shoes"), 1.0);
  EXPECT_DOUBLE_EQ(wordOverlap("refund shipping", "Refunds take five days"), 0.5);
  EXPECT_DOUBLE_EQ(wordOverlap("cat", "category pages"), 0.0);  // too short to be a stem
  EXPECT_DOUBLE_EQ(wordOverlap("take box", "it takes boxes"), 1.0);  // a plural or a verb's s
  EXPECT_DOUBLE_EQ(wordOverlap("the", "the"), 0.0);             // no significant words at all
}

TEST(ArticleMatcher, KeepsGoodMatchesBestFirstAtMostThree) {
  std::vector<ArticleCandidate> c{candidate(1, 2.0, "refund policy"), candidate(2, 5.0, "refund window"),
                                  candidate(3, 4.0, "how a refund works"), candidate(4, 3.0, "refund by card")};
  auto m = goodArticleMatches("refund", c);
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[0].id, 2);
  EXPECT_EQ(m[1].id, 3);
  EXPECT_EQ(m[2].id, 4);
}

TEST(ArticleMatcher, AWeakScoreBesideAStrongOneIsDropped) {
  std::vector<ArticleCandidate> c{candidate(1, 10.0, "refund policy"), candidate(2, 3.0, "refund mention")};
  auto m = goodArticleMatches("refund policy", c);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].id, 1);
  // At exactly the relative threshold it stays.
  c[1].score = 3.5;
  c[1].text = "refund policy too";
  EXPECT_EQ(goodArticleMatches("refund policy", c).size(), 2u);
}

TEST(ArticleMatcher, TooLittleOfTheQuestionInTheArticleIsNoMatch) {
  // One word of four: the search found "shipping" but the question is about something else.
  std::vector<ArticleCandidate> c{candidate(1, 9.0, "Shipping times and costs")};
  EXPECT_TRUE(goodArticleMatches("shipping damaged broken replacement", c).empty());
  // Two of four is half: enough.
  c[0].text = "Shipping damaged goods";
  EXPECT_EQ(goodArticleMatches("shipping damaged broken replacement", c).size(), 1u);
}

TEST(ArticleMatcher, NoPositiveScoreNoMatch) {
  std::vector<ArticleCandidate> c{candidate(1, 0.0, "refund")};
  EXPECT_TRUE(goodArticleMatches("refund", c).empty());
  EXPECT_TRUE(goodArticleMatches("refund", {}).empty());
}

}  // namespace
}  // namespace parley
