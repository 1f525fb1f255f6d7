// Knowledge-base articles and their categories (issue 14): the limits, slugs, statuses and the
// search words, pure so that the store, the REST routes and the help center share one rule each.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.h"

namespace parley {

inline constexpr std::size_t kMaxArticlesPerWorkspace = 2'000;
inline constexpr std::size_t kMaxArticleCategoriesPerWorkspace = 100;
inline constexpr std::size_t kMaxArticleTitleChars = 200;
inline constexpr std::size_t kMaxArticleBodyBytes = 100'000;
inline constexpr std::size_t kMaxArticleSlugBytes = 120;
inline constexpr std::size_t kMaxCategoryNameChars = 80;
inline constexpr std::size_t kMaxCategoryDescriptionChars = 500;
inline constexpr std::size_t kArticleExcerptChars = 160;
inline constexpr std::size_t kMaxArticleSearchWords = 16;   // more words add nothing but cost
inline constexpr std::size_t kMaxArticleSearchWordBytes = 64;

enum class ArticleStatus { Draft, Published };
std::string_view toString(ArticleStatus s);
std::optional<ArticleStatus> parseArticleStatus(std::string_view s);

// Lowercase a-z, 0-9 and single hyphens, 1..kMaxArticleSlugBytes, no hyphen at either end.
bool isValidSlug(std::string_view slug);
// A slug made from a title: ASCII letters and digits kept (lowercased), everything else a hyphen,
// hyphens collapsed and trimmed, cut to the limit at a hyphen when it can. Empty when the title
// has no ASCII letter or digit (the caller picks a fallback such as "article").
std::string slugify(std::string_view title);
// "slug-2", "slug-3"...: the n-th candidate when `slug` is taken, still within the limit.
std::string slugWithSuffix(std::string_view slug, int n);

// The words of a search query: runs of ASCII letters and digits and non-ASCII characters (whole
// UTF-8 sequences; the backends' tokenizers split and fold them further), ASCII lowercased, at most kMaxArticleSearchWords of at most kMaxArticleSearchWordBytes
// each. Everything else separates words, so search syntax in user text is never syntax.
std::vector<std::string> articleSearchWords(std::string_view query);

// The last word of a query is searched as a prefix (search as one types). Both backends stem words
// (porter, english), and a stem can be shorter than the typed prefix ("shipp" is not a prefix of
// the stem "ship"), so a word of 5 or more ASCII letters is also tried without its last letter.
// Empty when no shorter prefix is tried.
std::string shorterSearchPrefix(std::string_view word);

// Plain text cut to about `max_chars` code points at a word boundary, with "…" when cut; runs of
// whitespace become one space.
std::string excerptOf(std::string_view plain_text, std::size_t max_chars = kArticleExcerptChars);

}  // namespace parley
