// AuditStore on SQLite (store/audit_store.h): append and list only.
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_store.h"

namespace parley {

namespace {

AuditEntry sqliteAuditEntryOf(const sqlite::Query& q) {
  AuditEntry e;
  e.id = q.i64(0);
  e.workspace_id = q.i64(1);
  e.at = q.i64(2);
  e.actor.type = parseAuditActorType(q.text(3)).value_or(AuditActorType::System);
  e.actor.id = q.i64(4);
  e.actor.name = q.text(5);
  e.address = q.text(6);
  e.action = q.text(7);
  e.target.type = q.text(8);
  e.target.id = q.i64(9);
  e.target.label = q.text(10);
  e.details_json = q.text(11);
  return e;
}

}  // namespace

Id SqliteStore::appendAuditEntry(const AuditEntry& e) {
  std::lock_guard lock(mu_);
  db_->query(
         "INSERT INTO audit_log(workspace_id, at, actor_type, actor_id, actor_name, address, action, target_type, "
         "target_id, target_label, details) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
      .bind(e.workspace_id, e.at, toString(e.actor.type), e.actor.id, e.actor.name, e.address, e.action,
            e.target.type, e.target.id, e.target.label, e.details_json)
      .run();
  return db_->lastInsertId();
}

std::vector<AuditEntry> SqliteStore::listAuditEntries(Id workspace_id, const AuditQuery& q) {
  std::lock_guard lock(mu_);
  std::optional<std::string> actorType;
  if (q.actor_type) actorType = std::string(toString(*q.actor_type));
  std::optional<std::string> action;
  if (!q.action.empty()) action = q.action;
  auto query = db_->query(
      "SELECT id, workspace_id, at, actor_type, actor_id, actor_name, address, action, target_type, target_id, "
      "target_label, details FROM audit_log WHERE workspace_id = ?1 AND (?2 IS NULL OR id < ?2) "
      "AND (?3 IS NULL OR action = ?3) AND (?4 IS NULL OR actor_type = ?4) AND (?5 IS NULL OR actor_id = ?5) "
      "AND (?6 IS NULL OR at >= ?6) AND (?7 IS NULL OR at < ?7) ORDER BY id DESC LIMIT ?8");
  query.bind(workspace_id, q.before_id, action, actorType, q.actor_id, q.from, q.to, q.limit);
  std::vector<AuditEntry> out;
  while (query.step()) out.push_back(sqliteAuditEntryOf(query));
  return out;
}

}  // namespace parley
