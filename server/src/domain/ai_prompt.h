// Optional AI answers (issue 14, item 6): what the server asks an OpenAI-compatible model, and what
// it makes of the reply. Pure: the HTTP call is outbound/http_post's, the JSON wire/chat_completions_json's,
// the queue and the rate limit app/ai_answerer's.
//
// Grounding: the model is given only the top matching published articles and told to answer from
// them alone, citing them as [1], [2]; when they do not hold the answer it must say exactly
// kAiNoAnswer, which the bot turns into "I don't know" and the offer of a human. Everything that
// goes into the prompt is bounded, so a long article or question cannot make a large request.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.h"

namespace parley {

inline constexpr std::size_t kMaxAiSources = 3;            // articles in one prompt
inline constexpr std::size_t kMaxAiSourceChars = 4'000;    // of each article's plain text
inline constexpr std::size_t kMaxAiQuestionChars = 1'000;  // of the visitor's question
inline constexpr std::size_t kMaxAiAnswerChars = 2'000;    // of the model's answer, as shown
inline constexpr std::string_view kAiNoAnswer = "NO_ANSWER";

// One published article offered to the model.
struct AiSource {
  Id article_id = 0;
  std::string title;
  std::string url;   // the public help-center URL
  std::string text;  // plain text (Markdown source is fine: the model reads it)
};

struct ChatTurn {
  std::string role;  // "system" | "user"
  std::string content;
};

// The conversation sent to the model: the rules and the numbered articles as the system turn,
// the visitor's question as the user turn. At most kMaxAiSources sources, each cut to
// kMaxAiSourceChars; the question cut to kMaxAiQuestionChars (cuts never split a UTF-8 character).
std::vector<ChatTurn> buildAiPrompt(std::string_view workspace_name, std::string_view question,
                                    const std::vector<AiSource>& sources);

struct AiReply {
  enum class Kind { Answer, DontKnow } kind = Kind::DontKnow;
  std::string text;        // the answer without its [n] markers, cut to kMaxAiAnswerChars
  std::vector<Id> cited;   // the articles it cites, in the sources' order; all of them when it cites none
};

// The model's text read back: empty, kAiNoAnswer anywhere in it, or no source to ground it is
// DontKnow; otherwise an Answer.
AiReply interpretAiReply(std::string_view content, const std::vector<AiSource>& sources);

}  // namespace parley
