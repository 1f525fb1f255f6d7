#include "app/auto_assigner.h"

#include <spdlog/spdlog.h>

#include "domain/clock.h"
#include "wire/json_codec.h"

namespace parley {

namespace {
bool autoAssignOn(const Workspace& ws) {
  auto v = json::parseOr(ws.settings_json, boost::json::object{});
  if (!v.is_object()) return true;
  auto it = v.get_object().find("auto_assign");
  return it == v.get_object().end() || !it->value().is_bool() || it->value().get_bool();
}
}  // namespace

// Open conversations assigned to the agent, counted up to `enough` (the agent's capacity: past it
// the exact number does not matter). Pages of 100, so a capacity over 100 is counted right.
int AutoAssigner::openAssigned(Id workspace_id, Id agent_id, int enough) {
  ConversationFilter f;
  f.status = ConversationStatus::Open;
  f.assignee = ConversationFilter::Assignee::Id;
  f.assignee_id = agent_id;
  f.limit = 100;
  int n = 0;
  for (;;) {
    auto page = store_.listConversations(workspace_id, f);
    n += static_cast<int>(page.conversations.size());
    if (n >= enough || !page.next_cursor) return n;
    f.cursor = *page.next_cursor;
  }
}

void AutoAssigner::onConversationCreated(const Conversation& c) {
  if (c.assignee_id) return;
  auto ws = store_.workspaceById(c.workspace_id);
  if (!ws || !autoAssignOn(*ws)) return;
  std::vector<RoundRobinRouter::Candidate> candidates;
  for (auto id : presence_.onlineAgentIds(c.workspace_id)) {
    auto agent = store_.agentById(c.workspace_id, id);
    if (!agent || !agent->active) continue;
    candidates.push_back({id, true, openAssigned(c.workspace_id, id, agent->capacity), agent->capacity});
  }
  std::optional<Id> pick;
  {
    std::lock_guard lock(mu_);
    pick = routers_[c.workspace_id].pick(candidates);
  }
  if (!pick) return;
  ConversationPatch p;
  p.assignee_id = std::optional<Id>{*pick};
  auto change = store_.updateConversation(c.workspace_id, c.id, p, nowMillis());
  if (!change) return;
  spdlog::info("conversation {} auto-assigned to agent {}", c.id, *pick);
  events_.conversationUpdated(change->conversation, change->offset, false);
}

}  // namespace parley
