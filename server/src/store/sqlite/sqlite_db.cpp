#include "store/sqlite/sqlite_db.h"

#include <sqlite3.h>

#include "store/store.h"

namespace parley::sqlite {

namespace {

// SQLite names the columns of a failed UNIQUE ("UNIQUE constraint failed: agents.email"); clients
// get a sentence and the field instead, never the database's text.
[[noreturn]] void throwConflict(const std::string& sqlite_msg) {
  struct Known {
    const char* columns;
    const char* message;
    const char* field;
  };
  static const Known known[] = {
      {"agents.email", "an agent with this email already exists", "email"},
      {"canned_replies.shortcut", "a canned reply with this shortcut already exists", "shortcut"},
      {"workspaces.public_id", "a workspace with this public id already exists", "public_id"},
      {"contacts.external_id", "a contact with this user id already exists", "user_id"},
  };
  for (const auto& k : known)
    if (sqlite_msg.find(k.columns) != std::string::npos) throw StoreConflict(k.message, k.field);
  throw StoreConflict("this already exists");
}

[[noreturn]] void throwFor(sqlite3* db, int rc) {
  int ext = db ? sqlite3_extended_errcode(db) : rc;
  std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY) throwConflict(msg);
  throw SqliteError(ext, "sqlite: " + msg);
}

}  // namespace

// ---- Query ----

Query::Query(Query&& o) noexcept : db_(o.db_), stmt_(o.stmt_), busy_(o.busy_) {
  o.stmt_ = nullptr;
  o.busy_ = nullptr;
}

Query::~Query() {
  if (!stmt_) return;
  if (busy_) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    *busy_ = false;
  } else {
    sqlite3_finalize(stmt_);
  }
}

void Query::bindNull(int i) {
  if (int rc = sqlite3_bind_null(stmt_, i); rc != SQLITE_OK) db_->fail(rc);
}

void Query::bindInt(int i, std::int64_t v) {
  if (int rc = sqlite3_bind_int64(stmt_, i, v); rc != SQLITE_OK) db_->fail(rc);
}

void Query::bindText(int i, std::string_view v) {
  // TRANSIENT: SQLite copies, so callers may bind temporaries and step later.
  int rc = sqlite3_bind_text64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) db_->fail(rc);
}

bool Query::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_->fail(rc);
}

void Query::run() {
  while (step()) {
  }
}

bool Query::isNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

std::int64_t Query::i64(int col) const { return sqlite3_column_int64(stmt_, col); }

std::string Query::text(int col) const {
  auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
}

std::optional<std::int64_t> Query::optI64(int col) const {
  if (isNull(col)) return std::nullopt;
  return i64(col);
}

std::optional<std::string> Query::optText(int col) const {
  if (isNull(col)) return std::nullopt;
  return text(col);
}

// ---- Db ----

namespace {
// Every connection is used by one thread at a time (the store's mutex), so SQLite's own locks are
// pure cost: memory statistics take a global mutex on every allocation (6 % of the writer
// thread's time in a profile). Must run before SQLite initializes, hence once, first.
void configureSqliteOnce() {
  static const bool done = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    return true;
  }();
  (void)done;
}
}  // namespace

Db::Db(const std::string& path) {
  configureSqliteOnce();
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw SqliteError(rc, "sqlite: cannot open " + path + ": " + msg);
  }
  sqlite3_extended_result_codes(db_, 1);
  // WAL: readers never block the writer. synchronous=FULL: WAL is fsynced at every commit, so an
  // acknowledged message survives power loss (NORMAL would only protect against a crash).
  exec("PRAGMA journal_mode=WAL;"
       "PRAGMA synchronous=FULL;"
       "PRAGMA foreign_keys=ON;"
       "PRAGMA busy_timeout=5000;"
       // Deleted rows are overwritten with zeros, not left in free space: an erased contact's text
       // must leave the file (docs/privacy.md). It costs a memset per freed cell; rows are rarely deleted.
       "PRAGMA secure_delete=ON;"
       // Checkpoints copy the WAL into the database and fsync it, holding up the commit that
       // triggers them: smaller, more frequent ones keep each stall short (docs/benchmarks.md).
       "PRAGMA wal_autocheckpoint=250;");
}

Db::~Db() {
  for (auto& [sql, slot] : cache_) sqlite3_finalize(slot.stmt);
  sqlite3_close(db_);
}

void Db::exec(const char* sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    int ext = sqlite3_extended_errcode(db_);
    if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY) throwConflict(msg);
    throw SqliteError(ext, "sqlite: " + msg);
  }
}

Query Db::query(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                &stmt, nullptr);
    if (rc != SQLITE_OK) fail(rc);
    it = cache_.emplace(std::string(sql), Slot{stmt, false}).first;
  }
  Slot& slot = it->second;
  if (slot.busy) {
    // The same SQL is already executing further up the stack: use a private copy.
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
    if (rc != SQLITE_OK) fail(rc);
    return Query(*this, stmt, nullptr);
  }
  slot.busy = true;
  return Query(*this, slot.stmt, &slot.busy);
}

Query Db::uncached(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) fail(rc);
  return Query(*this, stmt, nullptr);
}

std::int64_t Db::lastInsertId() const { return sqlite3_last_insert_rowid(db_); }

int Db::changes() const { return sqlite3_changes(db_); }

bool Db::inTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

void Db::fail(int rc) const { throwFor(db_, rc); }

// ---- Tx / Savepoint ----

Tx::Tx(Db& db) : db_(db) { db_.query("BEGIN IMMEDIATE").run(); }

Tx::~Tx() {
  if (done_ || !db_.inTransaction()) return;
  try {
    db_.query("ROLLBACK").run();
  } catch (...) {
    // Nothing better to do in a destructor; SQLite rolls back on its own when it must.
  }
}

void Tx::commit() {
  db_.query("COMMIT").run();
  done_ = true;
}

Savepoint::Savepoint(Db& db) : db_(db) { db_.query("SAVEPOINT entry").run(); }

Savepoint::~Savepoint() {
  if (done_) return;
  try {
    rollback();
  } catch (...) {
  }
}

void Savepoint::release() {
  db_.query("RELEASE entry").run();
  done_ = true;
}

void Savepoint::rollback() {
  done_ = true;
  db_.query("ROLLBACK TO entry").run();
  db_.query("RELEASE entry").run();
}

// Prepared once and cached: parsing a PRAGMA per message batch showed in low-rate profiles.
RelaxedDurability::RelaxedDurability(Db& db) : db_(db) { db_.query("PRAGMA synchronous=NORMAL").run(); }

RelaxedDurability::~RelaxedDurability() {
  try {
    db_.query("PRAGMA synchronous=FULL").run();
  } catch (...) {
    // Never leave a destructor by exception; the next open sets FULL again anyway.
  }
}

}  // namespace parley::sqlite
