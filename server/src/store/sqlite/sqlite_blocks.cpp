// BlockStore on SQLite (store/block_store.h).
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_store.h"

namespace parley {

namespace {

constexpr const char* kSqliteBlockColumns =
    "SELECT id, workspace_id, kind, contact_id, ip_range, reason, created_by, created_at FROM blocks ";

Block sqliteBlockOf(const sqlite::Query& q) {
  Block b;
  b.id = q.i64(0);
  b.workspace_id = q.i64(1);
  b.kind = parseBlockKind(q.text(2)).value_or(BlockKind::Contact);
  b.contact_id = q.i64(3);
  b.ip_range = q.text(4);
  b.reason = q.text(5);
  b.created_by = q.i64(6);
  b.created_at = q.i64(7);
  return b;
}

}  // namespace

Block SqliteStore::createBlock(const Block& b) {
  std::lock_guard lock(mu_);
  try {
    db_->query(
           "INSERT INTO blocks(workspace_id, kind, contact_id, ip_range, reason, created_by, created_at) "
           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .bind(b.workspace_id, std::string(toString(b.kind)), b.contact_id, b.ip_range, b.reason, b.created_by,
              b.created_at)
        .run();
  } catch (const StoreConflict&) {
    throw StoreConflict("this is already blocked", b.kind == BlockKind::Ip ? "ip" : "contact_id");
  }
  Block made = b;
  made.id = db_->lastInsertId();
  return made;
}

std::vector<Block> SqliteStore::listBlocks(Id workspace_id) {
  std::lock_guard lock(mu_);
  auto q = db_->query(std::string(kSqliteBlockColumns) + "WHERE workspace_id = ?1 ORDER BY id DESC LIMIT ?2");
  q.bind(workspace_id, static_cast<std::int64_t>(kMaxBlocksPerWorkspace));
  std::vector<Block> out;
  while (q.step()) out.push_back(sqliteBlockOf(q));
  return out;
}

std::size_t SqliteStore::countBlocks(Id workspace_id) {
  std::lock_guard lock(mu_);
  auto q = db_->query("SELECT count(*) FROM blocks WHERE workspace_id = ?1");
  q.bind(workspace_id);
  return q.step() ? static_cast<std::size_t>(q.i64(0)) : 0;
}

std::optional<Block> SqliteStore::deleteBlock(Id workspace_id, Id id) {
  std::lock_guard lock(mu_);
  auto q = db_->query(std::string(kSqliteBlockColumns) + "WHERE workspace_id = ?1 AND id = ?2");
  q.bind(workspace_id, id);
  if (!q.step()) return std::nullopt;
  auto found = sqliteBlockOf(q);
  db_->query("DELETE FROM blocks WHERE id = ?1 AND workspace_id = ?2").bind(id, workspace_id).run();
  if (db_->changes() == 0) return std::nullopt;
  return found;
}

}  // namespace parley
