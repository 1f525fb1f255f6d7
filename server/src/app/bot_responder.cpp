#include "app/bot_responder.h"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include "domain/article_matcher.h"
#include "domain/bot_availability.h"
#include "domain/clock.h"
#include "wire/bot_json.h"
#include "wire/message_content.h"

namespace parley {

namespace {
constexpr std::size_t kSearchCandidates = 8;
constexpr std::size_t kMatchTextBytes = 20'000;  // of an article's body, for the word overlap
// What the model's outcome makes of the question: an answer stands as the good matches (the cards of
// the articles it cites; the caller puts its text on the reply): true; "I don't know" as no match (a
// miss: the bot says so and offers a human): false; a failure decides nothing (nullopt): the caller
// answers by the rules.
std::optional<bool> useAiOutcome(const AiAnswerer::Outcome& o, const std::vector<ArticleCard>& cards, BotEvent& e) {
  using K = AiAnswerer::Outcome::Kind;
  if (o.kind == K::DontKnow) {
    e.matches.clear();
    return false;
  }
  if (o.kind != K::Answer) {
    const char* why = o.kind == K::Failed ? "failed" : o.kind == K::RateLimited ? "the hour's calls are used up"
                      : o.kind == K::Busy ? "busy" : "off";
    spdlog::info("bot: no AI answer ({}{}{}): the rule-based answer", why, o.detail.empty() ? "" : ": ", o.detail);
    return std::nullopt;
  }
  std::vector<ArticleCard> cited;
  for (Id id : o.cited)
    for (const auto& card : cards)
      if (card.id == id && cited.size() < kMaxAiSources) cited.push_back(card);
  if (cited.empty()) return std::nullopt;
  e.matches = std::move(cited);
  return true;
}

}  // namespace

BotResponder::BotResponder(BotResponderDeps deps) : deps_(std::move(deps)), worker_([this] { run(); }) {}

BotResponder::~BotResponder() { stop(); }

void BotResponder::stop() {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  cv_.notify_all();
  if (worker_.joinable()) worker_.join();
}

BotResponder::Cached BotResponder::cached(Id ws) {
  const Millis now = nowMillis();
  {
    std::lock_guard lock(cache_mu_);
    auto it = cache_.find(ws);
    if (it != cache_.end() && now - it->second.loaded_at < kSettingsCacheMs) return it->second;
  }
  Cached c;
  c.loaded_at = now;
  auto stored = deps_.bots.botSettings(ws);
  c.settings = stored ? readStoredBotSettings(*stored) : defaultBotSettings();
  if (auto w = deps_.workspaces.workspaceById(ws)) {
    c.hours = parseBusinessHours(w->settings_json);
    c.public_id = w->public_id;
    c.name = w->name;
  }
  std::lock_guard lock(cache_mu_);
  if (cache_.size() > 10'000) cache_.clear();  // workspaces are few; the bound is for safety
  cache_[ws] = c;
  return c;
}

void BotResponder::settingsChanged(Id ws) {
  std::lock_guard lock(cache_mu_);
  cache_.erase(ws);
}

bool BotResponder::takesNewConversation(const AppendResult& r) {
  if (!r.conversation_created || r.message.sender_type != SenderType::Visitor || r.message.is_private) return false;
  const Id ws = r.message.workspace_id;
  auto c = cached(ws);
  if (!c.settings.enabled) return false;
  const Millis now = nowMillis();
  const bool open = !c.hours.enabled || isOpen(c.hours, now);
  const bool online = !deps_.presence.onlineAgentIds(ws).empty();
  if (!botEngages(c.settings, open, online)) return false;
  std::lock_guard lock(mu_);
  if (queue_.size() >= kMaxQueued) {
    if (dropped_++ % 1000 == 0) spdlog::warn("bot: queue full, {} messages dropped so far", dropped_);
    return false;  // the chat goes to the team as if the bot were off
  }
  queue_.push_back(Job{r, true, std::nullopt, {}});
  cv_.notify_one();
  return true;
}

void BotResponder::onMessageStored(const AppendResult& r) {
  const auto& m = r.message;
  // New chats come through takesNewConversation; the bot's own messages and private notes change nothing.
  if (m.is_private || r.conversation_created) return;
  if (m.sender_type != SenderType::Visitor && m.sender_type != SenderType::Agent) return;
  std::lock_guard lock(mu_);
  if (queue_.size() >= kMaxQueued) {
    if (dropped_++ % 1000 == 0) spdlog::warn("bot: queue full, {} messages dropped so far", dropped_);
    return;
  }
  queue_.push_back(Job{r, false, std::nullopt, {}});
  cv_.notify_one();
}

void BotResponder::run() {
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    try {
      handle(job);
    } catch (const std::exception& e) {
      spdlog::error("bot: message {} of conversation {}: {}", job.r.message.id, job.r.message.conversation_id,
                    e.what());
    }
  }
}

void BotResponder::handle(const Job& job) {
  const auto& r = job.r;
  const Id ws = r.message.workspace_id;
  const Id conv = r.message.conversation_id;
  BotState state;
  if (!job.start) {
    auto stored = deps_.bots.botState(ws, conv);
    if (!stored) return;  // not a chat the bot took
    state = readStoredBotState(*stored);
    if (state.stage == BotStage::Silent) return;
  }
  auto c = cached(ws);
  BotEvent e;
  bool ai_answered = false;
  if (r.message.sender_type == SenderType::Agent) {
    e.kind = BotEvent::Kind::AgentReplied;
  } else {
    // A bot switched off after it took the chat says nothing more; the chat is already in the queue or handed over
    // only when it hands over, so it is handed over now, quietly.
    if (!c.settings.enabled && state.stage != BotStage::HandedOff) {
      state.stage = BotStage::HandedOff;
      deps_.bots.saveBotState(ws, conv, toString(state.stage), storedBotState(state), nowMillis());
      if (deps_.route_and_assign) deps_.route_and_assign(r.conversation);
      return;
    }
    e.text = r.message.body;
    e.option_id = pressedOptionId(r.message.content_json);
    const Millis now = nowMillis();
    const bool open = !c.hours.enabled || isOpen(c.hours, now);
    e.availability.team_available = open && !deps_.presence.onlineAgentIds(ws).empty();
    if (!open) e.availability.back_at = describeNextOpening(c.hours, now);
    if (wantsArticleSearch(c.settings, state, e)) {
      // With AI answers on, the question goes to the model first (on its own threads) and comes back
      // here as a job of its own; until then nothing changes.
      if (!job.ai && deps_.ai && c.settings.ai.enabled && askAi(c, job, e.text)) return;
      // The articles are searched only when the model's outcome leaves the answer to the rules.
      const auto decided = job.ai ? useAiOutcome(*job.ai, job.ai_cards, e) : std::nullopt;
      if (!decided) e.matches = matches(c, ws, e.text);
      ai_answered = decided.value_or(false);
    }
  }
  const int misses_before = state.misses;
  auto step = botStep(c.settings, std::move(state), e);
  // A question that found no answer (a miss) is what the help center lacks: counted for the report.
  if (deps_.report && step.state.misses > misses_before) deps_.report->recordUnanswered(ws, e.text, nowMillis());
  if (ai_answered)
    for (auto& a : step.actions)
      if (a.kind == BotAction::Kind::SayArticles) a.text = job.ai->text;
  // The state first: a crash between it and the messages loses a reply, never sends one twice.
  deps_.bots.saveBotState(ws, conv, toString(step.state.stage), storedBotState(step.state), nowMillis());
  act(c, r, step.actions, ai_answered);
}

bool BotResponder::askAi(const Cached& c, const Job& job, const std::string& text) {
  const Id ws = job.r.message.workspace_id;
  auto hits = deps_.articles.searchPublishedArticles(ws, text, kMaxAiSources);
  if (hits.empty()) return false;  // nothing to ground an answer in: the rule-based miss, with no call
  AiAnswerer::Question q;
  q.workspace_id = ws;
  q.settings = c.settings.ai;
  q.workspace_name = c.name;
  q.text = text;
  Job next{job.r, job.start, std::nullopt, {}};
  for (const auto& h : hits) {
    const auto& a = h.article;
    std::string url = "/help/" + c.public_id + "/articles/" + a.slug;
    q.sources.push_back({a.id, a.title, url, a.body_text.substr(0, kMaxAiSourceChars)});
    next.ai_cards.push_back({a.id, a.title, a.excerpt, std::move(url)});
  }
  deps_.ai->ask(std::move(q), [this, next = std::move(next)](AiAnswerer::Outcome o) mutable {
    next.ai = std::move(o);
    enqueue(std::move(next));
  });
  return true;
}

void BotResponder::enqueue(Job job) {
  std::lock_guard lock(mu_);
  if (stopping_) return;
  if (queue_.size() >= kMaxQueued) {
    if (dropped_++ % 1000 == 0) spdlog::warn("bot: queue full, {} messages dropped so far", dropped_);
    return;
  }
  queue_.push_back(std::move(job));
  cv_.notify_one();
}

std::vector<ArticleCard> BotResponder::matches(const Cached& c, Id ws, const std::string& text) {
  std::vector<ArticleCandidate> candidates;
  for (auto& m : deps_.articles.searchPublishedArticles(ws, text, kSearchCandidates)) {
    ArticleCandidate a;
    a.card = {m.article.id, m.article.title, m.article.excerpt,
              "/help/" + c.public_id + "/articles/" + m.article.slug};
    a.score = m.score;
    a.text = m.article.title + "\n" + m.article.body_text.substr(0, kMatchTextBytes);
    candidates.push_back(std::move(a));
  }
  return goodArticleMatches(text, candidates);
}

void BotResponder::act(const Cached& c, const AppendResult& r, const std::vector<BotAction>& actions, bool ai) {
  using K = BotAction::Kind;
  int index = 0;
  for (const auto& a : actions) {
    switch (a.kind) {
      case K::Say:
        say(r, a.text, a.quick_replies.empty() ? std::string() : quickRepliesContent(a.quick_replies), false, index);
        break;
      case K::SayArticles: say(r, a.text, articlesContent(a.articles, ai), false, index); break;
      case K::SayArticle: {
        std::optional<Article> art;
        if (a.article_id) art = deps_.articles.articleById(r.message.workspace_id, *a.article_id);
        if (art && art->status == ArticleStatus::Published) {
          ArticleCard card{art->id, art->title, art->excerpt, "/help/" + c.public_id + "/articles/" + art->slug};
          say(r, a.text.empty() ? "This article may help:" : a.text, articlesContent({card}), false, index);
        } else {
          say(r, a.text.empty() ? "Sorry, that article is not available right now." : a.text, "", false, index);
        }
        break;
      }
      case K::SaveField: saveField(r, a.field, a.value); break;
      case K::Handoff:
        say(r, a.note, "", true, index);
        if (deps_.route_and_assign) deps_.route_and_assign(r.conversation);
        break;
    }
    ++index;
  }
}

void BotResponder::say(const AppendResult& r, std::string text, std::string content_json, bool is_private,
                       int index) {
  MessageDraft d;
  d.conversation_id = r.message.conversation_id;
  // One id per (visitor message, action): idempotent if the same step ever ran twice.
  d.client_id = "bot-" + std::to_string(r.message.id) + "-" + std::to_string(index);
  d.body = std::move(text);
  d.is_private = is_private;
  d.content_json = std::move(content_json);
  const Id conv = r.message.conversation_id;
  deps_.messages.send({SenderType::Bot, r.message.workspace_id, 0}, std::move(d), [conv](const SendResult& s) {
    if (s.error) spdlog::warn("bot: a message to conversation {} was refused: {}", conv, s.error->what());
  });
}

void BotResponder::saveField(const AppendResult& r, BotField f, const std::string& value) {
  const Id ws = r.message.workspace_id;
  auto contact = deps_.contacts.contactById(ws, r.conversation.contact_id);
  if (!contact) return;
  switch (f) {
    case BotField::Email: contact->email = value; break;
    case BotField::Name: contact->name = value; break;
    case BotField::OrderNumber: {
      boost::system::error_code ec;
      auto v = boost::json::parse(contact->attributes_json, ec);
      if (ec || !v.is_object()) v = boost::json::object{};
      v.as_object()["order_number"] = value;
      contact->attributes_json = boost::json::serialize(v);
      break;
    }
  }
  deps_.contacts.updateContact(*contact);
  deps_.contacts.logContactUpdated(contact->workspace_id, contact->id, nowMillis());
}

}  // namespace parley
