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

void AutoAssigner::onConversationCreated(const Conversation& c) {
  if (c.assignee_id) return;
  auto ws = store_.workspaceById(c.workspace_id);
  if (!ws || !autoAssignOn(*ws)) return;
  auto online = presence_.onlineAgentIds(c.workspace_id);
  if (online.empty()) return;
  std::vector<Id> order;
  {
    std::lock_guard lock(mu_);
    order = routers_[c.workspace_id].turnOrder(std::move(online));
  }
  // The store skips agents that are full, deactivated or not of this workspace, under its locks:
  // counts read here would be stale by the time another node assigns.
  auto change = store_.assignIfUnderCapacity(c.workspace_id, c.id, order, nowMillis());
  if (!change || !change->conversation.assignee_id) return;
  const Id agent = *change->conversation.assignee_id;
  {
    std::lock_guard lock(mu_);
    routers_[c.workspace_id].setLastPick(agent);
  }
  spdlog::info("conversation {} auto-assigned to agent {}", c.id, agent);
  events_.conversationUpdated(change->conversation, change->offset, false);
}

}  // namespace parley
