// BotStore on SQLite (store/bot_store.h).
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_store.h"

namespace parley {

std::optional<std::string> SqliteStore::botSettings(Id workspace_id) {
  std::lock_guard lock(mu_);
  auto q = db_->query("SELECT settings FROM bot_settings WHERE workspace_id = ?1");
  if (q.bind(workspace_id).step()) return q.text(0);
  return std::nullopt;
}

void SqliteStore::saveBotSettings(Id workspace_id, std::string_view settings_json, Millis now) {
  std::lock_guard lock(mu_);
  db_->query(
         "INSERT INTO bot_settings(workspace_id, settings, updated_at) VALUES (?1, ?2, ?3) "
         "ON CONFLICT (workspace_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at")
      .bind(workspace_id, std::string(settings_json), now)
      .run();
}

std::optional<std::string> SqliteStore::botState(Id workspace_id, Id conversation_id) {
  std::lock_guard lock(mu_);
  auto q = db_->query("SELECT state FROM bot_conversations WHERE workspace_id = ?1 AND conversation_id = ?2");
  if (q.bind(workspace_id, conversation_id).step()) return q.text(0);
  return std::nullopt;
}

bool SqliteStore::saveBotState(Id workspace_id, Id conversation_id, std::string_view stage,
                               std::string_view state_json, Millis now) {
  std::lock_guard lock(mu_);
  // Only a conversation of the workspace: the SELECT gives no row otherwise.
  db_->query(
         "INSERT INTO bot_conversations(conversation_id, workspace_id, stage, state, created_at, updated_at) "
         "SELECT id, workspace_id, ?3, ?4, ?5, ?5 FROM conversations WHERE id = ?2 AND workspace_id = ?1 "
         "ON CONFLICT (conversation_id) DO UPDATE SET stage = excluded.stage, state = excluded.state, "
         "updated_at = excluded.updated_at")
      .bind(workspace_id, conversation_id, std::string(stage), std::string(state_json), now)
      .run();
  return db_->changes() > 0;
}

}  // namespace parley
