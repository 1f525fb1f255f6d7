#include "app/ai_answerer.h"

#include <algorithm>
#include <chrono>
#include <memory>

#include "outbound/http_post.h"
#include "wire/chat_completions_json.h"

namespace parley {

namespace {
constexpr Millis kHour = 3'600'000;

AiAnswerer::Outcome outcome(AiAnswerer::Outcome::Kind kind, std::string detail = {}) {
  AiAnswerer::Outcome o;
  o.kind = kind;
  o.detail = std::move(detail);
  return o;
}
}

AiAnswerer::AiAnswerer(Clock clock, int threads, std::size_t max_queued)
    : clock_(std::move(clock)), workers_(threads, max_queued) {}

void AiAnswerer::stop() { workers_.stop(); }

std::string AiAnswerer::endpointFor(const std::string& base_url) {
  std::string url = base_url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url + "/chat/completions";
}

bool AiAnswerer::takeCall(Id workspace_id, int max_per_hour) {
  const Millis now = clock_();
  std::lock_guard lock(mu_);
  auto it = hours_.find(workspace_id);
  if (it == hours_.end()) {
    if (hours_.size() >= kMaxTrackedWorkspaces) {
      auto oldest = std::min_element(hours_.begin(), hours_.end(),
                                     [](const auto& a, const auto& b) { return a.second.start < b.second.start; });
      hours_.erase(oldest);
    }
    it = hours_.emplace(workspace_id, Hour{now, 0}).first;
  }
  if (now - it->second.start >= kHour) it->second = Hour{now, 0};
  if (it->second.calls >= max_per_hour) return false;
  ++it->second.calls;
  return true;
}

AiAnswerer::Outcome AiAnswerer::answerNow(const Question& q) {
  using K = Outcome::Kind;
  const auto& s = q.settings;
  if (!s.enabled || s.model.empty() || !isHttpUrl(s.base_url)) return outcome(K::Off);
  if (q.sources.empty()) return outcome(K::DontKnow);  // nothing to ground an answer in: no call
  if (!takeCall(q.workspace_id, s.max_per_hour)) return outcome(K::RateLimited);

  HttpPostRequest req;
  req.url = endpointFor(s.base_url);
  req.headers = {"Content-Type: application/json", "Accept: application/json"};
  if (!s.api_key.empty()) req.headers.push_back("Authorization: Bearer " + s.api_key);
  req.body = json::chatCompletionsRequest(s.model, buildAiPrompt(q.workspace_name, q.text, q.sources), kMaxTokens);
  req.timeout = std::chrono::milliseconds(std::clamp(s.timeout_ms, 500, 120'000));
  req.max_response_bytes = kMaxAnswerBytes;

  const auto res = httpPost(req);
  switch (res.outcome) {
    case HttpPostResult::Outcome::Timeout: return outcome(K::Failed, "timeout");
    case HttpPostResult::Outcome::TooLarge: return outcome(K::Failed, "answer too large");
    case HttpPostResult::Outcome::Failed: return outcome(K::Failed, res.error);
    case HttpPostResult::Outcome::Answered: break;
  }
  if (res.status < 200 || res.status >= 300) return outcome(K::Failed, "HTTP " + std::to_string(res.status));
  const auto completion = json::parseChatCompletion(res.body);
  if (completion.kind == json::ChatCompletion::Kind::Malformed) return outcome(K::Failed, completion.text);
  if (completion.kind == json::ChatCompletion::Kind::Refusal) return outcome(K::DontKnow, "refused");
  auto reply = interpretAiReply(completion.text, q.sources);
  if (reply.kind == AiReply::Kind::DontKnow) return outcome(K::DontKnow);
  auto answer = outcome(K::Answer);
  answer.text = std::move(reply.text);
  answer.cited = std::move(reply.cited);
  return answer;
}

void AiAnswerer::ask(Question q, std::function<void(Outcome)> done) {
  auto shared = std::make_shared<std::pair<Question, std::function<void(Outcome)>>>(std::move(q), std::move(done));
  const bool taken = workers_.trySubmit([this, shared] {
    Outcome out;
    try {
      out = answerNow(shared->first);
    } catch (const std::exception& e) {
      out = outcome(Outcome::Kind::Failed, e.what());
    }
    shared->second(std::move(out));
  });
  if (!taken) shared->second(outcome(Outcome::Kind::Busy));
}

}  // namespace parley
