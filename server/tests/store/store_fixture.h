// Shared setup for the store tests: a fresh database per test (a SQLite file in its own temp
// directory, or a PostgreSQL database of its own), a workspace, and builders for the records most
// tests need.
//
// StoreTest runs on SQLite; BackendStoreTest is the same fixture parameterised over the backends:
// a suite written with TEST_P on it and PARLEY_ON_EVERY_STORE_BACKEND(Suite) runs each test on
// SQLite and on PostgreSQL. The PostgreSQL instances need PARLEY_TEST_PG (a server URL) and are
// skipped without it, or fail with PARLEY_REQUIRE_PG=1 (scripts/test). Tests about SQLite itself
// (its file, WAL, migrations of old files, FTS5) stay on StoreTest and carry Sqlite in their name.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include "pg_test_database.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace parley::test {

// A database made for one test and removed with the object.
class StoreDatabase {
 public:
  virtual ~StoreDatabase() = default;
  // A new store instance on this database: a second call is another process or node sharing it,
  // or the same server restarted.
  virtual std::unique_ptr<Store> open() = 0;
  // The SQLite file, for the tests of SQLite itself; empty on other backends.
  virtual std::string sqlitePath() const { return {}; }
  // The PostgreSQL database's URL, for the tests of PostgreSQL itself; empty on other backends.
  virtual std::string postgresUrl() const { return {}; }
};

struct StoreBackend {
  std::string name;     // the test name's suffix
  bool needs_postgres;  // skipped (or failed, PARLEY_REQUIRE_PG=1) without PARLEY_TEST_PG
  std::function<std::unique_ptr<StoreDatabase>()> make_database;
};

inline void PrintTo(const StoreBackend& b, std::ostream* os) { *os << b.name; }

StoreBackend sqliteStore();    // store_backends.cpp
StoreBackend postgresStore();

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const StoreBackend b = backend();
    if (b.needs_postgres) PARLEY_NEED_TEST_POSTGRES();
    database_ = b.make_database();
    path_ = database_->sqlitePath();
    if (!path_.empty()) dir_ = std::filesystem::path(path_).parent_path();
    reopen();
    ws = workspace("Acme", 1000);
  }

  void TearDown() override {
    store.reset();  // the instance goes before its database
    database_.reset();
  }

  // The backend this fixture runs on.
  virtual StoreBackend backend() const { return sqliteStore(); }

  // Closes the store and opens the database again, as a restarted server would.
  void reopen() {
    store.reset();
    store = database_->open();
  }

  // Another instance on the same database: another process or node.
  std::unique_ptr<Store> another() { return database_->open(); }
  StoreDatabase& database() { return *database_; }

  // For a derived SetUp: true when StoreTest::SetUp skipped or failed the test.
  bool notSetUp() const { return IsSkipped() || HasFatalFailure() || !store; }

  Workspace workspace(const std::string& name, Millis at = 2000) {
    NewWorkspace w;
    w.name = name;
    return store->createWorkspace(w, at);
  }

  void pageView(const Contact& c, const std::string& url, Millis at, const std::string& title = "",
                const std::string& referrer = "", Id workspace_id = 0) {
    PageView pv;
    pv.workspace_id = workspace_id ? workspace_id : c.workspace_id;
    pv.contact_id = c.id;
    pv.url = url;
    pv.title = title;
    pv.referrer = referrer;
    pv.created_at = at;
    store->addPageView(pv);
  }

  static ConversationPatch statusPatch(ConversationStatus status, std::optional<Millis> snoozed_until = {}) {
    ConversationPatch p;
    p.status = status;
    if (snoozed_until) p.snoozed_until = snoozed_until;
    return p;
  }

  static ConversationPatch priorityPatch(Priority priority) {
    ConversationPatch p;
    p.priority = priority;
    return p;
  }

  Contact contact(const std::string& token_hash, Id workspace_id = 0) {
    Contact c;
    c.workspace_id = workspace_id ? workspace_id : ws.id;
    c.first_seen_at = c.last_seen_at = 1000;
    return store->createContact(c, token_hash);
  }

  Agent agent(const std::string& email, Id workspace_id = 0) {
    Agent a;
    a.workspace_id = workspace_id ? workspace_id : ws.id;
    a.email = email;
    a.name = "Agent " + email;
    a.password_hash = "$argon2id$stub";
    a.created_at = 1000;
    return store->createAgent(a);
  }

  static NewMessage visitorMsg(const Contact& c, Id conversation_id, const std::string& body, Millis at,
                               std::optional<std::string> client_id = std::nullopt) {
    NewMessage m;
    m.workspace_id = c.workspace_id;
    m.conversation_id = conversation_id;
    m.contact_id = c.id;
    m.sender_type = SenderType::Visitor;
    m.body = body;
    m.client_id = std::move(client_id);
    m.created_at = at;
    return m;
  }

  static NewMessage agentMsg(const Agent& a, Id conversation_id, const std::string& body, Millis at,
                             bool is_private = false, std::optional<std::string> client_id = std::nullopt) {
    NewMessage m;
    m.workspace_id = a.workspace_id;
    m.conversation_id = conversation_id;
    m.sender_type = SenderType::Agent;
    m.sender_id = a.id;
    m.body = body;
    m.is_private = is_private;
    m.client_id = std::move(client_id);
    m.created_at = at;
    return m;
  }

  NewMessage systemMsg(Id conversation_id, const std::string& body, Millis at, SenderType type = SenderType::System) {
    NewMessage m;
    m.workspace_id = ws.id;
    m.conversation_id = conversation_id;
    m.sender_type = type;
    m.body = body;
    m.created_at = at;
    return m;
  }

  AppendResult append(const NewMessage& m) {
    auto r = store->appendMessages(std::span<const NewMessage>(&m, 1));
    return r.at(0);
  }

  // A conversation opened by the contact's first message.
  Conversation start(const Contact& c, Millis at, const std::string& body = "hello") {
    auto r = append(visitorMsg(c, 0, body, at));
    EXPECT_EQ(r.status, AppendResult::Status::Ok) << r.error;
    return r.conversation;
  }

  std::unique_ptr<StoreDatabase> database_;
  std::filesystem::path dir_;  // SQLite only: the test's temp directory, and the file in it
  std::string path_;
  std::unique_ptr<Store> store;
  Workspace ws;
};

// StoreTest on the backend given as the test's parameter.
class BackendStoreTest : public StoreTest, public ::testing::WithParamInterface<StoreBackend> {
 protected:
  StoreBackend backend() const override { return GetParam(); }
};

// Runs every TEST_P of `Suite` (a BackendStoreTest) on SQLite and on PostgreSQL.
#define PARLEY_ON_EVERY_STORE_BACKEND(Suite)                                                          \
  INSTANTIATE_TEST_SUITE_P(Backends, Suite,                                                           \
                           ::testing::Values(::parley::test::sqliteStore(), ::parley::test::postgresStore()), \
                           [](const ::testing::TestParamInfo<::parley::test::StoreBackend>& info) {   \
                             return info.param.name;                                                  \
                           })

}  // namespace parley::test
