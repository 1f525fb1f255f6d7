#include <sqlite3.h>

#include "store/sqlite/sqlite_migrations.h"
#include "store_fixture.h"

namespace parley::test {
namespace {

int countRows(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
  sqlite3_finalize(st);
  sqlite3_close(db);
  return n;
}

using SqliteMigrationTest = StoreTest;

TEST_F(SqliteMigrationTest, OpeningTwiceAppliesEachMigrationOnce) {
  std::string epoch = store->epoch();
  EXPECT_EQ(epoch.size(), 32u);
  reopen();
  reopen();
  EXPECT_EQ(store->epoch(), epoch) << "the epoch is made once, at creation";
  int latest = sqliteMigrations().back().first;
  EXPECT_EQ(countRows(path_, "SELECT count(*) FROM schema_migrations"), static_cast<int>(sqliteMigrations().size()));
  EXPECT_EQ(countRows(path_, "SELECT max(version) FROM schema_migrations"), latest);
  EXPECT_EQ(migrateSqlite(path_), latest);
  EXPECT_EQ(countRows(path_, "SELECT count(*) FROM schema_migrations"), static_cast<int>(sqliteMigrations().size()));
  EXPECT_TRUE(store->workspaceById(ws.id).has_value()) << "data survives re-running migrations";
}

TEST_F(SqliteMigrationTest, MigrationsAreAscendingAndStartAtOne) {
  const auto& m = sqliteMigrations();
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m.front().first, 1);
  for (std::size_t i = 1; i < m.size(); ++i) EXPECT_EQ(m[i].first, m[i - 1].first + 1);
}

TEST_F(SqliteMigrationTest, MigrateCliCreatesAFreshFile) {
  std::string other = (dir_ / "fresh.db").string();
  EXPECT_EQ(migrateSqlite(other), sqliteMigrations().back().first);
  EXPECT_EQ(countRows(other, "SELECT count(*) FROM meta WHERE key = 'epoch'"), 1);
  EXPECT_EQ(countRows(other, "SELECT count(*) FROM sqlite_master WHERE name = 'messages_fts'"), 1);
}

TEST_F(SqliteMigrationTest, RefusesASchemaNewerThanTheBinary) {
  store.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "INSERT INTO schema_migrations VALUES (999, 0)", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  EXPECT_THROW(SqliteStore s(path_), std::runtime_error);
}

TEST_F(SqliteMigrationTest, FileIsInWalMode) {
  EXPECT_EQ(countRows(path_, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), 1);
  EXPECT_TRUE(std::filesystem::exists(path_ + "-wal"));
}

}  // namespace
}  // namespace parley::test
