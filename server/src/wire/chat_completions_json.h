// The JSON of OpenAI's chat-completions API (POST {base}/chat/completions), as spoken by llama.cpp's
// server, Ollama, vLLM and the hosted services: the request Parley sends and the answer it reads.
// Only the fields Parley needs; anything else in an answer is ignored.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/ai_prompt.h"

namespace parley::json {

// {"model", "messages": [{"role","content"}...], "temperature": 0.2, "max_tokens", "stream": false}
std::string chatCompletionsRequest(std::string_view model, const std::vector<ChatTurn>& turns, int max_tokens);

struct ChatCompletion {
  enum class Kind {
    Content,    // choices[0].message.content: `text`
    Refusal,    // the model declined (message.refusal, or finish_reason "content_filter")
    Malformed,  // not JSON, an "error" object, or no choice with content: `text` says what
  } kind = Kind::Malformed;
  std::string text;
};

ChatCompletion parseChatCompletion(std::string_view body);

}  // namespace parley::json
