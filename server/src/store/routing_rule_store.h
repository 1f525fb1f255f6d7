// Routing (issue 13, item 4): a workspace's ordered routing rules, each team's routing settings,
// and what the routing timers need from the conversations: when the present assignee got a chat,
// handing it back to the queue, and reminders. Matching is the domain's (domain/routing_rule.h,
// domain/team_routing.h); the store keeps rows and claims what several nodes may try at once.
#pragma once

#include <optional>
#include <vector>

#include "domain/routing_rule.h"
#include "domain/team_routing.h"
#include "store/conversation_store.h"

namespace parley {

// An assigned, open conversation and when its present assignee got it (if this store recorded it).
struct AssignedConversation {
  Conversation conversation;
  std::optional<Millis> assigned_at;
};

class RoutingRuleStore {
 public:
  virtual ~RoutingRuleStore() = default;

  // The workspace's rules in order (position ascending).
  virtual std::vector<RoutingRule> listRoutingRules(Id workspace_id) = 0;
  // Appends the rule after the last one (its id, position and created_at are set by the store).
  virtual RoutingRule createRoutingRule(const RoutingRule& r) = 0;
  // Replaces name, enabled, conditions and actions (not the position); nullopt when not found.
  virtual std::optional<RoutingRule> updateRoutingRule(const RoutingRule& r) = 0;
  // Deletes it and closes the gap in the order; false when not found.
  virtual bool deleteRoutingRule(Id workspace_id, Id id) = 0;
  // `ids` becomes the order; false (nothing changed) unless it names every rule of the workspace
  // exactly once.
  virtual bool reorderRoutingRules(Id workspace_id, const std::vector<Id>& ids) = 0;

  // The settings of one team (team 0: conversations without a team); the defaults when never set.
  virtual TeamRouting teamRouting(Id workspace_id, Id team_id) = 0;
  // Every stored row of the workspace (teams never set are left out).
  virtual std::vector<TeamRouting> listTeamRouting(Id workspace_id) = 0;
  // Inserts or replaces; std::invalid_argument for a team that is not of the workspace.
  virtual void setTeamRouting(const TeamRouting& t) = 0;
  // Across all workspaces: the rows whose timers are on (the routing timers' work list).
  virtual std::vector<TeamRouting> routingTimersOn() = 0;

  // Records that `agent_id` got the conversation at `at` (auto-assignment, or the timers when they
  // first see an assignment made by hand).
  virtual void noteAssignment(Id workspace_id, Id conversation_id, Id agent_id, Millis at) = 0;
  // Open, assigned conversations of the team (team 0: without a team), oldest waiting first, at
  // most `limit`.
  virtual std::vector<AssignedConversation> assignedOpen(Id workspace_id, Id team_id, int limit) = 0;
  // The claim of a hand-back: the conversation loses its assignee if it is still `agent_id`'s and
  // open, logging conversation.updated; nullopt (nothing written) otherwise, e.g. another node
  // handed it back first or the agent just took it again.
  virtual std::optional<ConversationChange> unassignIfStill(Id workspace_id, Id conversation_id, Id agent_id,
                                                            Millis now) = 0;
  // The claim of reminders: open conversations of the team, never answered, waiting since
  // `waiting_before` or earlier and not reminded yet; marks them reminded and returns them (each
  // conversation is returned once, by one caller, ever).
  virtual std::vector<Conversation> claimReminders(Id workspace_id, Id team_id, Millis waiting_before, Millis now,
                                                   int limit) = 0;
};

}  // namespace parley
