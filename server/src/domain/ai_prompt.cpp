#include "domain/ai_prompt.h"

#include <algorithm>
#include <cctype>

#include "domain/text_limits.h"

namespace parley {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// The instructions come first and the visitor's words last, in their own turn: what a visitor
// writes can only steer the answer that same visitor reads (shown as plain text), never a tool
// or another conversation.
constexpr std::string_view kRules =
    "You answer website visitors' questions for {name}, using ONLY the help-center articles below.\n"
    "- Answer briefly (at most a few sentences), in the language of the question, as plain text.\n"
    "- Cite the articles you used as [1], [2] after the sentence they support.\n"
    "- If the articles do not contain the answer, reply with exactly NO_ANSWER and nothing else.\n"
    "- Never invent facts, prices, links or policies that are not in the articles.\n";

}  // namespace

std::vector<ChatTurn> buildAiPrompt(std::string_view workspace_name, std::string_view question,
                                    const std::vector<AiSource>& sources) {
  std::string system(kRules);
  const auto at = system.find("{name}");
  system.replace(at, 6, workspace_name.empty() ? std::string("this website") : truncateUtf8(workspace_name, 200));
  system += "\nArticles:\n";
  const std::size_t n = std::min(sources.size(), kMaxAiSources);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& s = sources[i];
    system += "\n[" + std::to_string(i + 1) + "] " + truncateUtf8(s.title, 200) + " (" + truncateUtf8(s.url, 500) + ")\n";
    system += truncateUtf8(s.text, kMaxAiSourceChars);
    system += "\n";
  }
  return {{"system", std::move(system)}, {"user", truncateUtf8(trim(question), kMaxAiQuestionChars)}};
}

AiReply interpretAiReply(std::string_view content, const std::vector<AiSource>& sources) {
  AiReply reply;
  const auto text = trim(content);
  const std::size_t n = std::min(sources.size(), kMaxAiSources);
  if (text.empty() || n == 0 || text.find(kAiNoAnswer) != std::string_view::npos) return reply;

  // Take the [k] markers out of the text, noting which sources they name.
  std::vector<bool> cited(n, false);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '[') {
      std::size_t j = i + 1;
      std::size_t k = 0;
      while (j < text.size() && j - i <= 3 && std::isdigit(static_cast<unsigned char>(text[j]))) k = k * 10 + (text[j++] - '0');
      if (j > i + 1 && j < text.size() && text[j] == ']') {
        if (k >= 1 && k <= n) cited[k - 1] = true;
        while (!out.empty() && out.back() == ' ') out.pop_back();  // "word [1]." -> "word."
        i = j + 1;
        continue;
      }
    }
    out += text[i++];
  }
  out = std::string(trim(out));
  if (out.empty()) return reply;
  if (out.size() > kMaxAiAnswerChars) out = truncateUtf8(out, kMaxAiAnswerChars - 3) + "...";

  reply.kind = AiReply::Kind::Answer;
  reply.text = std::move(out);
  const bool any = std::find(cited.begin(), cited.end(), true) != cited.end();
  for (std::size_t i = 0; i < n; ++i)
    if (cited[i] || !any) reply.cited.push_back(sources[i].article_id);
  return reply;
}

}  // namespace parley
