// SqliteStore: canned replies (an agent types /shortcut to insert the body).
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_store.h"

namespace parley {

CannedReply SqliteStore::createCannedReply(Id workspace_id, std::string_view shortcut, std::string_view body) {
  std::lock_guard lock(mu_);
  db_->query("INSERT INTO canned_replies(workspace_id, shortcut, body) VALUES (?1, ?2, ?3)")
      .bind(workspace_id, shortcut, body)
      .run();
  return CannedReply{db_->lastInsertId(), workspace_id, std::string(shortcut), std::string(body)};
}

std::vector<CannedReply> SqliteStore::listCannedReplies(Id workspace_id) {
  std::lock_guard lock(mu_);
  std::vector<CannedReply> out;
  auto q = db_->query("SELECT id, shortcut, body FROM canned_replies WHERE workspace_id = ?1 ORDER BY shortcut, id");
  q.bind(workspace_id);
  while (q.step()) out.push_back(CannedReply{q.i64(0), workspace_id, q.text(1), q.text(2)});
  return out;
}

std::optional<CannedReply> SqliteStore::updateCannedReply(const CannedReply& r) {
  std::lock_guard lock(mu_);
  db_->query("UPDATE canned_replies SET shortcut = ?3, body = ?4 WHERE id = ?1 AND workspace_id = ?2")
      .bind(r.id, r.workspace_id, r.shortcut, r.body)
      .run();
  if (db_->changes() == 0) return std::nullopt;
  return r;
}

bool SqliteStore::deleteCannedReply(Id workspace_id, Id id) {
  std::lock_guard lock(mu_);
  db_->query("DELETE FROM canned_replies WHERE id = ?1 AND workspace_id = ?2").bind(id, workspace_id).run();
  return db_->changes() > 0;
}

}  // namespace parley
