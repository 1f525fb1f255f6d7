// Settings > Bot (issue 14, item 5): when the rule-based bot answers, its greeting and the quick
// replies it offers, each leading to an answer, an article, a question that fills a contact field or
// a human. Plain records and their limits; the JSON is wire/bot_settings_json's, the flow bot_flow's.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.h"

namespace parley {

enum class BotWhen { Always, OutsideHours, NobodyOnline };
enum class BotOptionAction { Answer, Article, Ask, Human };
enum class BotField { Email, Name, OrderNumber };

inline constexpr std::size_t kMaxBotOptions = 10;         // what one quick-reply message may hold
inline constexpr std::size_t kMaxBotOptionIdChars = 40;
inline constexpr std::size_t kMaxBotLabelChars = 80;
inline constexpr std::size_t kMaxBotGreetingChars = 1'000;
inline constexpr std::size_t kMaxBotTextChars = 2'000;     // an option's answer
inline constexpr std::size_t kMaxBotQuestionChars = 500;
inline constexpr std::size_t kMaxBotNoticeChars = 1'000;   // handoff_text, offline_text
inline constexpr std::size_t kMaxBotAiUrlChars = 500;
inline constexpr std::size_t kMaxBotAiModelChars = 200;
inline constexpr std::size_t kMaxBotAiKeyChars = 500;

struct BotOption {
  std::string id;     // [a-z0-9_-], 1..40: what a quick-reply press names
  std::string label;  // 1..80: the button and the visitor's message when pressed
  BotOptionAction action = BotOptionAction::Answer;
  std::string text;                 // Answer: the reply (1..2000); Article: an optional intro
  std::optional<Id> article_id;     // Article
  std::optional<BotField> field;    // Ask
  std::string question;             // Ask: what the bot asks (1..500)
};

// Item 6 (AI answers) is built later; its settings are kept here so that Settings > Bot is one resource.
struct BotAiSettings {
  bool enabled = false;
  std::string base_url;
  std::string model;
  std::string api_key;  // write-only over REST
  int timeout_ms = 15'000;
  int max_per_hour = 100;
};

struct BotSettings {
  bool enabled = false;
  BotWhen when = BotWhen::Always;
  std::string greeting;
  std::vector<BotOption> options;
  std::string handoff_text;
  std::string offline_text;  // "{back}" becomes when the team is back
  BotAiSettings ai;
};

// What a workspace has before its admin saves anything: off, with a useful greeting to start from.
BotSettings defaultBotSettings();

struct BotSettingsProblem {
  std::string field;    // "options[2].label"
  std::string message;
};
std::optional<BotSettingsProblem> checkBotSettings(const BotSettings& s);

std::string_view toString(BotWhen w);
std::string_view toString(BotOptionAction a);
std::string_view toString(BotField f);
std::optional<BotWhen> parseBotWhen(std::string_view s);
std::optional<BotOptionAction> parseBotOptionAction(std::string_view s);
std::optional<BotField> parseBotField(std::string_view s);

// Whether the bot takes a new chat: on, and its "when" holds now.
bool botEngages(const BotSettings& s, bool inside_business_hours, bool agents_online);

}  // namespace parley
