// The rule-based bot of one conversation as a state machine (issue 14, item 5): an event (the
// visitor wrote or pressed a quick reply, an agent replied) and the state give the next state and
// what to do (say something, save a contact field, hand the chat to the team). Pure: the app layer
// (app/bot_responder) reads the settings, the team's availability and the article matches, runs
// the actions through MessageSender and stores the state.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/article_matcher.h"
#include "domain/bot_settings.h"

namespace parley {

enum class BotStage {
  New,         // the bot has not spoken yet
  Choosing,    // greeted; waits for a quick reply or a question
  AskingField, // asked for a contact field (an option's question, or the email when nobody is there)
  HandedOff,   // the team has it; the bot is quiet
  Silent,      // a human replied: the bot never speaks again
};

inline constexpr std::size_t kMaxBotQuestionsKept = 5;    // in the state and the summary
inline constexpr std::size_t kMaxBotQuestionKeptChars = 200;
inline constexpr std::size_t kMaxBotChoicesKept = 10;
inline constexpr int kBotMissesBeforeHandoff = 2;
inline constexpr int kBotFieldAttempts = 2;

struct BotState {
  BotStage stage = BotStage::New;
  int misses = 0;                        // questions without a good article match
  std::optional<BotField> asking;        // AskingField: which
  int field_attempts = 0;                // invalid answers to the current question
  bool handed_off = false;               // AskingField after the handoff (the email while nobody is there)
  std::vector<std::string> questions;    // the visitor's free text, for the summary
  std::vector<std::string> choices;      // quick replies pressed (labels)
  std::vector<std::string> asked;        // what the bot asked
  std::vector<std::pair<BotField, std::string>> learned;
};

struct BotAvailability {
  bool team_available = true;  // inside business hours and an agent online
  std::string back_at;         // "Monday 09:00 (Europe/Berlin)"; empty when unknown
};

struct BotEvent {
  enum class Kind { VisitorMessage, AgentReplied } kind = Kind::VisitorMessage;
  std::string text;                      // the visitor's body
  std::optional<std::string> option_id;  // a quick-reply press
  BotAvailability availability;
  std::vector<ArticleCard> matches;      // good article matches for `text` (goodArticleMatches)
};

struct QuickReply {
  std::string id;
  std::string label;
};

struct BotAction {
  enum class Kind {
    Say,          // text, with quick_replies when not empty
    SayArticles,  // text and article cards
    SayArticle,   // text and the card of article_id (looked up by the app; text alone when it is gone)
    SaveField,    // field = value on the contact
    Handoff,      // route and assign the chat; note is the summary for the agent (a private note)
  } kind = Kind::Say;
  std::string text;
  std::vector<QuickReply> quick_replies;
  std::vector<ArticleCard> articles;
  std::optional<Id> article_id;
  BotField field = BotField::Email;
  std::string value;
  std::string note;
};

struct BotStep {
  BotState state;
  std::vector<BotAction> actions;
};

// The option a visitor's message chose: by option_id, else by its label typed or pressed (trimmed,
// ASCII case ignored). Only while the bot offers options (Choosing, AskingField before a handoff).
const BotOption* chosenOption(const BotSettings& s, const BotState& state, const BotEvent& e);

// Whether the event is free text the bot would answer with articles (so the app searches first).
bool wantsArticleSearch(const BotSettings& s, const BotState& state, const BotEvent& e);

BotStep botStep(const BotSettings& s, BotState state, const BotEvent& e);

// The value as it is saved, or nullopt when it is not one (email: one '@', a dot in the domain,
// no spaces, <= 254; name: 1..100 characters; order number: 1..64 letters, digits, '-', '_', '#', '/').
std::optional<std::string> normalizeBotField(BotField f, std::string_view value);

// The private note for the agent: why, what the visitor chose and asked, what the bot asked and learned.
std::string botHandoffSummary(const BotState& state, std::string_view reason);

// offline_text with "{back}" replaced ("soon" when the time is unknown).
std::string offlineNotice(const BotSettings& s, const BotAvailability& a);

}  // namespace parley
