// SqliteStore: segments (saved conditions on contacts) and the count of contacts they match; the
// conditions' SQL is store/segment_sql.h's, shared with PostgreSQL.
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_segment_sql.h"
#include "store/sqlite/sqlite_store.h"

namespace parley {

namespace {

Segment readSegment(sqlite::Query& q) {
  Segment s;
  s.id = q.i64(0);
  s.workspace_id = q.i64(1);
  s.name = q.text(2);
  s.definition = segmentFromJson(q.text(3));
  s.created_at = q.i64(4);
  s.updated_at = q.i64(5);
  return s;
}

constexpr const char* kSelectSegment =
    "SELECT id, workspace_id, name, definition, created_at, updated_at FROM segments ";

}  // namespace

Segment SqliteStore::createSegment(const Segment& s) {
  std::lock_guard lock(mu_);
  sqlite::Tx tx(*db_);
  auto n = db_->query("SELECT count(*) FROM segments WHERE workspace_id = ?1");
  n.bind(s.workspace_id).step();
  if (n.i64(0) >= static_cast<std::int64_t>(kMaxSegmentsPerWorkspace))
    throw StoreConflict("a workspace has at most " + std::to_string(kMaxSegmentsPerWorkspace) + " segments");
  db_->query("INSERT INTO segments(workspace_id, name, definition, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)")
      .bind(s.workspace_id, s.name, segmentToJson(s.definition), s.created_at, s.updated_at)
      .run();
  Segment out = s;
  out.id = db_->lastInsertId();
  tx.commit();
  return out;
}

std::vector<Segment> SqliteStore::listSegments(Id workspace_id) {
  std::lock_guard lock(mu_);
  std::vector<Segment> out;
  auto q = db_->query(std::string(kSelectSegment) + "WHERE workspace_id = ?1 ORDER BY name, id");
  q.bind(workspace_id);
  while (q.step()) out.push_back(readSegment(q));
  return out;
}

std::optional<Segment> SqliteStore::segmentById(Id workspace_id, Id id) {
  std::lock_guard lock(mu_);
  auto q = db_->query(std::string(kSelectSegment) + "WHERE id = ?1 AND workspace_id = ?2");
  if (!q.bind(id, workspace_id).step()) return std::nullopt;
  return readSegment(q);
}

std::optional<Segment> SqliteStore::updateSegment(const Segment& s) {
  std::lock_guard lock(mu_);
  db_->query("UPDATE segments SET name = ?3, definition = ?4, updated_at = ?5 WHERE id = ?1 AND workspace_id = ?2")
      .bind(s.id, s.workspace_id, s.name, segmentToJson(s.definition), s.updated_at)
      .run();
  if (db_->changes() == 0) return std::nullopt;
  auto q = db_->query(std::string(kSelectSegment) + "WHERE id = ?1");
  q.bind(s.id).step();
  return readSegment(q);
}

bool SqliteStore::deleteSegment(Id workspace_id, Id id) {
  std::lock_guard lock(mu_);
  sqlite::Tx tx(*db_);
  auto used = db_->query(
      "SELECT 1 FROM campaigns WHERE segment_id = ?1 AND workspace_id = ?2 AND state IN ('draft', 'scheduled')");
  if (used.bind(id, workspace_id).step())
    throw StoreConflict("a draft or scheduled campaign uses this segment", "segment_id");
  db_->query("DELETE FROM segments WHERE id = ?1 AND workspace_id = ?2").bind(id, workspace_id).run();
  const bool deleted = db_->changes() > 0;
  tx.commit();
  return deleted;
}

std::int64_t SqliteStore::countContacts(Id workspace_id, const ContactQuery& cq) {
  const sqlite::SegmentSql segment(cq, 2);
  std::lock_guard lock(mu_);
  auto q = db_->uncached("SELECT count(*) FROM contacts ct WHERE ct.workspace_id = ?1" + segment.where);
  q.bindAt(1, workspace_id);
  segment.bind(q);
  q.step();
  return q.i64(0);
}

}  // namespace parley
