// AuditStore on PostgreSQL (store/audit_store.h): append and list only.
#include "store/postgres/pg_pool.h"
#include "store/postgres/postgres_store.h"

namespace parley {

namespace {

AuditEntry pgAuditEntryAt(const pg::Result& r, int i) {
  AuditEntry e;
  e.id = r.i64(i, 0);
  e.workspace_id = r.i64(i, 1);
  e.at = r.i64(i, 2);
  e.actor.type = parseAuditActorType(r.text(i, 3)).value_or(AuditActorType::System);
  e.actor.id = r.i64(i, 4);
  e.actor.name = r.text(i, 5);
  e.address = r.text(i, 6);
  e.action = r.text(i, 7);
  e.target.type = r.text(i, 8);
  e.target.id = r.i64(i, 9);
  e.target.label = r.text(i, 10);
  e.details_json = r.text(i, 11);
  return e;
}

}  // namespace

Id PostgresStore::appendAuditEntry(const AuditEntry& e) {
  auto c = pool_->acquire();
  return c->exec(
              "INSERT INTO audit_log(workspace_id, at, actor_type, actor_id, actor_name, address, action, target_type, "
              "target_id, target_label, details) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
              e.workspace_id, e.at, std::string(toString(e.actor.type)), e.actor.id, e.actor.name, e.address, e.action,
              e.target.type, e.target.id, e.target.label, e.details_json)
      .i64(0, 0);
}

std::vector<AuditEntry> PostgresStore::listAuditEntries(Id workspace_id, const AuditQuery& q) {
  std::optional<std::string> actorType;
  if (q.actor_type) actorType = std::string(toString(*q.actor_type));
  std::optional<std::string> action;
  if (!q.action.empty()) action = q.action;
  auto c = pool_->acquire();
  auto r = c->exec(
      "SELECT id, workspace_id, at, actor_type, actor_id, actor_name, address, action, target_type, target_id, "
      "target_label, details FROM audit_log WHERE workspace_id = $1 AND ($2::bigint IS NULL OR id < $2) "
      "AND ($3::text IS NULL OR action = $3) AND ($4::text IS NULL OR actor_type = $4) "
      "AND ($5::bigint IS NULL OR actor_id = $5) AND ($6::bigint IS NULL OR at >= $6) "
      "AND ($7::bigint IS NULL OR at < $7) ORDER BY id DESC LIMIT $8",
      workspace_id, q.before_id, action, actorType, q.actor_id, q.from, q.to, q.limit);
  std::vector<AuditEntry> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(pgAuditEntryAt(r, i));
  return out;
}

}  // namespace parley
