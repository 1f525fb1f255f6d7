// The backends of the store tests (store_fixture.h): a fresh database per test, and store
// instances opened on it.
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "pg_test_database.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store_fixture.h"

namespace parley::test {

namespace {

class SqliteDatabase : public StoreDatabase {
 public:
  SqliteDatabase() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "parley-store-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    dir_ = tmpl;
  }
  ~SqliteDatabase() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  std::unique_ptr<Store> open() override { return std::make_unique<SqliteStore>(sqlitePath()); }
  std::string sqlitePath() const override { return (dir_ / "parley.db").string(); }

 private:
  std::filesystem::path dir_;
};

class PostgresDatabase : public StoreDatabase {
 public:
  explicit PostgresDatabase(std::string server_url) : db_(std::move(server_url)) {}
  std::unique_ptr<Store> open() override { return std::make_unique<PostgresStore>(db_.url()); }
  std::string postgresUrl() const override { return db_.url(); }

 private:
  PgTestDatabase db_;
};

}  // namespace

StoreBackend sqliteStore() {
  return {"sqlite", false, [] { return std::make_unique<SqliteDatabase>(); }};
}

StoreBackend postgresStore() {
  return {"postgres", true, [] { return std::make_unique<PostgresDatabase>(*testPostgresServer()); }};
}

}  // namespace parley::test
