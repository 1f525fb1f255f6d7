// JSON of the rule-based bot (issue 14, item 5): Settings > Bot as the API shows it (the AI key
// write-only: "api_key_set"), as it is stored (with the key), as a PUT reads it; and the bot's
// per-conversation state as stored.
#pragma once

#include <boost/json/fwd.hpp>
#include <string>
#include <string_view>

#include "domain/bot_flow.h"
#include "domain/bot_settings.h"

namespace parley {

boost::json::object botSettingsJson(const BotSettings& s);
std::string storedBotSettings(const BotSettings& s);
// Stored text back; anything unreadable gives the defaults (off), so a damaged row never makes the bot speak.
BotSettings readStoredBotSettings(std::string_view stored);

// A PUT's body over the current settings: a field left out keeps its value ("ai.api_key" too; "" clears it).
// Throws json::FieldError naming the field for a wrong type or word; the limits are checkBotSettings'.
BotSettings botSettingsFromRequest(const boost::json::object& body, const BotSettings& current);

std::string storedBotState(const BotState& s);
BotState readStoredBotState(std::string_view stored);  // damaged: a fresh state in HandedOff (quiet)
std::string_view toString(BotStage stage);

}  // namespace parley
