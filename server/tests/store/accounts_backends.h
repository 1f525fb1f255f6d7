// The backends the accounts tests run on (accounts_store_test.cpp): each gives a test a fresh,
// empty database and opens store instances on it, exposing the interfaces the tests use. The same
// test bodies run on SQLite and on PostgreSQL.
#pragma once

#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include "store/agent_session_store.h"
#include "store/agent_store.h"
#include "store/canned_reply_store.h"
#include "store/installation_store.h"
#include "store/team_store.h"
#include "store/workspace_store.h"

namespace parley::test {

// One store instance, seen through the accounts interfaces.
struct AccountsStores {
  std::shared_ptr<void> owner;  // the instance itself
  WorkspaceStore* workspaces = nullptr;
  AgentStore* agents = nullptr;
  AgentSessionStore* sessions = nullptr;
  TeamStore* teams = nullptr;
  CannedReplyStore* canned = nullptr;
  InstallationStore* installation = nullptr;

  template <class S>
  static AccountsStores of(std::shared_ptr<S> s) {
    return AccountsStores{s, s.get(), s.get(), s.get(), s.get(), s.get(), s.get()};
  }
};

// A database made for one test and removed with the object.
class AccountsDatabase {
 public:
  virtual ~AccountsDatabase() = default;
  // A new store instance on this database: a second call is another process or node sharing it,
  // or the same server restarted.
  virtual AccountsStores open() = 0;
};

struct AccountsBackend {
  std::string name;      // the test name's suffix
  bool needs_postgres;   // skipped (or failed, PARLEY_REQUIRE_PG=1) without PARLEY_TEST_PG
  std::function<std::unique_ptr<AccountsDatabase>()> make_database;
};

// gtest names the parameter by this in its messages, not by the struct's bytes.
inline void PrintTo(const AccountsBackend& b, std::ostream* os) { *os << b.name; }

AccountsBackend sqliteAccounts();
AccountsBackend postgresAccounts();

}  // namespace parley::test
