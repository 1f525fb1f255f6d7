// Issue 14, item 7: what the dashboard shows of the bot. The conversations it handled come from
// the bot's state rows (store/bot_store.h); the questions it could not answer are kept here, one
// row per distinct question (domain unansweredKey) with a count, at most kMaxUnansweredKept per
// workspace (recording one more drops the one asked least recently).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "domain/bot_report.h"
#include "domain/model.h"

namespace parley {

class BotReportStore {
 public:
  virtual ~BotReportStore() = default;

  // A visitor's question that matched no article (and no AI answer). Empty keys are not kept.
  virtual void recordUnanswered(Id workspace_id, std::string_view question, Millis now) = 0;
  // Asked since `since` (last asked), most asked first, then most recent.
  virtual std::vector<UnansweredQuestion> topUnanswered(Id workspace_id, Millis since, std::size_t limit) = 0;
  // Conversations the bot began speaking in since `since`.
  virtual BotNumbers botNumbers(Id workspace_id, Millis since) = 0;
};

}  // namespace parley
