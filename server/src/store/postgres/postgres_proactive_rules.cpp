// PostgresStore: proactive rules, their deliveries and caps (store/proactive_rule_store.h). Several nodes may
// claim for one visitor at once: the delivery's primary key arbitrates once per rule (the second INSERT waits
// for the first commit, then does nothing), and the cap row's conditional upsert arbitrates the workspace-wide
// cap (the second waits on the row, then sees the first's time and updates nothing). Either refusal rolls the
// whole claim back.
#include <limits>

#include "domain/proactive_rule.h"
#include "store/postgres/postgres_store.h"

namespace parley {

namespace {

constexpr const char* kPgProactiveRuleColumns =
    "id, workspace_id, name, enabled, priority, conditions, sender_agent_id, body, created_at, updated_at, "
    "shown_count, opened_count, replied_count";

ProactiveRule ruleAt(const pg::Result& r, int i) {
  ProactiveRule out;
  out.id = r.i64(i, 0);
  out.workspace_id = r.i64(i, 1);
  out.name = r.text(i, 2);
  out.enabled = r.boolean(i, 3);
  out.priority = static_cast<int>(r.i64(i, 4));
  out.conditions_json = r.text(i, 5);
  out.sender_agent_id = r.optI64(i, 6);
  out.body = r.text(i, 7);
  out.created_at = r.i64(i, 8);
  out.updated_at = r.i64(i, 9);
  out.shown = r.i64(i, 10);
  out.opened = r.i64(i, 11);
  out.replied = r.i64(i, 12);
  return out;
}

std::vector<ProactiveRule> rulesOf(const pg::Result& r) {
  std::vector<ProactiveRule> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) out.push_back(ruleAt(r, i));
  return out;
}

std::int64_t capHoursOn(pg::Connection& c, Id workspace_id) {
  auto r = c.exec("SELECT cap_hours FROM proactive_settings WHERE workspace_id = $1", workspace_id);
  return r.empty() ? ProactiveLimits::kDefaultCapHours : r.i64(0, 0);
}

}  // namespace

ProactiveRule PostgresStore::createProactiveRule(const ProactiveRule& r) {
  auto c = pool_->acquire();
  ProactiveRule out = r;
  out.id = c->exec(
                "INSERT INTO proactive_rules(workspace_id, name, enabled, priority, conditions, sender_agent_id, body, "
                "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                r.workspace_id, r.name, r.enabled, r.priority, r.conditions_json, r.sender_agent_id, r.body,
                r.created_at, r.updated_at)
               .i64(0, 0);
  out.shown = out.opened = out.replied = 0;
  return out;
}

std::vector<ProactiveRule> PostgresStore::listProactiveRules(Id workspace_id) {
  auto c = pool_->acquire();
  return rulesOf(c->exec(std::string("SELECT ") + kPgProactiveRuleColumns +
                             " FROM proactive_rules WHERE workspace_id = $1 ORDER BY priority DESC, id",
                         workspace_id));
}

std::optional<ProactiveRule> PostgresStore::proactiveRuleById(Id workspace_id, Id id) {
  auto c = pool_->acquire();
  auto r = c->exec(std::string("SELECT ") + kPgProactiveRuleColumns + " FROM proactive_rules WHERE id = $1 AND workspace_id = $2",
                   id, workspace_id);
  if (r.empty()) return std::nullopt;
  return ruleAt(r, 0);
}

std::optional<ProactiveRule> PostgresStore::updateProactiveRule(const ProactiveRule& r) {
  auto c = pool_->acquire();
  auto res = c->exec(std::string("UPDATE proactive_rules SET name = $3, enabled = $4, priority = $5, conditions = $6, "
                                 "sender_agent_id = $7, body = $8, updated_at = $9 WHERE id = $1 AND workspace_id = $2 "
                                 "RETURNING ") +
                         kPgProactiveRuleColumns,
                     r.id, r.workspace_id, r.name, r.enabled, r.priority, r.conditions_json, r.sender_agent_id, r.body,
                     r.updated_at);
  if (res.empty()) return std::nullopt;
  return ruleAt(res, 0);
}

bool PostgresStore::deleteProactiveRule(Id workspace_id, Id id) {
  auto c = pool_->acquire();
  return c->exec("DELETE FROM proactive_rules WHERE id = $1 AND workspace_id = $2", id, workspace_id).affected() > 0;
}

std::size_t PostgresStore::countProactiveRules(Id workspace_id) {
  auto c = pool_->acquire();
  return static_cast<std::size_t>(
      c->exec("SELECT count(*) FROM proactive_rules WHERE workspace_id = $1", workspace_id).i64(0, 0));
}

std::int64_t PostgresStore::proactiveCapHours(Id workspace_id) {
  auto c = pool_->acquire();
  return capHoursOn(*c, workspace_id);
}

void PostgresStore::setProactiveCapHours(Id workspace_id, std::int64_t hours) {
  auto c = pool_->acquire();
  c->exec(
      "INSERT INTO proactive_settings(workspace_id, cap_hours) VALUES ($1, $2) "
      "ON CONFLICT (workspace_id) DO UPDATE SET cap_hours = excluded.cap_hours",
      workspace_id, hours);
}

std::vector<ProactiveRule> PostgresStore::proactiveRulesFor(Id workspace_id, Id contact_id, Millis now) {
  auto c = pool_->acquire();
  const std::int64_t capMs = capHoursOn(*c, workspace_id) * 3'600'000;
  if (capMs > 0 &&
      !c->exec("SELECT 1 FROM proactive_caps WHERE contact_id = $1 AND last_at > $2", contact_id, now - capMs).empty())
    return {};
  return rulesOf(c->exec(std::string("SELECT ") + kPgProactiveRuleColumns +
                             " FROM proactive_rules r WHERE workspace_id = $1 AND enabled AND NOT EXISTS "
                             "(SELECT 1 FROM proactive_deliveries d WHERE d.rule_id = r.id AND d.contact_id = $2) "
                             "ORDER BY priority DESC, id",
                         workspace_id, contact_id));
}

ProactiveClaim PostgresStore::claimProactive(Id workspace_id, Id rule_id, Id contact_id, Millis now) {
  using S = ProactiveClaim::Status;
  auto c = pool_->acquire();
  pg::Tx tx(*c);
  if (c->exec("SELECT 1 FROM proactive_rules WHERE id = $1 AND workspace_id = $2 AND enabled", rule_id, workspace_id)
          .empty() ||
      c->exec("SELECT 1 FROM contacts WHERE id = $1 AND workspace_id = $2", contact_id, workspace_id).empty())
    return {S::NoRule};
  if (c->exec("INSERT INTO proactive_deliveries(rule_id, contact_id, workspace_id, claimed_at) VALUES ($1, $2, $3, $4) "
              "ON CONFLICT (rule_id, contact_id) DO NOTHING",
              rule_id, contact_id, workspace_id, now)
          .affected() == 0)
    return {S::AlreadyShown};
  const std::int64_t capMs = capHoursOn(*c, workspace_id) * 3'600'000;
  const std::int64_t freeBefore = capMs > 0 ? now - capMs : std::numeric_limits<std::int64_t>::max();
  if (c->exec("INSERT INTO proactive_caps(contact_id, workspace_id, last_at) VALUES ($1, $2, $3) "
              "ON CONFLICT (contact_id) DO UPDATE SET last_at = excluded.last_at WHERE proactive_caps.last_at <= $4",
              contact_id, workspace_id, now, freeBefore)
          .affected() == 0)
    return {S::Capped};  // the transaction rolls back: the delivery row goes too
  tx.commit();
  return {S::Claimed};
}

bool PostgresStore::proactiveDelivered(Id workspace_id, Id rule_id, Id contact_id, Id conversation_id, Id message_id) {
  auto c = pool_->acquire();
  pg::Tx tx(*c);
  if (c->exec("UPDATE proactive_deliveries SET conversation_id = $4, message_id = $5 "
              "WHERE rule_id = $1 AND contact_id = $2 AND workspace_id = $3 AND message_id IS NULL",
              rule_id, contact_id, workspace_id, conversation_id, message_id)
          .affected() == 0)
    return false;
  c->exec("UPDATE proactive_rules SET shown_count = shown_count + 1 WHERE id = $1", rule_id);
  tx.commit();
  return true;
}

void PostgresStore::releaseProactive(Id workspace_id, Id rule_id, Id contact_id, Millis claimed_at) {
  auto c = pool_->acquire();
  pg::Tx tx(*c);
  c->exec("DELETE FROM proactive_deliveries WHERE rule_id = $1 AND contact_id = $2 AND workspace_id = $3 "
          "AND message_id IS NULL",
          rule_id, contact_id, workspace_id);
  c->exec("DELETE FROM proactive_caps WHERE contact_id = $1 AND workspace_id = $2 AND last_at = $3", contact_id,
          workspace_id, claimed_at);
  tx.commit();
}

bool PostgresStore::proactiveOpened(Id workspace_id, Id rule_id, Id contact_id, Millis now) {
  auto c = pool_->acquire();
  pg::Tx tx(*c);
  if (c->exec("UPDATE proactive_deliveries SET opened_at = $4 WHERE rule_id = $1 AND contact_id = $2 "
              "AND workspace_id = $3 AND message_id IS NOT NULL AND opened_at IS NULL",
              rule_id, contact_id, workspace_id, now)
          .affected() == 0)
    return false;
  c->exec("UPDATE proactive_rules SET opened_count = opened_count + 1 WHERE id = $1", rule_id);
  tx.commit();
  return true;
}

int PostgresStore::proactiveReplied(Id workspace_id, Id contact_id, Id conversation_id, Millis now) {
  auto c = pool_->acquire();
  // Every visitor message comes here: a read first, so the common case opens no write transaction.
  if (c->exec("SELECT 1 FROM proactive_deliveries WHERE conversation_id = $1 AND replied_at IS NULL "
              "AND contact_id = $2 AND workspace_id = $3 AND message_id IS NOT NULL LIMIT 1",
              conversation_id, contact_id, workspace_id)
          .empty())
    return 0;
  pg::Tx tx(*c);
  auto marked = c->exec(
      "UPDATE proactive_deliveries SET replied_at = $4 WHERE conversation_id = $1 AND contact_id = $2 "
      "AND workspace_id = $3 AND message_id IS NOT NULL AND replied_at IS NULL RETURNING rule_id",
      conversation_id, contact_id, workspace_id, now);
  for (int i = 0; i < marked.rows(); ++i)
    c->exec("UPDATE proactive_rules SET replied_count = replied_count + 1 WHERE id = $1", marked.i64(i, 0));
  tx.commit();
  return marked.rows();
}

}  // namespace parley
