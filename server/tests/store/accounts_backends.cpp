#include "accounts_backends.h"

#include <cstdlib>
#include <filesystem>

#include "pg_test_database.h"
#include "store/postgres/postgres_accounts.h"
#include "store/sqlite/sqlite_store.h"

namespace parley::test {

namespace {

class SqliteDatabase : public AccountsDatabase {
 public:
  SqliteDatabase() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "parley-accounts-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    dir_ = tmpl;
  }
  ~SqliteDatabase() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  AccountsStores open() override {
    return AccountsStores::of(std::make_shared<SqliteStore>((dir_ / "parley.db").string()));
  }

 private:
  std::filesystem::path dir_;
};

class PostgresDatabase : public AccountsDatabase {
 public:
  explicit PostgresDatabase(std::string server_url) : db_(std::move(server_url)) {}
  AccountsStores open() override { return AccountsStores::of(std::make_shared<PostgresAccounts>(db_.url())); }

 private:
  PgTestDatabase db_;
};

}  // namespace

AccountsBackend sqliteAccounts() {
  return {"sqlite", false, [] { return std::make_unique<SqliteDatabase>(); }};
}

AccountsBackend postgresAccounts() {
  return {"postgres", true, [] { return std::make_unique<PostgresDatabase>(*testPostgresServer()); }};
}

}  // namespace parley::test
