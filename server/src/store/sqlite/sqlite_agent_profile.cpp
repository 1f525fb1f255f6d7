// SqliteStore: what an agent sets on their profile page beyond the agents row's core fields —
// notification preferences (migration 8), a new password — and the sessions a password change ends.
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_store.h"

namespace parley {

std::string SqliteStore::agentPreferences(Id workspace_id, Id agent_id) {
  std::lock_guard lock(mu_);
  auto q = db_->query("SELECT preferences FROM agents WHERE id = ?1 AND workspace_id = ?2");
  if (!q.bind(agent_id, workspace_id).step()) return "{}";
  return q.text(0);
}

bool SqliteStore::setAgentPreferences(Id workspace_id, Id agent_id, std::string_view json) {
  std::lock_guard lock(mu_);
  db_->query("UPDATE agents SET preferences = ?3 WHERE id = ?1 AND workspace_id = ?2")
      .bind(agent_id, workspace_id, json)
      .run();
  return db_->changes() > 0;
}

bool SqliteStore::setAgentPasswordHash(Id workspace_id, Id agent_id, std::string_view password_hash) {
  std::lock_guard lock(mu_);
  db_->query("UPDATE agents SET password_hash = ?3 WHERE id = ?1 AND workspace_id = ?2")
      .bind(agent_id, workspace_id, password_hash)
      .run();
  return db_->changes() > 0;
}

std::vector<std::string> SqliteStore::agentSessionHashes(Id agent_id, Millis now) {
  std::lock_guard lock(mu_);
  std::vector<std::string> out;
  auto q = db_->query("SELECT token_hash FROM agent_sessions WHERE agent_id = ?1 AND expires_at > ?2");
  q.bind(agent_id, now);
  while (q.step()) out.push_back(q.text(0));
  return out;
}

}  // namespace parley
