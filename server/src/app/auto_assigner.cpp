#include "app/auto_assigner.h"

#include <spdlog/spdlog.h>

#include <algorithm>

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

std::optional<Id> AutoAssigner::offer(const Conversation& c) {
  if (c.assignee_id) return std::nullopt;
  auto ws = store_.workspaceById(c.workspace_id);
  if (!ws || !autoAssignOn(*ws)) return std::nullopt;
  return assign(c, std::nullopt);
}

void AutoAssigner::onAnswerToOutreach(const Conversation& c) {
  if (c.assignee_id) return;
  auto ws = store_.workspaceById(c.workspace_id);
  if (!ws || !autoAssignOn(*ws)) return;
  std::optional<Id> starter;
  auto first = store_.messagesAfter(c.workspace_id, c.id, 0, 1, true);
  if (!first.empty() && first[0].sender_type == SenderType::Agent && first[0].sender_id) starter = *first[0].sender_id;
  if (starter && presence_.agentPresence(*starter) == AgentPresence::Online) {
    // Its own turn key (-1): picking the starter is not a turn of the team's or workspace's rotation.
    if (tryAgents(c, {c.workspace_id, -1}, {*starter})) return;
  }
  assign(c, std::nullopt);
}

std::optional<Id> AutoAssigner::reassign(const Conversation& c, Id previous) {
  if (c.assignee_id) return std::nullopt;
  auto ws = store_.workspaceById(c.workspace_id);
  if (!ws || !autoAssignOn(*ws)) return std::nullopt;
  return assign(c, previous);
}

std::optional<Id> AutoAssigner::assign(const Conversation& c, std::optional<Id> skip) {
  auto online = presence_.onlineAgentIds(c.workspace_id);
  if (skip) std::erase(online, *skip);
  if (online.empty()) return std::nullopt;
  if (c.team_id) {
    std::vector<Id> members;
    for (const auto& t : store_.listTeams(c.workspace_id))
      if (t.id == *c.team_id) members = t.member_ids;
    std::vector<Id> team_online;
    for (Id a : online)
      if (std::find(members.begin(), members.end(), a) != members.end()) team_online.push_back(a);
    if (auto got = tryAgents(c, {c.workspace_id, *c.team_id}, std::move(team_online))) return got;
    if (store_.teamRouting(c.workspace_id, *c.team_id).fallback == TeamFallback::Queue) {
      spdlog::info("conversation {} waits in team {}'s queue (nobody of the team online with room)", c.id, *c.team_id);
      return std::nullopt;
    }
  }
  return tryAgents(c, {c.workspace_id, 0}, std::move(online));
}

std::optional<Id> AutoAssigner::tryAgents(const Conversation& c, std::pair<Id, Id> key, std::vector<Id> candidates) {
  if (candidates.empty()) return std::nullopt;
  std::vector<Id> order;
  {
    std::lock_guard lock(mu_);
    order = routers_[key].turnOrder(std::move(candidates));
  }
  // The store skips agents that are full, deactivated or not of this workspace, under its locks:
  // counts read here would be stale by the time another node assigns.
  const Millis now = clock_ ? clock_() : nowMillis();
  auto change = store_.assignIfUnderCapacity(c.workspace_id, c.id, order, now);
  if (!change || !change->conversation.assignee_id) return std::nullopt;
  const Id agent = *change->conversation.assignee_id;
  {
    std::lock_guard lock(mu_);
    routers_[key].setLastPick(agent);
  }
  store_.noteAssignment(c.workspace_id, c.id, agent, now);  // the routing timers count from here
  spdlog::info("conversation {} auto-assigned to agent {}", c.id, agent);
  events_.conversationUpdated(change->conversation, change->offset, false);
  return agent;
}

}  // namespace parley
