// TwoFactorStore on PostgreSQL (store/two_factor_store.h).
#include "store/postgres/pg_pool.h"
#include "store/postgres/postgres_store.h"

namespace parley {

std::optional<AgentTwoFactor> PostgresStore::agentTwoFactor(Id agent_id) {
  auto c = pool_->acquire();
  auto r = c->exec(
      "SELECT agent_id, secret, enabled, created_at, enabled_at, last_step, "
      "(SELECT count(*) FROM agent_recovery_codes r WHERE r.agent_id = t.agent_id) "
      "FROM agent_two_factor t WHERE agent_id = $1",
      agent_id);
  if (r.empty()) return std::nullopt;
  return AgentTwoFactor{r.i64(0, 0), r.text(0, 1), r.i64(0, 2) != 0, r.i64(0, 3), r.i64(0, 4), r.optI64(0, 5),
                        static_cast<std::size_t>(r.i64(0, 6))};
}

bool PostgresStore::twoFactorEnabled(Id agent_id) {
  auto c = pool_->acquire();
  return !c->exec("SELECT 1 FROM agent_two_factor WHERE agent_id = $1 AND enabled = 1", agent_id).empty();
}

bool PostgresStore::beginTwoFactorSetup(Id agent_id, std::string_view sealed_secret, Millis now) {
  auto c = pool_->acquire();
  return c->exec("INSERT INTO agent_two_factor(agent_id, secret, enabled, created_at) VALUES ($1, $2, 0, $3) "
                 "ON CONFLICT (agent_id) DO UPDATE SET secret = excluded.secret, created_at = excluded.created_at, "
                 "last_step = NULL WHERE agent_two_factor.enabled = 0",
                 agent_id, sealed_secret, now)
             .affected() > 0;
}

bool PostgresStore::enableTwoFactor(Id agent_id, std::int64_t step, const std::vector<std::string>& code_hashes,
                                    Millis now) {
  auto c = pool_->acquire();
  pg::Tx tx(*c);
  if (c->exec("UPDATE agent_two_factor SET enabled = 1, enabled_at = $2, last_step = $3 WHERE agent_id = $1 AND enabled = 0",
              agent_id, now, step)
          .affected() == 0)
    return false;
  c->exec("DELETE FROM agent_recovery_codes WHERE agent_id = $1", agent_id);
  for (const auto& h : code_hashes)
    c->exec("INSERT INTO agent_recovery_codes(agent_id, code_hash) VALUES ($1, $2) ON CONFLICT DO NOTHING", agent_id, h);
  tx.commit();
  return true;
}

bool PostgresStore::claimTotpStep(Id agent_id, std::int64_t step) {
  auto c = pool_->acquire();
  return c->exec("UPDATE agent_two_factor SET last_step = $2 WHERE agent_id = $1 AND (last_step IS NULL OR last_step < $2)",
                 agent_id, step)
             .affected() > 0;
}

bool PostgresStore::useRecoveryCode(Id agent_id, std::string_view code_hash) {
  auto c = pool_->acquire();
  return c->exec("DELETE FROM agent_recovery_codes WHERE agent_id = $1 AND code_hash = $2", agent_id, code_hash)
             .affected() > 0;
}

void PostgresStore::replaceRecoveryCodes(Id agent_id, const std::vector<std::string>& code_hashes) {
  auto c = pool_->acquire();
  pg::Tx tx(*c);
  c->exec("DELETE FROM agent_recovery_codes WHERE agent_id = $1", agent_id);
  for (const auto& h : code_hashes)
    c->exec("INSERT INTO agent_recovery_codes(agent_id, code_hash) VALUES ($1, $2) ON CONFLICT DO NOTHING", agent_id, h);
  tx.commit();
}

bool PostgresStore::disableTwoFactor(Id agent_id) {
  auto c = pool_->acquire();
  pg::Tx tx(*c);
  c->exec("DELETE FROM agent_recovery_codes WHERE agent_id = $1", agent_id);
  const bool removed = c->exec("DELETE FROM agent_two_factor WHERE agent_id = $1", agent_id).affected() > 0;
  tx.commit();
  return removed;
}

}  // namespace parley
