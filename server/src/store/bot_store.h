// The rule-based bot's rows (issue 14, item 5): Settings > Bot per workspace, and the bot's state per
// conversation, so that a restart (or another node) carries on where the bot was. A conversation
// with a state row is one the bot handled: the inbox's Bot view (ConversationFilter::bot_handled).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/model.h"

namespace parley {

class BotStore {
 public:
  virtual ~BotStore() = default;

  // wire/bot_settings_json's stored form (with the AI key); nullopt before the first save.
  virtual std::optional<std::string> botSettings(Id workspace_id) = 0;
  virtual void saveBotSettings(Id workspace_id, std::string_view settings_json, Millis now) = 0;

  // wire/bot_state_json's form; nullopt when the bot never spoke in the conversation.
  virtual std::optional<std::string> botState(Id workspace_id, Id conversation_id) = 0;
  // Inserts or replaces. stage: the state's stage word (readable in SQL). False when the conversation
  // is not the workspace's (nothing is written).
  virtual bool saveBotState(Id workspace_id, Id conversation_id, std::string_view stage, std::string_view state_json,
                            Millis now) = 0;
};

}  // namespace parley
