// PostgresStore: segments (saved conditions on contacts) and the count of contacts they match; the
// conditions' SQL is store/segment_sql.h's, shared with SQLite.
#include "store/postgres/pg_rows.h"
#include "store/postgres/postgres_store.h"
#include "store/postgres/pg_segment_sql.h"

namespace parley {

namespace {

constexpr const char* kPgSelectSegment =
    "SELECT id, workspace_id, name, definition, created_at, updated_at FROM segments ";

Segment segmentAt(const pg::Result& r, int i) {
  Segment s;
  s.id = r.i64(i, 0);
  s.workspace_id = r.i64(i, 1);
  s.name = r.text(i, 2);
  s.definition = segmentFromJson(r.text(i, 3));
  s.created_at = r.i64(i, 4);
  s.updated_at = r.i64(i, 5);
  return s;
}

}  // namespace

Segment PostgresStore::createSegment(const Segment& s) {
  auto c = pool_->acquire();
  pg::Tx tx(*c);
  // The workspace's row, locked: two creations at once count one after the other.
  c->exec("SELECT 1 FROM workspaces WHERE id = $1 FOR UPDATE", s.workspace_id);
  if (c->exec("SELECT count(*) FROM segments WHERE workspace_id = $1", s.workspace_id).i64(0, 0) >=
      static_cast<std::int64_t>(kMaxSegmentsPerWorkspace))
    throw StoreConflict("a workspace has at most " + std::to_string(kMaxSegmentsPerWorkspace) + " segments");
  Segment out = s;
  out.id = c->exec("INSERT INTO segments(workspace_id, name, definition, created_at, updated_at) "
                   "VALUES ($1, $2, $3, $4, $5) RETURNING id",
                   s.workspace_id, s.name, segmentToJson(s.definition), s.created_at, s.updated_at)
               .i64(0, 0);
  tx.commit();
  return out;
}

std::vector<Segment> PostgresStore::listSegments(Id workspace_id) {
  auto c = pool_->acquire();
  auto r = c->exec(std::string(kPgSelectSegment) + "WHERE workspace_id = $1 ORDER BY name COLLATE \"C\", id", workspace_id);
  std::vector<Segment> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(segmentAt(r, i));
  return out;
}

std::optional<Segment> PostgresStore::segmentById(Id workspace_id, Id id) {
  auto c = pool_->acquire();
  auto r = c->exec(std::string(kPgSelectSegment) + "WHERE id = $1 AND workspace_id = $2", id, workspace_id);
  if (r.rows() == 0) return std::nullopt;
  return segmentAt(r, 0);
}

std::optional<Segment> PostgresStore::updateSegment(const Segment& s) {
  auto c = pool_->acquire();
  auto r = c->exec("UPDATE segments SET name = $3, definition = $4, updated_at = $5 WHERE id = $1 AND workspace_id = $2 "
                   "RETURNING id, workspace_id, name, definition, created_at, updated_at",
                   s.id, s.workspace_id, s.name, segmentToJson(s.definition), s.updated_at);
  if (r.rows() == 0) return std::nullopt;
  return segmentAt(r, 0);
}

bool PostgresStore::deleteSegment(Id workspace_id, Id id) {
  auto c = pool_->acquire();
  pg::Tx tx(*c);
  // Locked, so that a campaign cannot be pointed at it between this check and the delete.
  if (c->exec("SELECT 1 FROM segments WHERE id = $1 AND workspace_id = $2 FOR UPDATE", id, workspace_id).rows() == 0)
    return false;
  if (c->exec("SELECT 1 FROM campaigns WHERE segment_id = $1 AND workspace_id = $2 AND state IN ('draft', 'scheduled')",
              id, workspace_id)
          .rows() > 0)
    throw StoreConflict("a draft or scheduled campaign uses this segment", "segment_id");
  c->exec("DELETE FROM segments WHERE id = $1 AND workspace_id = $2", id, workspace_id);
  tx.commit();
  return true;
}

std::int64_t PostgresStore::countContacts(Id workspace_id, const ContactQuery& q) {
  pg::Params p;
  std::string sql = "SELECT count(*) FROM contacts ct WHERE ct.workspace_id = " + p.add(workspace_id) + "::bigint";
  sql += pg::segmentWhere(q, p);
  auto c = pool_->acquire();
  return c->execParams(sql, p.values()).i64(0, 0);
}

}  // namespace parley
