// The rule-based bot at work (issue 14, item 5). An AfterCommit listener hands each stored visitor
// or agent message to one worker thread (off the I/O threads: it reads the store, searches the
// articles and writes the bot's state), which runs domain botStep and carries out its actions:
// messages through MessageSender (sender type bot; quick replies and article cards as content), a
// contact field saved, and the handoff (a private note with the summary, then the same
// route-and-auto-assign step a new chat gets). The state is stored per conversation after each
// step, so a restart carries on. A chat the bot takes is not routed when it is created but when
// the bot hands it over (takesNewConversation, asked by the route-and-auto-assign step).
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

#include "app/ai_answerer.h"
#include "app/message_sender.h"
#include "bus/presence.h"
#include "domain/bot_flow.h"
#include "domain/business_hours.h"
#include "store/article_store.h"
#include "store/bot_report_store.h"
#include "store/bot_store.h"
#include "store/contact_store.h"
#include "store/workspace_store.h"

namespace parley {

struct BotResponderDeps {
  BotStore& bots;
  ArticleStore& articles;
  ContactStore& contacts;
  WorkspaceStore& workspaces;
  const PresenceTracker& presence;
  MessageSender& messages;
  std::function<void(const Conversation&)> route_and_assign;  // main.cpp's step for a new chat
  BotReportStore* report = nullptr;  // the questions it could not answer (item 7); none: not counted
  AiAnswerer* ai = nullptr;          // AI answers (item 6); none: the rule-based answer only
};

class BotResponder {
 public:
  static constexpr std::size_t kMaxQueued = 10'000;        // messages waiting for the worker; beyond: dropped, logged
  static constexpr Millis kSettingsCacheMs = 2'000;        // a PUT on another node is seen within this

  explicit BotResponder(BotResponderDeps deps);
  ~BotResponder();
  BotResponder(const BotResponder&) = delete;
  BotResponder& operator=(const BotResponder&) = delete;

  // For the route-and-auto-assign step, on the I/O thread: true when the bot takes this new chat
  // (then the step leaves it alone). Reads cached settings and the in-memory presence only.
  bool takesNewConversation(const AppendResult& r);
  // The AfterCommit listener: queues what the bot must see and returns.
  void onMessageStored(const AppendResult& r);
  // This node's copy of the settings is stale (a PUT here).
  void settingsChanged(Id workspace_id);
  // Waits for the queue to drain and joins the worker.
  void stop();

 private:
  struct Cached {
    BotSettings settings;
    BusinessHours hours;
    std::string public_id;
    std::string name;  // the workspace's, for the AI's instructions
    Millis loaded_at = 0;
  };
  struct Job {
    AppendResult r;
    bool start = false;  // a new chat the bot took
    // Set when the AI answered r's question (the job came back from the AiAnswerer), with the cards
    // of the articles it was given.
    std::optional<AiAnswerer::Outcome> ai;
    std::vector<ArticleCard> ai_cards;
  };

  Cached cached(Id workspace_id);
  void run();
  void handle(const Job& job);
  void act(const Cached& c, const AppendResult& r, const std::vector<BotAction>& actions, bool ai = false);
  // Hands the question to the AiAnswerer with the top articles; the answer comes back as a Job. False
  // when there is no article to ground an answer in, or the job cannot be queued.
  bool askAi(const Cached& c, const Job& job, const std::string& text);
  void enqueue(Job job);
  void say(const AppendResult& r, std::string text, std::string content_json, bool is_private, int index);
  void saveField(const AppendResult& r, BotField f, const std::string& value);
  std::vector<ArticleCard> matches(const Cached& c, Id workspace_id, const std::string& text);

  BotResponderDeps deps_;
  std::mutex cache_mu_;
  std::unordered_map<Id, Cached> cache_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  std::size_t dropped_ = 0;
  std::thread worker_;
};

}  // namespace parley
