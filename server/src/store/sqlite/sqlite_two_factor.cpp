// TwoFactorStore on SQLite (store/two_factor_store.h).
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_store.h"

namespace parley {

std::optional<AgentTwoFactor> SqliteStore::agentTwoFactor(Id agent_id) {
  std::lock_guard lock(mu_);
  auto q = db_->query(
      "SELECT agent_id, secret, enabled, created_at, enabled_at, last_step, "
      "(SELECT count(*) FROM agent_recovery_codes r WHERE r.agent_id = t.agent_id) "
      "FROM agent_two_factor t WHERE agent_id = ?1");
  q.bind(agent_id);
  if (!q.step()) return std::nullopt;
  return AgentTwoFactor{q.i64(0), q.text(1), q.i64(2) != 0, q.i64(3), q.i64(4), q.optI64(5),
                        static_cast<std::size_t>(q.i64(6))};
}

bool SqliteStore::twoFactorEnabled(Id agent_id) {
  std::lock_guard lock(mu_);
  auto q = db_->query("SELECT 1 FROM agent_two_factor WHERE agent_id = ?1 AND enabled = 1");
  q.bind(agent_id);
  return q.step();
}

bool SqliteStore::beginTwoFactorSetup(Id agent_id, std::string_view sealed_secret, Millis now) {
  std::lock_guard lock(mu_);
  db_->query(
         "INSERT INTO agent_two_factor(agent_id, secret, enabled, created_at) VALUES (?1, ?2, 0, ?3) "
         "ON CONFLICT(agent_id) DO UPDATE SET secret = excluded.secret, created_at = excluded.created_at, "
         "last_step = NULL WHERE agent_two_factor.enabled = 0")
      .bind(agent_id, sealed_secret, now)
      .run();
  return db_->changes() > 0;
}

bool SqliteStore::enableTwoFactor(Id agent_id, std::int64_t step, const std::vector<std::string>& code_hashes,
                                  Millis now) {
  std::lock_guard lock(mu_);
  sqlite::Tx tx(*db_);
  db_->query("UPDATE agent_two_factor SET enabled = 1, enabled_at = ?2, last_step = ?3 WHERE agent_id = ?1 AND enabled = 0")
      .bind(agent_id, now, step)
      .run();
  if (db_->changes() == 0) return false;
  db_->query("DELETE FROM agent_recovery_codes WHERE agent_id = ?1").bind(agent_id).run();
  for (const auto& h : code_hashes)
    db_->query("INSERT OR IGNORE INTO agent_recovery_codes(agent_id, code_hash) VALUES (?1, ?2)").bind(agent_id, h).run();
  tx.commit();
  return true;
}

bool SqliteStore::claimTotpStep(Id agent_id, std::int64_t step) {
  std::lock_guard lock(mu_);
  db_->query("UPDATE agent_two_factor SET last_step = ?2 WHERE agent_id = ?1 AND (last_step IS NULL OR last_step < ?2)")
      .bind(agent_id, step)
      .run();
  return db_->changes() > 0;
}

bool SqliteStore::useRecoveryCode(Id agent_id, std::string_view code_hash) {
  std::lock_guard lock(mu_);
  db_->query("DELETE FROM agent_recovery_codes WHERE agent_id = ?1 AND code_hash = ?2").bind(agent_id, code_hash).run();
  return db_->changes() > 0;
}

void SqliteStore::replaceRecoveryCodes(Id agent_id, const std::vector<std::string>& code_hashes) {
  std::lock_guard lock(mu_);
  sqlite::Tx tx(*db_);
  db_->query("DELETE FROM agent_recovery_codes WHERE agent_id = ?1").bind(agent_id).run();
  for (const auto& h : code_hashes)
    db_->query("INSERT OR IGNORE INTO agent_recovery_codes(agent_id, code_hash) VALUES (?1, ?2)").bind(agent_id, h).run();
  tx.commit();
}

bool SqliteStore::disableTwoFactor(Id agent_id) {
  std::lock_guard lock(mu_);
  sqlite::Tx tx(*db_);
  db_->query("DELETE FROM agent_recovery_codes WHERE agent_id = ?1").bind(agent_id).run();
  db_->query("DELETE FROM agent_two_factor WHERE agent_id = ?1").bind(agent_id).run();
  const bool removed = db_->changes() > 0;
  tx.commit();
  return removed;
}

}  // namespace parley
