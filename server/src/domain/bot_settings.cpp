#include "domain/bot_settings.h"

#include "domain/text_limits.h"

namespace parley {

BotSettings defaultBotSettings() {
  BotSettings s;
  s.greeting = "Hi! I'm the assistant. What can I help you with?";
  s.options = {
      {.id = "human", .label = "Talk to a human", .action = BotOptionAction::Human},
  };
  s.handoff_text = "Thanks! Someone from the team will take it from here.";
  s.offline_text = "Our team is away right now and back {back}. Leave your email and we'll get back to you.";
  return s;
}

namespace {

bool idChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'; }

std::optional<BotSettingsProblem> textProblem(const std::string& field, std::string_view v, std::size_t max, bool required) {
  if (!isValidUtf8(v)) return BotSettingsProblem{field, field + " must be valid UTF-8"};
  if (required && isBlank(v)) return BotSettingsProblem{field, field + " is required"};
  if (countCodePoints(v) > max)
    return BotSettingsProblem{field, field + " must be at most " + std::to_string(max) + " characters"};
  return std::nullopt;
}

}  // namespace

std::optional<BotSettingsProblem> checkBotSettings(const BotSettings& s) {
  if (auto p = textProblem("greeting", s.greeting, kMaxBotGreetingChars, true)) return p;
  if (auto p = textProblem("handoff_text", s.handoff_text, kMaxBotNoticeChars, true)) return p;
  if (auto p = textProblem("offline_text", s.offline_text, kMaxBotNoticeChars, true)) return p;
  if (s.options.size() > kMaxBotOptions)
    return BotSettingsProblem{"options", "at most " + std::to_string(kMaxBotOptions) + " options"};
  for (std::size_t i = 0; i < s.options.size(); ++i) {
    const auto& o = s.options[i];
    const std::string at = "options[" + std::to_string(i) + "].";
    if (o.id.empty() || o.id.size() > kMaxBotOptionIdChars)
      return BotSettingsProblem{at + "id", "id must be 1 to 40 of a-z, 0-9, '-' and '_'"};
    for (char c : o.id)
      if (!idChar(c)) return BotSettingsProblem{at + "id", "id must be 1 to 40 of a-z, 0-9, '-' and '_'"};
    for (std::size_t j = 0; j < i; ++j)
      if (s.options[j].id == o.id) return BotSettingsProblem{at + "id", "two options have the id " + o.id};
    if (auto p = textProblem(at + "label", o.label, kMaxBotLabelChars, true)) return p;
    switch (o.action) {
      case BotOptionAction::Answer:
        if (auto p = textProblem(at + "text", o.text, kMaxBotTextChars, true)) return p;
        break;
      case BotOptionAction::Article:
        if (!o.article_id || *o.article_id <= 0)
          return BotSettingsProblem{at + "article_id", "an article option needs the article's id"};
        if (auto p = textProblem(at + "text", o.text, kMaxBotTextChars, false)) return p;
        break;
      case BotOptionAction::Ask:
        if (!o.field) return BotSettingsProblem{at + "field", "field must be email, name or order_number"};
        if (auto p = textProblem(at + "question", o.question, kMaxBotQuestionChars, true)) return p;
        break;
      case BotOptionAction::Human: break;
    }
  }
  const auto& ai = s.ai;
  if (auto p = textProblem("ai.base_url", ai.base_url, kMaxBotAiUrlChars, ai.enabled)) return p;
  if (!ai.base_url.empty() && ai.base_url.rfind("http://", 0) != 0 && ai.base_url.rfind("https://", 0) != 0)
    return BotSettingsProblem{"ai.base_url", "ai.base_url must start with http:// or https://"};
  if (auto p = textProblem("ai.model", ai.model, kMaxBotAiModelChars, ai.enabled)) return p;
  if (auto p = textProblem("ai.api_key", ai.api_key, kMaxBotAiKeyChars, false)) return p;
  if (ai.timeout_ms < 500 || ai.timeout_ms > 120'000)
    return BotSettingsProblem{"ai.timeout_ms", "ai.timeout_ms must be 500 to 120000"};
  if (ai.max_per_hour < 1 || ai.max_per_hour > 10'000)
    return BotSettingsProblem{"ai.max_per_hour", "ai.max_per_hour must be 1 to 10000"};
  return std::nullopt;
}

std::string_view toString(BotWhen w) {
  switch (w) {
    case BotWhen::Always: return "always";
    case BotWhen::OutsideHours: return "outside_hours";
    case BotWhen::NobodyOnline: return "nobody_online";
  }
  return "always";
}

std::string_view toString(BotOptionAction a) {
  switch (a) {
    case BotOptionAction::Answer: return "answer";
    case BotOptionAction::Article: return "article";
    case BotOptionAction::Ask: return "ask";
    case BotOptionAction::Human: return "human";
  }
  return "answer";
}

std::string_view toString(BotField f) {
  switch (f) {
    case BotField::Email: return "email";
    case BotField::Name: return "name";
    case BotField::OrderNumber: return "order_number";
  }
  return "email";
}

std::optional<BotWhen> parseBotWhen(std::string_view s) {
  for (auto w : {BotWhen::Always, BotWhen::OutsideHours, BotWhen::NobodyOnline})
    if (toString(w) == s) return w;
  return std::nullopt;
}

std::optional<BotOptionAction> parseBotOptionAction(std::string_view s) {
  for (auto a : {BotOptionAction::Answer, BotOptionAction::Article, BotOptionAction::Ask, BotOptionAction::Human})
    if (toString(a) == s) return a;
  return std::nullopt;
}

std::optional<BotField> parseBotField(std::string_view s) {
  for (auto f : {BotField::Email, BotField::Name, BotField::OrderNumber})
    if (toString(f) == s) return f;
  return std::nullopt;
}

bool botEngages(const BotSettings& s, bool inside_business_hours, bool agents_online) {
  if (!s.enabled) return false;
  switch (s.when) {
    case BotWhen::Always: return true;
    case BotWhen::OutsideHours: return !inside_business_hours;
    case BotWhen::NobodyOnline: return !agents_online;
  }
  return false;
}

}  // namespace parley
