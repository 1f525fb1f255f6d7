#include "store/copy/sqlite_source.h"

#include <sqlite3.h>

#include <filesystem>
#include <stdexcept>

namespace parley::copy {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(sqlite3* db, const std::string& what) {
  throw std::runtime_error(what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

}  // namespace

std::string quoteIdentifier(const std::string& name) {
  std::string out = "\"";
  for (char ch : name) {
    if (ch == '"') out.push_back('"');
    out.push_back(ch);
  }
  out.push_back('"');
  return out;
}

SqliteSource::SqliteSource(const std::string& data_dir) {
  if (data_dir.empty()) throw std::runtime_error("--from needs the data directory of a Parley installation");
  std::error_code ec;
  if (!fs::is_directory(data_dir, ec))
    throw std::runtime_error("--from " + data_dir + " is not a directory (it must be the --data directory of a SQLite installation)");
  path_ = (fs::path(data_dir) / "parley.db").string();
  if (!fs::is_regular_file(path_, ec))
    throw std::runtime_error("no Parley database in " + data_dir + " (" + path_ + " does not exist): nothing to copy");
  // Read-only and never created: a mistyped --from must not leave an empty database behind.
  int rc = sqlite3_open_v2(path_.c_str(), &db_, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw std::runtime_error("cannot open " + path_ + ": " + msg);
  }
  sqlite3_busy_timeout(db_, 5000);
  // Reading the schema is the first read: a file that is not SQLite fails here ("file is not a
  // database"), one that is SQLite but not Parley's has no schema_migrations. A constructor that
  // throws gets no destructor call, so the connection is closed here.
  std::string refusal;
  try {
    if (!scalarText("SELECT name FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'"))
      refusal = path_ + " is not a Parley database (it has no schema_migrations table)";
  } catch (const std::runtime_error& e) {
    refusal = path_ + " is not a readable SQLite database (" + e.what() + ")";
  }
  if (!refusal.empty()) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw std::runtime_error(refusal);
  }
}

SqliteSource::~SqliteSource() {
  if (db_) sqlite3_close(db_);  // a read transaction still open ends with the connection
}

std::optional<std::string> SqliteSource::scalarText(const std::string& sql, const std::optional<std::string>& arg) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) fail(db_, "sqlite: " + path_);
  if (arg) sqlite3_bind_text(stmt, 1, arg->data(), static_cast<int>(arg->size()), SQLITE_TRANSIENT);
  std::optional<std::string> out;
  int rc = sqlite3_step(stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL)
    out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  sqlite3_finalize(stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) fail(db_, "sqlite: " + path_);
  return out;
}

int SqliteSource::schemaVersion() {
  auto v = scalarText("SELECT coalesce(max(version), 0) FROM schema_migrations");
  return v ? std::stoi(*v) : 0;
}

std::vector<std::string> SqliteSource::tables() {
  std::vector<std::string> out;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name", -1, &stmt,
                         nullptr) != SQLITE_OK)
    fail(db_, "sqlite: " + path_);
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
  sqlite3_finalize(stmt);
  if (rc != SQLITE_DONE) fail(db_, "sqlite: " + path_);
  return out;
}

std::vector<std::string> SqliteSource::columns(const std::string& table) {
  std::vector<std::string> out;
  sqlite3_stmt* stmt = nullptr;
  // table_xinfo would also list hidden columns; a Parley table has none, and an FTS table is not copied.
  if (sqlite3_prepare_v2(db_, "SELECT name FROM pragma_table_info(?1) ORDER BY cid", -1, &stmt, nullptr) != SQLITE_OK)
    fail(db_, "sqlite: " + path_);
  sqlite3_bind_text(stmt, 1, table.data(), static_cast<int>(table.size()), SQLITE_TRANSIENT);
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
  sqlite3_finalize(stmt);
  if (rc != SQLITE_DONE) fail(db_, "sqlite: " + path_);
  return out;
}

std::int64_t SqliteSource::autoincrementHighWater(const std::string& table) {
  if (!scalarText("SELECT name FROM sqlite_schema WHERE type = 'table' AND name = 'sqlite_sequence'")) return 0;
  auto v = scalarText("SELECT seq FROM sqlite_sequence WHERE name = ?1", table);
  return v ? std::stoll(*v) : 0;
}

void SqliteSource::beginSnapshot() {
  // BEGIN alone takes no snapshot; the first read does, and the transaction keeps it.
  if (sqlite3_exec(db_, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK) fail(db_, "sqlite: " + path_);
  scalarText("SELECT count(*) FROM schema_migrations");
}

SqliteSource::Rows SqliteSource::rows(const std::string& table, const std::vector<std::string>& columns) {
  return Rows(db_, table, columns);
}

SqliteSource::Rows::Rows(sqlite3* db, const std::string& table, const std::vector<std::string>& columns) : db_(db) {
  std::string sql = "SELECT ";
  for (std::size_t i = 0; i < columns.size(); ++i) sql += (i ? ", " : "") + quoteIdentifier(columns[i]);
  sql += " FROM " + quoteIdentifier(table);
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK) fail(db_, "sqlite: reading " + table);
}

SqliteSource::Rows::~Rows() {
  if (stmt_) sqlite3_finalize(stmt_);
}

bool SqliteSource::Rows::next() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) {
    ++row_;
    return true;
  }
  if (rc == SQLITE_DONE) return false;
  fail(db_, "sqlite: reading row " + std::to_string(row_ + 1));
}

SqliteValueType SqliteSource::Rows::type(int col) const {
  switch (sqlite3_column_type(stmt_, col)) {
    case SQLITE_INTEGER: return SqliteValueType::Integer;
    case SQLITE_FLOAT: return SqliteValueType::Real;
    case SQLITE_TEXT: return SqliteValueType::Text;
    case SQLITE_BLOB: return SqliteValueType::Blob;
    default: return SqliteValueType::Null;
  }
}

std::int64_t SqliteSource::Rows::integer(int col) const { return sqlite3_column_int64(stmt_, col); }

std::string SqliteSource::Rows::text(int col) const {
  auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
}

}  // namespace parley::copy
