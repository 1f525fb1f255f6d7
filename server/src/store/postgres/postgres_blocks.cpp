// BlockStore on PostgreSQL (store/block_store.h).
#include "store/postgres/pg_pool.h"
#include "store/postgres/postgres_store.h"

namespace parley {

namespace {

constexpr const char* kPgBlockColumns = "id, workspace_id, kind, contact_id, ip_range, reason, created_by, created_at";

Block pgBlockAt(const pg::Result& r, int i) {
  Block b;
  b.id = r.i64(i, 0);
  b.workspace_id = r.i64(i, 1);
  b.kind = parseBlockKind(r.text(i, 2)).value_or(BlockKind::Contact);
  b.contact_id = r.i64(i, 3);
  b.ip_range = r.text(i, 4);
  b.reason = r.text(i, 5);
  b.created_by = r.i64(i, 6);
  b.created_at = r.i64(i, 7);
  return b;
}

}  // namespace

Block PostgresStore::createBlock(const Block& b) {
  auto c = pool_->acquire();
  try {
    Block made = b;
    made.id = c->exec(
                   "INSERT INTO blocks(workspace_id, kind, contact_id, ip_range, reason, created_by, created_at) "
                   "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                   b.workspace_id, std::string(toString(b.kind)), b.contact_id, b.ip_range, b.reason, b.created_by,
                   b.created_at)
                  .i64(0, 0);
    return made;
  } catch (const StoreConflict&) {
    throw StoreConflict("this is already blocked", b.kind == BlockKind::Ip ? "ip" : "contact_id");
  }
}

std::vector<Block> PostgresStore::listBlocks(Id workspace_id) {
  auto c = pool_->acquire();
  auto r = c->exec(std::string("SELECT ") + kPgBlockColumns + " FROM blocks WHERE workspace_id = $1 ORDER BY id DESC LIMIT $2",
                   workspace_id, static_cast<std::int64_t>(kMaxBlocksPerWorkspace));
  std::vector<Block> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(pgBlockAt(r, i));
  return out;
}

std::size_t PostgresStore::countBlocks(Id workspace_id) {
  auto c = pool_->acquire();
  return static_cast<std::size_t>(c->exec("SELECT count(*) FROM blocks WHERE workspace_id = $1", workspace_id).i64(0, 0));
}

std::optional<Block> PostgresStore::deleteBlock(Id workspace_id, Id id) {
  auto c = pool_->acquire();
  auto r = c->exec(std::string("DELETE FROM blocks WHERE workspace_id = $1 AND id = $2 RETURNING ") + kPgBlockColumns,
                   workspace_id, id);
  if (r.empty()) return std::nullopt;
  return pgBlockAt(r, 0);
}

}  // namespace parley
