#include "accounts_backends.h"

#include <cstdlib>
#include <filesystem>

#include "pg_test_database.h"
#include "store/postgres/postgres_accounts.h"
#include "store/sqlite/sqlite_store.h"

namespace parley::test {

namespace {

class SqliteAccountsDatabase : public AccountsDatabase {
 public:
  SqliteAccountsDatabase() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "parley-accounts-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    dir_ = tmpl;
  }
  ~SqliteAccountsDatabase() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  AccountsStores open() override {
    return AccountsStores::of(std::make_shared<SqliteStore>((dir_ / "parley.db").string()));
  }

 private:
  std::filesystem::path dir_;
};

class PostgresAccountsDatabase : public AccountsDatabase {
 public:
  explicit PostgresAccountsDatabase(std::string server_url) : db_(std::move(server_url)) {}
  AccountsStores open() override { return AccountsStores::of(std::make_shared<PostgresAccounts>(db_.url())); }

 private:
  PgTestDatabase db_;
};

}  // namespace

AccountsBackend sqliteAccounts() {
  return {"sqlite", false, [] { return std::make_unique<SqliteAccountsDatabase>(); }};
}

AccountsBackend postgresAccounts() {
  return {"postgres", true, [] { return std::make_unique<PostgresAccountsDatabase>(*testPostgresServer()); }};
}

}  // namespace parley::test
