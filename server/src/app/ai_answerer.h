// Optional AI answers (issue 14, item 6): asks the workspace's OpenAI-compatible endpoint a
// visitor's question, grounded in the top matching articles (domain/ai_prompt), from the server
// only (the API key never reaches a browser).
//
// Limits: calls run on `threads` worker threads behind a queue of max_queued (full: Busy at once);
// each workspace makes at most its settings' max_per_hour calls in a clock hour (past it:
// RateLimited, and nothing is sent); a call lasts at most the settings' timeout_ms (0.5..120 s); an
// answer body over 256 KiB is dropped. The hourly counts are kept for at most kMaxTrackedWorkspaces
// workspaces (past that, the oldest hour is forgotten). Any failure is an Outcome the bot falls
// back from (the rule-based answer), never an exception.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "domain/ai_prompt.h"
#include "domain/bot_settings.h"
#include "domain/model.h"
#include "app/bounded_workers.h"

namespace parley {

class AiAnswerer {
 public:
  static constexpr std::size_t kMaxTrackedWorkspaces = 10'000;
  static constexpr std::size_t kMaxAnswerBytes = 256 * 1024;
  static constexpr int kMaxTokens = 400;

  struct Question {
    Id workspace_id = 0;
    BotAiSettings settings;
    std::string workspace_name;
    std::string text;
    std::vector<AiSource> sources;  // best first; at most kMaxAiSources are used
  };

  struct Outcome {
    enum class Kind {
      Answer,       // `text`, citing `cited`
      DontKnow,     // no relevant article, or the model said it cannot answer from them (or refused)
      Failed,       // the endpoint failed, timed out or answered nonsense: `detail` says how
      RateLimited,  // the workspace's max_per_hour is used up
      Busy,         // the queue is full
      Off,          // AI answers are off or not configured
    } kind = Kind::Off;
    std::string text;
    std::vector<Id> cited;
    std::string detail;
  };

  using Clock = std::function<Millis()>;
  AiAnswerer(Clock clock, int threads = 2, std::size_t max_queued = 32);

  // Answers on a worker thread and calls `done` there (or at once, on this thread, when Busy).
  void ask(Question q, std::function<void(Outcome)> done);
  // The same, blocking on this thread.
  Outcome answerNow(const Question& q);
  // Finishes queued questions and refuses new ones (Busy). Before the store and sender go.
  void stop();

  // The URL a question is posted to: base_url without a trailing '/', then "/chat/completions".
  static std::string endpointFor(const std::string& base_url);

 private:
  bool takeCall(Id workspace_id, int max_per_hour);

  Clock clock_;
  std::mutex mu_;
  struct Hour {
    Millis start = 0;
    int calls = 0;
  };
  std::map<Id, Hour> hours_;
  BoundedWorkers workers_;
};

}  // namespace parley
