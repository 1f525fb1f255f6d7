// Whether the bot answers a visitor's free text with articles (issue 14, item 5). The store's
// full-text search ranks published articles, but its score alone cannot say "good enough": SQLite's
// bm25 and PostgreSQL's ts_rank have different scales, and a long body matches one common word.
// So an article is kept only when its score is close to the best one and the article holds most of
// the question's significant words (stop words dropped, "refunds" meets "refund").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.h"

namespace parley {

struct ArticleCard {
  Id id = 0;
  std::string title;
  std::string excerpt;
  std::string url;
};

struct ArticleCandidate {
  ArticleCard card;
  double score = 0;   // the store's: higher is better
  std::string text;   // what the words are looked for in: title and body
};

struct MatchThresholds {
  double min_overlap = 0.5;          // share of the question's significant words found in the article
  double min_relative_score = 0.35;  // of the best candidate's score
  std::size_t limit = 3;             // cards in one answer
};

// Lower-cased words of at least 3 letters or digits that are not stop words ("how", "the", "can"...).
std::vector<std::string> significantWords(std::string_view text);

// Share (0..1) of the query's significant words that the text holds; 0 when the query has none.
double wordOverlap(std::string_view query, std::string_view text);

// The candidates good enough to show, best first, at most thresholds.limit.
std::vector<ArticleCard> goodArticleMatches(std::string_view query, const std::vector<ArticleCandidate>& candidates,
                                            const MatchThresholds& thresholds = {});

}  // namespace parley
