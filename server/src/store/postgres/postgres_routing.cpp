// PostgresStore: routing rules, team routing settings and the routing timers' claims
// (store/routing_rule_store.h), with the SQLite backend's behaviour. The hand-back keeps
// postgres_store.h's lock order (event counters, then the conversation); reminders are claimed by
// an upsert that only a row not yet reminded passes, so two nodes never remind of one chat twice.
#include <set>

#include "store/postgres/pg_rows.h"
#include "store/postgres/postgres_store.h"

namespace parley {

namespace {

constexpr const char* kPgRoutingRuleSelect =
    "SELECT id, workspace_id, position, name, enabled, conditions, team_id, priority, tags, created_at "
    "FROM routing_rules ";

RoutingRule routingRuleAt(const pg::Result& r, int i) {
  RoutingRule out;
  out.id = r.i64(i, 0);
  out.workspace_id = r.i64(i, 1);
  out.position = static_cast<int>(r.i64(i, 2));
  out.name = r.text(i, 3);
  out.enabled = r.boolean(i, 4);
  out.conditions = conditionsFromJson(r.text(i, 5));
  out.team_id = r.optI64(i, 6);
  if (auto p = r.optText(i, 7)) out.priority = parsePriority(*p);
  out.tags = routingTagsFromJson(r.text(i, 8));
  out.created_at = r.i64(i, 9);
  return out;
}

constexpr const char* kPgTeamRoutingColumns =
    "SELECT workspace_id, team_id, fallback, reassign_offline, reassign_after_minutes, remind_after_seconds "
    "FROM team_routing ";

TeamRouting teamRoutingAt(const pg::Result& r, int i) {
  TeamRouting t;
  t.workspace_id = r.i64(i, 0);
  t.team_id = r.i64(i, 1);
  t.fallback = parseEnum<TeamFallback>(r.text(i, 2)).value_or(TeamFallback::Workspace);
  t.reassign_offline = r.boolean(i, 3);
  t.reassign_after_minutes = static_cast<int>(r.i64(i, 4));
  t.remind_after_seconds = static_cast<int>(r.i64(i, 5));
  return t;
}

// conversations.team_id for team 0 is NULL.
constexpr const char* kPgTeamMatch = "(($2::bigint = 0 AND c.team_id IS NULL) OR c.team_id = $2::bigint)";

// Serialises the order changes of one workspace's rules (a new rule's position is max + 1).
void lockRuleOrder(pg::Connection& c, Id workspace_id) {
  c.exec("SELECT pg_advisory_xact_lock(7263, ($1::bigint % 2147483647)::int)", workspace_id);
}

}  // namespace

std::vector<RoutingRule> PostgresStore::listRoutingRules(Id workspace_id) {
  auto c = pool_->acquire();
  auto r = c->exec(std::string(kPgRoutingRuleSelect) + "WHERE workspace_id = $1 ORDER BY position, id", workspace_id);
  std::vector<RoutingRule> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(routingRuleAt(r, i));
  return out;
}

RoutingRule PostgresStore::createRoutingRule(const RoutingRule& rule) {
  auto c = pool_->acquire();
  pg::Tx tx(*c);
  lockRuleOrder(*c, rule.workspace_id);
  auto r = c->exec(
      "INSERT INTO routing_rules(workspace_id, position, name, enabled, conditions, team_id, priority, tags, "
      "created_at) VALUES ($1, (SELECT coalesce(max(position) + 1, 0) FROM routing_rules WHERE workspace_id = $1), "
      "$2, $3, $4, $5, $6, $7, $8) RETURNING id, position",
      rule.workspace_id, rule.name, rule.enabled, conditionsToJson(rule.conditions), rule.team_id, rule.priority,
      routingTagsToJson(rule.tags), rule.created_at);
  RoutingRule out = rule;
  out.id = r.i64(0, 0);
  out.position = static_cast<int>(r.i64(0, 1));
  tx.commit();
  return out;
}

std::optional<RoutingRule> PostgresStore::updateRoutingRule(const RoutingRule& rule) {
  auto c = pool_->acquire();
  auto r = c->exec("UPDATE routing_rules SET name = $3, enabled = $4, conditions = $5, team_id = $6, priority = $7, "
                   "tags = $8 WHERE id = $1 AND workspace_id = $2 "
                   "RETURNING id, workspace_id, position, name, enabled, conditions, team_id, priority, tags, created_at",
                   rule.id, rule.workspace_id, rule.name, rule.enabled, conditionsToJson(rule.conditions), rule.team_id,
                   rule.priority, routingTagsToJson(rule.tags));
  if (r.empty()) return std::nullopt;
  return routingRuleAt(r, 0);
}

bool PostgresStore::deleteRoutingRule(Id workspace_id, Id id) {
  auto c = pool_->acquire();
  pg::Tx tx(*c);
  lockRuleOrder(*c, workspace_id);
  auto r = c->exec("DELETE FROM routing_rules WHERE id = $1 AND workspace_id = $2 RETURNING position", id, workspace_id);
  if (r.empty()) return false;
  c->exec("UPDATE routing_rules SET position = position - 1 WHERE workspace_id = $1 AND position > $2", workspace_id,
          r.i64(0, 0));
  tx.commit();
  return true;
}

bool PostgresStore::reorderRoutingRules(Id workspace_id, const std::vector<Id>& ids) {
  auto c = pool_->acquire();
  pg::Tx tx(*c);
  lockRuleOrder(*c, workspace_id);
  auto r = c->exec("SELECT id FROM routing_rules WHERE workspace_id = $1", workspace_id);
  std::set<Id> have;
  for (int i = 0; i < r.rows(); ++i) have.insert(r.i64(i, 0));
  if (std::set<Id>(ids.begin(), ids.end()) != have || ids.size() != have.size()) return false;
  // One statement: position = the id's index in the array.
  c->exec("UPDATE routing_rules SET position = o.n - 1 FROM unnest($2::bigint[]) WITH ORDINALITY AS o(id, n) "
          "WHERE routing_rules.id = o.id AND routing_rules.workspace_id = $1",
          workspace_id, std::vector<std::int64_t>(ids.begin(), ids.end()));
  tx.commit();
  return true;
}

TeamRouting PostgresStore::teamRouting(Id workspace_id, Id team_id) {
  auto c = pool_->acquire();
  auto r = c->exec(std::string(kPgTeamRoutingColumns) + "WHERE workspace_id = $1 AND team_id = $2", workspace_id, team_id);
  if (!r.empty()) return teamRoutingAt(r, 0);
  TeamRouting t;
  t.workspace_id = workspace_id;
  t.team_id = team_id;
  return t;
}

std::vector<TeamRouting> PostgresStore::listTeamRouting(Id workspace_id) {
  auto c = pool_->acquire();
  auto r = c->exec(std::string(kPgTeamRoutingColumns) + "WHERE workspace_id = $1 ORDER BY team_id", workspace_id);
  std::vector<TeamRouting> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(teamRoutingAt(r, i));
  return out;
}

void PostgresStore::setTeamRouting(const TeamRouting& t) {
  auto c = pool_->acquire();
  if (t.team_id != 0 && c->exec("SELECT 1 FROM teams WHERE id = $1 AND workspace_id = $2", t.team_id, t.workspace_id).empty())
    throw std::invalid_argument("no such team in this workspace");
  c->exec("INSERT INTO team_routing(workspace_id, team_id, fallback, reassign_offline, reassign_after_minutes, "
          "remind_after_seconds) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (workspace_id, team_id) DO UPDATE SET "
          "fallback = excluded.fallback, reassign_offline = excluded.reassign_offline, "
          "reassign_after_minutes = excluded.reassign_after_minutes, "
          "remind_after_seconds = excluded.remind_after_seconds",
          t.workspace_id, t.team_id, t.fallback, t.reassign_offline, t.reassign_after_minutes, t.remind_after_seconds);
}

std::vector<TeamRouting> PostgresStore::routingTimersOn() {
  auto c = pool_->acquire();
  auto r = c->exec(std::string(kPgTeamRoutingColumns) +
                   "WHERE reassign_offline OR reassign_after_minutes > 0 OR remind_after_seconds > 0 "
                   "ORDER BY workspace_id, team_id LIMIT 10000");
  std::vector<TeamRouting> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(teamRoutingAt(r, i));
  return out;
}

void PostgresStore::noteAssignment(Id workspace_id, Id conversation_id, Id agent_id, Millis at) {
  auto c = pool_->acquire();
  c->exec("INSERT INTO conversation_routing(conversation_id, workspace_id, assigned_agent_id, assigned_at) "
          "SELECT id, workspace_id, $3::bigint, $4::bigint FROM conversations WHERE id = $1 AND workspace_id = $2 "
          "ON CONFLICT (conversation_id) DO UPDATE SET assigned_agent_id = excluded.assigned_agent_id, "
          "assigned_at = excluded.assigned_at",
          conversation_id, workspace_id, agent_id, at);
}

std::vector<AssignedConversation> PostgresStore::assignedOpen(Id workspace_id, Id team_id, int limit) {
  const std::string sql = "SELECT " + pg::kConversationColumns +
                          ", CASE WHEN r.assigned_agent_id = c.assignee_id THEN r.assigned_at END "
                          "FROM conversations c JOIN contacts ct ON ct.id = c.contact_id "
                          "LEFT JOIN conversation_routing r ON r.conversation_id = c.id "
                          "WHERE c.workspace_id = $1 AND " + kPgTeamMatch +
                          " AND c.status = 'open' AND c.assignee_id IS NOT NULL "
                          "ORDER BY c.waiting_since NULLS LAST, c.id LIMIT $3";
  auto c = pool_->acquire();
  auto r = c->exec(sql, workspace_id, team_id, pg::clampLimit(limit, 200, 1000));
  std::vector<AssignedConversation> out;
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({pg::readConversation(r, i), r.optI64(i, pg::kConversationColumnCount)});
  return out;
}

std::optional<ConversationChange> PostgresStore::unassignIfStill(Id workspace_id, Id conversation_id, Id agent_id,
                                                                 Millis now) {
  auto c = pool_->acquire();
  pg::Tx tx(*c);
  lockEventCounters(*c, {workspace_id});
  auto current = loadConversation(*c, workspace_id, conversation_id, true);
  if (!current || current->assignee_id != agent_id || current->status != ConversationStatus::Open)
    return std::nullopt;
  ConversationPatch p;
  p.assignee_id = std::optional<Id>{};
  writeConversation(*c, patchedOrThrow(*current, p, now));
  c->exec("UPDATE conversation_routing SET assigned_agent_id = NULL, assigned_at = NULL WHERE conversation_id = $1",
          conversation_id);
  ConversationChange change;
  change.offset = logEvent(*c, workspace_id, "conversation.updated", conversation_id, std::nullopt, now);
  change.conversation = *loadConversation(*c, workspace_id, conversation_id);
  tx.commit();
  return change;
}

std::vector<Conversation> PostgresStore::claimReminders(Id workspace_id, Id team_id, Millis waiting_before, Millis now,
                                                        int limit) {
  auto c = pool_->acquire();
  // A second node's insert of the same row waits for the first's commit, then finds reminded_at set
  // and returns nothing for it.
  auto claimed = c->exec(
      std::string("INSERT INTO conversation_routing(conversation_id, workspace_id, reminded_at) "
                  "SELECT c.id, c.workspace_id, $5::bigint FROM conversations c "
                  "LEFT JOIN conversation_routing r ON r.conversation_id = c.id "
                  "WHERE c.workspace_id = $1 AND ") +
          kPgTeamMatch +
          " AND c.status = 'open' AND c.first_reply_at IS NULL AND c.waiting_since IS NOT NULL "
          "AND c.waiting_since <= $3 AND r.reminded_at IS NULL ORDER BY c.waiting_since, c.id LIMIT $4 "
          "ON CONFLICT (conversation_id) DO UPDATE SET reminded_at = excluded.reminded_at "
          "WHERE conversation_routing.reminded_at IS NULL RETURNING conversation_id",
      workspace_id, team_id, waiting_before, pg::clampLimit(limit, 100, 1000), now);
  std::vector<Conversation> out;
  for (int i = 0; i < claimed.rows(); ++i)
    if (auto conv = loadConversation(*c, workspace_id, claimed.i64(i, 0))) out.push_back(std::move(*conv));
  return out;
}

}  // namespace parley
