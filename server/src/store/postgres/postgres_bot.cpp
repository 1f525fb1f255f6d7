// BotStore on PostgreSQL (store/bot_store.h).
#include "store/postgres/pg_pool.h"
#include "store/postgres/pg_rows.h"
#include "store/postgres/postgres_store.h"

namespace parley {

std::optional<std::string> PostgresStore::botSettings(Id workspace_id) {
  auto c = pool_->acquire();
  auto r = c->exec("SELECT settings FROM bot_settings WHERE workspace_id = $1", workspace_id);
  if (r.empty()) return std::nullopt;
  return r.text(0, 0);
}

void PostgresStore::saveBotSettings(Id workspace_id, std::string_view settings_json, Millis now) {
  auto c = pool_->acquire();
  c->exec(
      "INSERT INTO bot_settings(workspace_id, settings, updated_at) VALUES ($1, $2, $3) "
      "ON CONFLICT (workspace_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at",
      workspace_id, std::string(settings_json), now);
}

std::optional<std::string> PostgresStore::botState(Id workspace_id, Id conversation_id) {
  auto c = pool_->acquire();
  auto r = c->exec("SELECT state FROM bot_conversations WHERE workspace_id = $1 AND conversation_id = $2",
                   workspace_id, conversation_id);
  if (r.empty()) return std::nullopt;
  return r.text(0, 0);
}

bool PostgresStore::saveBotState(Id workspace_id, Id conversation_id, std::string_view stage,
                                 std::string_view state_json, Millis now) {
  auto c = pool_->acquire();
  auto r = c->exec(
      "INSERT INTO bot_conversations(conversation_id, workspace_id, stage, state, created_at, updated_at) "
      "SELECT id, workspace_id, $3, $4, $5, $5 FROM conversations WHERE id = $2 AND workspace_id = $1 "
      "ON CONFLICT (conversation_id) DO UPDATE SET stage = excluded.stage, state = excluded.state, "
      "updated_at = excluded.updated_at",
      workspace_id, conversation_id, std::string(stage), std::string(state_json), now);
  return r.affected() > 0;
}

}  // namespace parley
