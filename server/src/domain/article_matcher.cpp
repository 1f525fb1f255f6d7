#include "domain/article_matcher.h"

#include <algorithm>
#include <array>

namespace parley {

namespace {

constexpr std::array<std::string_view, 64> kStopWords{
    "the", "and", "for", "are", "but", "not", "you", "your", "yours", "can", "could", "would", "should", "how",
    "what", "when", "where", "why", "who", "which", "does", "did", "doing", "have", "has", "had", "was", "were",
    "will", "with", "this", "that", "these", "those", "there", "their", "from", "into", "about", "any", "all",
    "get", "got", "our", "out", "too", "very", "just", "want", "need", "please", "help", "hello", "thanks",
    "thank", "some", "its", "also", "like", "hey", "one", "mine"};

bool wordByte(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80; }

bool sameWord(const std::string& a, const std::string& b) {
  if (a == b) return true;
  // "refund" / "refunds" / "refunding": a shared stem of at least 5 characters.
  const auto& shorter = a.size() < b.size() ? a : b;
  const auto& longer = a.size() < b.size() ? b : a;
  if (longer.compare(0, shorter.size(), shorter) != 0) return false;
  const auto tail = std::string_view(longer).substr(shorter.size());
  // A plural or a verb's s ("take" / "takes", "box" / "boxes"); other endings only on a longer stem.
  if (tail == "s" || tail == "es") return true;
  return shorter.size() >= 5 && tail.size() <= 3;
}

}  // namespace

std::vector<std::string> significantWords(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  auto flush = [&] {
    if (word.size() >= 3 && std::find(kStopWords.begin(), kStopWords.end(), word) == kStopWords.end() &&
        std::find(out.begin(), out.end(), word) == out.end())
      out.push_back(word);
    word.clear();
  };
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    if (wordByte(c))
      word.push_back(static_cast<char>(c));
    else
      flush();
    if (out.size() >= 64) break;  // a question longer than that is not asked word by word
  }
  flush();
  return out;
}

double wordOverlap(std::string_view query, std::string_view text) {
  const auto q = significantWords(query);
  if (q.empty()) return 0;
  std::vector<std::string> t;
  {
    // The text can be a long body: its words are only collected, not capped like a question's.
    std::string word;
    auto flush = [&] {
      if (word.size() >= 3) t.push_back(word);
      word.clear();
    };
    for (char ch : text) {
      auto c = static_cast<unsigned char>(ch);
      if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
      if (wordByte(c))
        word.push_back(static_cast<char>(c));
      else
        flush();
    }
    flush();
  }
  std::size_t found = 0;
  for (const auto& w : q)
    if (std::any_of(t.begin(), t.end(), [&](const std::string& x) { return sameWord(w, x); })) ++found;
  return static_cast<double>(found) / static_cast<double>(q.size());
}

std::vector<ArticleCard> goodArticleMatches(std::string_view query, const std::vector<ArticleCandidate>& candidates,
                                            const MatchThresholds& th) {
  std::vector<const ArticleCandidate*> sorted;
  for (const auto& c : candidates)
    if (c.score > 0) sorted.push_back(&c);
  std::stable_sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->score > b->score; });
  std::vector<ArticleCard> out;
  if (sorted.empty()) return out;
  const double best = sorted.front()->score;
  for (const auto* c : sorted) {
    if (out.size() >= th.limit) break;
    if (c->score < best * th.min_relative_score) break;
    if (wordOverlap(query, c->text) < th.min_overlap) continue;
    out.push_back(c->card);
  }
  return out;
}

}  // namespace parley
