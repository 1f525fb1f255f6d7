// SqliteStore: routing rules, team routing settings and the routing timers' claims
// (store/routing_rule_store.h). The claims run in one BEGIN IMMEDIATE transaction, as
// sqlite_claims.cpp's do: another process on the same file waits and then sees what was written.
#include <algorithm>
#include <set>

#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace parley {

using sqlite::Tx;

namespace {

constexpr const char* kRoutingRuleSelect =
    "SELECT id, workspace_id, position, name, enabled, conditions, team_id, priority, tags, created_at "
    "FROM routing_rules ";

RoutingRule readRule(const sqlite::Query& q) {
  RoutingRule r;
  r.id = q.i64(0);
  r.workspace_id = q.i64(1);
  r.position = static_cast<int>(q.i64(2));
  r.name = q.text(3);
  r.enabled = q.i64(4) != 0;
  r.conditions = conditionsFromJson(q.text(5));
  r.team_id = q.optI64(6);
  if (auto p = q.optText(7)) r.priority = parsePriority(*p);
  r.tags = routingTagsFromJson(q.text(8));
  r.created_at = q.i64(9);
  return r;
}

constexpr const char* kTeamRoutingColumns =
    "SELECT workspace_id, team_id, fallback, reassign_offline, reassign_after_minutes, remind_after_seconds "
    "FROM team_routing ";

TeamRouting readTeamRouting(const sqlite::Query& q) {
  TeamRouting t;
  t.workspace_id = q.i64(0);
  t.team_id = q.i64(1);
  t.fallback = parseEnum<TeamFallback>(q.text(2)).value_or(TeamFallback::Workspace);
  t.reassign_offline = q.i64(3) != 0;
  t.reassign_after_minutes = static_cast<int>(q.i64(4));
  t.remind_after_seconds = static_cast<int>(q.i64(5));
  return t;
}

// conversations.team_id for team 0 is NULL.
constexpr const char* kTeamMatch = "((?2 = 0 AND c.team_id IS NULL) OR c.team_id = ?2)";

}  // namespace

std::vector<RoutingRule> SqliteStore::listRoutingRules(Id workspace_id) {
  std::lock_guard lock(mu_);
  std::vector<RoutingRule> out;
  auto q = db_->query(std::string(kRoutingRuleSelect) + "WHERE workspace_id = ?1 ORDER BY position, id");
  q.bind(workspace_id);
  while (q.step()) out.push_back(readRule(q));
  return out;
}

RoutingRule SqliteStore::createRoutingRule(const RoutingRule& r) {
  std::lock_guard lock(mu_);
  Tx tx(*db_);
  RoutingRule out = r;
  auto q = db_->query("SELECT coalesce(max(position) + 1, 0) FROM routing_rules WHERE workspace_id = ?1");
  q.bind(r.workspace_id).step();
  out.position = static_cast<int>(q.i64(0));
  db_->query("INSERT INTO routing_rules(workspace_id, position, name, enabled, conditions, team_id, priority, tags, "
             "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
      .bind(r.workspace_id, out.position, r.name, r.enabled, conditionsToJson(r.conditions), r.team_id, r.priority,
            routingTagsToJson(r.tags), r.created_at)
      .run();
  out.id = db_->lastInsertId();
  tx.commit();
  return out;
}

std::optional<RoutingRule> SqliteStore::updateRoutingRule(const RoutingRule& r) {
  std::lock_guard lock(mu_);
  Tx tx(*db_);
  db_->query("UPDATE routing_rules SET name = ?3, enabled = ?4, conditions = ?5, team_id = ?6, priority = ?7, "
             "tags = ?8 WHERE id = ?1 AND workspace_id = ?2")
      .bind(r.id, r.workspace_id, r.name, r.enabled, conditionsToJson(r.conditions), r.team_id, r.priority,
            routingTagsToJson(r.tags))
      .run();
  if (db_->changes() == 0) return std::nullopt;
  auto q = db_->query(std::string(kRoutingRuleSelect) + "WHERE id = ?1");
  q.bind(r.id).step();
  auto out = readRule(q);
  tx.commit();
  return out;
}

bool SqliteStore::deleteRoutingRule(Id workspace_id, Id id) {
  std::lock_guard lock(mu_);
  Tx tx(*db_);
  auto q = db_->query("SELECT position FROM routing_rules WHERE id = ?1 AND workspace_id = ?2");
  if (!q.bind(id, workspace_id).step()) return false;
  const auto position = q.i64(0);
  db_->query("DELETE FROM routing_rules WHERE id = ?1").bind(id).run();
  db_->query("UPDATE routing_rules SET position = position - 1 WHERE workspace_id = ?1 AND position > ?2")
      .bind(workspace_id, position)
      .run();
  tx.commit();
  return true;
}

bool SqliteStore::reorderRoutingRules(Id workspace_id, const std::vector<Id>& ids) {
  std::lock_guard lock(mu_);
  Tx tx(*db_);
  std::set<Id> have;
  auto q = db_->query("SELECT id FROM routing_rules WHERE workspace_id = ?1");
  q.bind(workspace_id);
  while (q.step()) have.insert(q.i64(0));
  if (std::set<Id>(ids.begin(), ids.end()) != have || ids.size() != have.size()) return false;
  for (std::size_t i = 0; i < ids.size(); ++i)
    db_->query("UPDATE routing_rules SET position = ?2 WHERE id = ?1").bind(ids[i], static_cast<std::int64_t>(i)).run();
  tx.commit();
  return true;
}

TeamRouting SqliteStore::teamRouting(Id workspace_id, Id team_id) {
  std::lock_guard lock(mu_);
  auto q = db_->query(std::string(kTeamRoutingColumns) + "WHERE workspace_id = ?1 AND team_id = ?2");
  if (q.bind(workspace_id, team_id).step()) return readTeamRouting(q);
  TeamRouting t;
  t.workspace_id = workspace_id;
  t.team_id = team_id;
  return t;
}

std::vector<TeamRouting> SqliteStore::listTeamRouting(Id workspace_id) {
  std::lock_guard lock(mu_);
  std::vector<TeamRouting> out;
  auto q = db_->query(std::string(kTeamRoutingColumns) + "WHERE workspace_id = ?1 ORDER BY team_id");
  q.bind(workspace_id);
  while (q.step()) out.push_back(readTeamRouting(q));
  return out;
}

void SqliteStore::setTeamRouting(const TeamRouting& t) {
  std::lock_guard lock(mu_);
  if (t.team_id != 0 && !loadTeam(t.workspace_id, t.team_id))
    throw std::invalid_argument("no such team in this workspace");
  db_->query("INSERT INTO team_routing(workspace_id, team_id, fallback, reassign_offline, reassign_after_minutes, "
             "remind_after_seconds) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (workspace_id, team_id) DO UPDATE SET "
             "fallback = excluded.fallback, reassign_offline = excluded.reassign_offline, "
             "reassign_after_minutes = excluded.reassign_after_minutes, "
             "remind_after_seconds = excluded.remind_after_seconds")
      .bind(t.workspace_id, t.team_id, toString(t.fallback), t.reassign_offline, t.reassign_after_minutes,
            t.remind_after_seconds)
      .run();
}

std::vector<TeamRouting> SqliteStore::routingTimersOn() {
  std::lock_guard lock(mu_);
  std::vector<TeamRouting> out;
  auto q = db_->query(std::string(kTeamRoutingColumns) +
                      "WHERE reassign_offline <> 0 OR reassign_after_minutes > 0 OR remind_after_seconds > 0 "
                      "ORDER BY workspace_id, team_id LIMIT 10000");
  while (q.step()) out.push_back(readTeamRouting(q));
  return out;
}

void SqliteStore::noteAssignment(Id workspace_id, Id conversation_id, Id agent_id, Millis at) {
  std::lock_guard lock(mu_);
  db_->query("INSERT INTO conversation_routing(conversation_id, workspace_id, assigned_agent_id, assigned_at) "
             "SELECT id, workspace_id, ?3, ?4 FROM conversations WHERE id = ?1 AND workspace_id = ?2 "
             "ON CONFLICT (conversation_id) DO UPDATE SET assigned_agent_id = excluded.assigned_agent_id, "
             "assigned_at = excluded.assigned_at")
      .bind(conversation_id, workspace_id, agent_id, at)
      .run();
}

std::vector<AssignedConversation> SqliteStore::assignedOpen(Id workspace_id, Id team_id, int limit) {
  std::lock_guard lock(mu_);
  const std::string sql = "SELECT " + sqlite::kConversationColumns +
                          ", CASE WHEN r.assigned_agent_id = c.assignee_id THEN r.assigned_at END "
                          "FROM conversations c JOIN contacts ct ON ct.id = c.contact_id "
                          "LEFT JOIN conversation_routing r ON r.conversation_id = c.id "
                          "WHERE c.workspace_id = ?1 AND " + kTeamMatch +
                          " AND c.status = 'open' AND c.assignee_id IS NOT NULL "
                          "ORDER BY c.waiting_since IS NULL, c.waiting_since, c.id LIMIT ?3";
  std::vector<AssignedConversation> out;
  auto q = db_->query(sql);
  q.bind(workspace_id, team_id, sqlite::clampLimit(limit, 200, 1000));
  while (q.step())
    out.push_back({sqlite::readConversation(q), q.optI64(sqlite::kConversationColumnCount)});
  return out;
}

std::optional<ConversationChange> SqliteStore::unassignIfStill(Id workspace_id, Id conversation_id, Id agent_id,
                                                               Millis now) {
  std::lock_guard lock(mu_);
  Tx tx(*db_);
  auto current = loadConversation(workspace_id, conversation_id);
  if (!current || current->assignee_id != agent_id || current->status != ConversationStatus::Open)
    return std::nullopt;
  ConversationPatch p;
  p.assignee_id = std::optional<Id>{};
  writeConversation(patchedOrThrow(*current, p, now));
  db_->query("UPDATE conversation_routing SET assigned_agent_id = NULL, assigned_at = NULL WHERE conversation_id = ?1")
      .bind(conversation_id)
      .run();
  ConversationChange change;
  change.offset = logEvent(workspace_id, "conversation.updated", conversation_id, std::nullopt, now);
  change.conversation = *loadConversation(workspace_id, conversation_id);
  tx.commit();
  return change;
}

std::vector<Conversation> SqliteStore::claimReminders(Id workspace_id, Id team_id, Millis waiting_before, Millis now,
                                                      int limit) {
  std::lock_guard lock(mu_);
  Tx tx(*db_);
  const std::string sql = sqlite::kSelectConversation +
                          "LEFT JOIN conversation_routing r ON r.conversation_id = c.id "
                          "WHERE c.workspace_id = ?1 AND " + kTeamMatch +
                          " AND c.status = 'open' AND c.first_reply_at IS NULL AND c.waiting_since IS NOT NULL "
                          "AND c.waiting_since <= ?3 AND r.reminded_at IS NULL "
                          "ORDER BY c.waiting_since, c.id LIMIT ?4";
  std::vector<Conversation> due;
  {
    auto q = db_->query(sql);
    q.bind(workspace_id, team_id, waiting_before, sqlite::clampLimit(limit, 100, 1000));
    while (q.step()) due.push_back(sqlite::readConversation(q));
  }
  for (const auto& c : due)
    db_->query("INSERT INTO conversation_routing(conversation_id, workspace_id, reminded_at) VALUES (?1, ?2, ?3) "
               "ON CONFLICT (conversation_id) DO UPDATE SET reminded_at = excluded.reminded_at")
        .bind(c.id, workspace_id, now)
        .run();
  tx.commit();
  return due;
}

}  // namespace parley
