// SqliteStore: proactive rules, their deliveries and caps (store/proactive_rule_store.h). One connection behind
// one mutex: a claim's checks and writes are one transaction, so two tabs cannot both take a rule.
#include "domain/proactive_rule.h"
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_store.h"

namespace parley {

using sqlite::Tx;

namespace {

constexpr const char* kProactiveRuleColumns =
    "id, workspace_id, name, enabled, priority, conditions, sender_agent_id, body, created_at, updated_at, "
    "shown_count, opened_count, replied_count";

ProactiveRule ruleFrom(const sqlite::Query& q) {
  ProactiveRule r;
  r.id = q.i64(0);
  r.workspace_id = q.i64(1);
  r.name = q.text(2);
  r.enabled = q.i64(3) != 0;
  r.priority = static_cast<int>(q.i64(4));
  r.conditions_json = q.text(5);
  r.sender_agent_id = q.optI64(6);
  r.body = q.text(7);
  r.created_at = q.i64(8);
  r.updated_at = q.i64(9);
  r.shown = q.i64(10);
  r.opened = q.i64(11);
  r.replied = q.i64(12);
  return r;
}

std::int64_t capHoursLocked(sqlite::Db& db, Id workspace_id) {
  auto q = db.query("SELECT cap_hours FROM proactive_settings WHERE workspace_id = ?1");
  if (q.bind(workspace_id).step()) return q.i64(0);
  return ProactiveLimits::kDefaultCapHours;
}

}  // namespace

ProactiveRule SqliteStore::createProactiveRule(const ProactiveRule& r) {
  std::lock_guard lock(mu_);
  db_->query(
         "INSERT INTO proactive_rules(workspace_id, name, enabled, priority, conditions, sender_agent_id, body, "
         "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
      .bind(r.workspace_id, r.name, r.enabled, static_cast<std::int64_t>(r.priority), r.conditions_json,
            r.sender_agent_id, r.body, r.created_at, r.updated_at)
      .run();
  ProactiveRule out = r;
  out.id = db_->lastInsertId();
  out.shown = out.opened = out.replied = 0;
  return out;
}

std::vector<ProactiveRule> SqliteStore::listProactiveRules(Id workspace_id) {
  std::lock_guard lock(mu_);
  auto q = db_->query(std::string("SELECT ") + kProactiveRuleColumns +
                      " FROM proactive_rules WHERE workspace_id = ?1 ORDER BY priority DESC, id");
  q.bind(workspace_id);
  std::vector<ProactiveRule> out;
  while (q.step()) out.push_back(ruleFrom(q));
  return out;
}

std::optional<ProactiveRule> SqliteStore::proactiveRuleById(Id workspace_id, Id id) {
  std::lock_guard lock(mu_);
  auto q = db_->query(std::string("SELECT ") + kProactiveRuleColumns + " FROM proactive_rules WHERE id = ?1 AND workspace_id = ?2");
  if (!q.bind(id, workspace_id).step()) return std::nullopt;
  return ruleFrom(q);
}

std::optional<ProactiveRule> SqliteStore::updateProactiveRule(const ProactiveRule& r) {
  std::lock_guard lock(mu_);
  db_->query(
         "UPDATE proactive_rules SET name = ?3, enabled = ?4, priority = ?5, conditions = ?6, sender_agent_id = ?7, "
         "body = ?8, updated_at = ?9 WHERE id = ?1 AND workspace_id = ?2")
      .bind(r.id, r.workspace_id, r.name, r.enabled, static_cast<std::int64_t>(r.priority), r.conditions_json,
            r.sender_agent_id, r.body, r.updated_at)
      .run();
  if (db_->changes() == 0) return std::nullopt;
  auto q = db_->query(std::string("SELECT ") + kProactiveRuleColumns + " FROM proactive_rules WHERE id = ?1");
  if (!q.bind(r.id).step()) return std::nullopt;
  return ruleFrom(q);
}

bool SqliteStore::deleteProactiveRule(Id workspace_id, Id id) {
  std::lock_guard lock(mu_);
  db_->query("DELETE FROM proactive_rules WHERE id = ?1 AND workspace_id = ?2").bind(id, workspace_id).run();
  return db_->changes() > 0;
}

std::size_t SqliteStore::countProactiveRules(Id workspace_id) {
  std::lock_guard lock(mu_);
  auto q = db_->query("SELECT count(*) FROM proactive_rules WHERE workspace_id = ?1");
  q.bind(workspace_id).step();
  return static_cast<std::size_t>(q.i64(0));
}

std::int64_t SqliteStore::proactiveCapHours(Id workspace_id) {
  std::lock_guard lock(mu_);
  return capHoursLocked(*db_, workspace_id);
}

void SqliteStore::setProactiveCapHours(Id workspace_id, std::int64_t hours) {
  std::lock_guard lock(mu_);
  db_->query(
         "INSERT INTO proactive_settings(workspace_id, cap_hours) VALUES (?1, ?2) "
         "ON CONFLICT (workspace_id) DO UPDATE SET cap_hours = excluded.cap_hours")
      .bind(workspace_id, hours)
      .run();
}

std::vector<ProactiveRule> SqliteStore::proactiveRulesFor(Id workspace_id, Id contact_id, Millis now) {
  std::lock_guard lock(mu_);
  const std::int64_t capMs = capHoursLocked(*db_, workspace_id) * 3'600'000;
  if (capMs > 0) {
    auto cap = db_->query("SELECT 1 FROM proactive_caps WHERE contact_id = ?1 AND last_at > ?2");
    if (cap.bind(contact_id, now - capMs).step()) return {};
  }
  auto q = db_->query(std::string("SELECT ") + kProactiveRuleColumns +
                      " FROM proactive_rules r WHERE workspace_id = ?1 AND enabled = 1 AND NOT EXISTS "
                      "(SELECT 1 FROM proactive_deliveries d WHERE d.rule_id = r.id AND d.contact_id = ?2) "
                      "ORDER BY priority DESC, id");
  q.bind(workspace_id, contact_id);
  std::vector<ProactiveRule> out;
  while (q.step()) out.push_back(ruleFrom(q));
  return out;
}

ProactiveClaim SqliteStore::claimProactive(Id workspace_id, Id rule_id, Id contact_id, Millis now) {
  using S = ProactiveClaim::Status;
  std::lock_guard lock(mu_);
  Tx tx(*db_);
  {
    auto rule = db_->query("SELECT 1 FROM proactive_rules WHERE id = ?1 AND workspace_id = ?2 AND enabled = 1");
    if (!rule.bind(rule_id, workspace_id).step()) return {S::NoRule};
    auto contact = db_->query("SELECT 1 FROM contacts WHERE id = ?1 AND workspace_id = ?2");
    if (!contact.bind(contact_id, workspace_id).step()) return {S::NoRule};
    auto seen = db_->query("SELECT 1 FROM proactive_deliveries WHERE rule_id = ?1 AND contact_id = ?2");
    if (seen.bind(rule_id, contact_id).step()) return {S::AlreadyShown};
  }
  const std::int64_t capMs = capHoursLocked(*db_, workspace_id) * 3'600'000;
  {
    auto cap = db_->query("SELECT 1 FROM proactive_caps WHERE contact_id = ?1 AND last_at > ?2");
    if (capMs > 0 && cap.bind(contact_id, now - capMs).step()) return {S::Capped};
  }
  db_->query("INSERT INTO proactive_deliveries(rule_id, contact_id, workspace_id, claimed_at) VALUES (?1, ?2, ?3, ?4)")
      .bind(rule_id, contact_id, workspace_id, now)
      .run();
  db_->query(
         "INSERT INTO proactive_caps(contact_id, workspace_id, last_at) VALUES (?1, ?2, ?3) "
         "ON CONFLICT (contact_id) DO UPDATE SET last_at = excluded.last_at")
      .bind(contact_id, workspace_id, now)
      .run();
  tx.commit();
  return {S::Claimed};
}

bool SqliteStore::proactiveDelivered(Id workspace_id, Id rule_id, Id contact_id, Id conversation_id, Id message_id) {
  std::lock_guard lock(mu_);
  Tx tx(*db_);
  db_->query(
         "UPDATE proactive_deliveries SET conversation_id = ?4, message_id = ?5 "
         "WHERE rule_id = ?1 AND contact_id = ?2 AND workspace_id = ?3 AND message_id IS NULL")
      .bind(rule_id, contact_id, workspace_id, conversation_id, message_id)
      .run();
  if (db_->changes() == 0) return false;
  db_->query("UPDATE proactive_rules SET shown_count = shown_count + 1 WHERE id = ?1").bind(rule_id).run();
  tx.commit();
  return true;
}

void SqliteStore::releaseProactive(Id workspace_id, Id rule_id, Id contact_id, Millis claimed_at) {
  std::lock_guard lock(mu_);
  Tx tx(*db_);
  db_->query(
         "DELETE FROM proactive_deliveries WHERE rule_id = ?1 AND contact_id = ?2 AND workspace_id = ?3 "
         "AND message_id IS NULL")
      .bind(rule_id, contact_id, workspace_id)
      .run();
  // The cap row held a time older than the cap window before this claim (or none): removing it frees the
  // visitor exactly as before.
  db_->query("DELETE FROM proactive_caps WHERE contact_id = ?1 AND workspace_id = ?2 AND last_at = ?3")
      .bind(contact_id, workspace_id, claimed_at)
      .run();
  tx.commit();
}

bool SqliteStore::proactiveOpened(Id workspace_id, Id rule_id, Id contact_id, Millis now) {
  std::lock_guard lock(mu_);
  Tx tx(*db_);
  db_->query(
         "UPDATE proactive_deliveries SET opened_at = ?4 WHERE rule_id = ?1 AND contact_id = ?2 AND workspace_id = ?3 "
         "AND message_id IS NOT NULL AND opened_at IS NULL")
      .bind(rule_id, contact_id, workspace_id, now)
      .run();
  if (db_->changes() == 0) return false;
  db_->query("UPDATE proactive_rules SET opened_count = opened_count + 1 WHERE id = ?1").bind(rule_id).run();
  tx.commit();
  return true;
}

int SqliteStore::proactiveReplied(Id workspace_id, Id contact_id, Id conversation_id, Millis now) {
  std::lock_guard lock(mu_);
  // Every visitor message comes here: a read first, so that the common case (no rule message waiting for a
  // reply in this conversation) costs no write transaction.
  std::vector<Id> rules;
  {
    auto q = db_->query(
        "SELECT rule_id FROM proactive_deliveries WHERE conversation_id = ?1 AND replied_at IS NULL "
        "AND contact_id = ?2 AND workspace_id = ?3 AND message_id IS NOT NULL");
    q.bind(conversation_id, contact_id, workspace_id);
    while (q.step()) rules.push_back(q.i64(0));
  }
  if (rules.empty()) return 0;
  Tx tx(*db_);
  int counted = 0;
  for (Id rule : rules) {
    db_->query(
           "UPDATE proactive_deliveries SET replied_at = ?3 WHERE rule_id = ?1 AND contact_id = ?2 "
           "AND replied_at IS NULL")
        .bind(rule, contact_id, now)
        .run();
    if (db_->changes() == 0) continue;
    db_->query("UPDATE proactive_rules SET replied_count = replied_count + 1 WHERE id = ?1").bind(rule).run();
    ++counted;
  }
  tx.commit();
  return counted;
}

}  // namespace parley
