#include "store/store_location.h"

#include <filesystem>

#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_migrations.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_migrations.h"
#include "store/sqlite/sqlite_store.h"

namespace parley {

namespace fs = std::filesystem;

namespace {

std::string sqlitePath(const std::string& data_dir) {
  fs::create_directories(fs::path(data_dir) / "uploads");
  return (fs::path(data_dir) / "parley.db").string();
}

}  // namespace

bool isPostgresUrl(std::string_view url) {
  return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

std::string checkStoreUrl(std::string_view url) {
  if (url.empty() || isPostgresUrl(url)) return {};
  return "the store must be a postgresql://USER@HOST:PORT/DB URL (without it: SQLite in --data)";
}

std::unique_ptr<Store> openStore(const StoreLocation& where) {
  if (where.url.empty()) return std::make_unique<SqliteStore>(sqlitePath(where.data_dir));
  // Attachments stay files under --data: nodes that share a database must share that directory too.
  fs::create_directories(fs::path(where.data_dir) / "uploads");
  return std::make_unique<PostgresStore>(where.url);
}

int migrateStore(const StoreLocation& where) {
  if (where.url.empty()) return migrateSqlite(sqlitePath(where.data_dir));
  pg::Connection c(where.url);
  return applyPostgresMigrations(c);
}

std::string describeStore(const StoreLocation& where) {
  if (where.url.empty()) return "SQLite " + (fs::path(where.data_dir) / "parley.db").string();
  // postgresql://user:secret@host/db -> postgresql://user@host/db
  std::string shown = where.url;
  const auto scheme = shown.find("://");
  const auto at = shown.find('@', scheme == std::string::npos ? 0 : scheme + 3);
  if (scheme != std::string::npos && at != std::string::npos) {
    const auto colon = shown.find(':', scheme + 3);
    if (colon != std::string::npos && colon < at) shown.erase(colon, at - colon);
  }
  return "PostgreSQL " + shown;
}

}  // namespace parley
