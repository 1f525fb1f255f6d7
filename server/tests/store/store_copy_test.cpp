// `parley store copy`: a SQLite installation filled through the store interfaces is copied into a
// fresh PostgreSQL database, and everything reads back equal through the PostgreSQL store (ids,
// seqs, offsets, hashes, tokens, secrets); new rows continue after the copied ones; a second copy,
// a missing source, a foreign table and a value PostgreSQL refuses all leave the target as it was.
//
// These tests need PARLEY_TEST_PG and FAIL without it (not skip): a copy nobody ran is no copy.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "pg_test_database.h"
#include "security/password.h"
#include "store/copy/store_copy.h"
#include "store/postgres/pg_connection.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store_copy_fixture.h"

namespace fs = std::filesystem;
using namespace parley;
using namespace parley::test;

namespace {

#define PARLEY_REQUIRE_TEST_POSTGRES() \
  ASSERT_TRUE(testPostgresServer()) << "PARLEY_TEST_PG is not set: store copy needs a PostgreSQL server to copy into"

// A data directory of its own, removed with the object.
struct DataDir {
  DataDir() {
    std::string tmpl = (fs::temp_directory_path() / "parley-copy-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path = tmpl;
  }
  ~DataDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string db() const { return (path / "parley.db").string(); }
  fs::path path;
};

// The real binary, its stdout and stderr together in `output`.
int runParley(const std::vector<std::string>& args, std::string& output) {
  const std::string log = (fs::temp_directory_path() / ("parley-copy-cli-" + std::to_string(getpid()) + ".log")).string();
  std::vector<std::string> full{PARLEY_BINARY};
  full.insert(full.end(), args.begin(), args.end());
  const pid_t pid = fork();
  if (pid == 0) {
    FILE* f = std::fopen(log.c_str(), "w");
    if (!f) _exit(127);
    dup2(fileno(f), 1);
    dup2(fileno(f), 2);
    std::vector<char*> argv;
    for (auto& a : full) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  std::ifstream in(log);
  output.assign(std::istreambuf_iterator<char>(in), {});
  fs::remove(log);
  // In the sanitizer tree a report also exits with 1, which would pass for a refusal.
  EXPECT_EQ(output.find("Sanitizer"), std::string::npos) << output;
  EXPECT_EQ(output.find("runtime error"), std::string::npos) << output;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::int64_t countTableRows(const std::string& url, const std::string& table) {
  pg::Connection c(url);
  return c.exec("SELECT count(*) FROM " + table).i64(0, 0);
}

// Both stores read the same way through every interface that returns copied rows.
void expectSameInstallation(Store& sqlite, Store& postgres, const FilledInstallation& filled) {
  EXPECT_EQ(postgres.epoch(), sqlite.epoch()) << "the same epoch: clients resume instead of reloading";
  EXPECT_EQ(postgres.installationSecret("device"), sqlite.installationSecret("device"));
  EXPECT_EQ(postgres.countAgents(), sqlite.countAgents());
  ASSERT_TRUE(postgres.firstWorkspace());
  EXPECT_EQ(describe(*postgres.firstWorkspace()), describe(*sqlite.firstWorkspace()));
  for (Id ws : filled.workspaces) {
    SCOPED_TRACE("workspace " + std::to_string(ws));
    ASSERT_TRUE(postgres.workspaceById(ws));
    EXPECT_EQ(describe(*postgres.workspaceById(ws)), describe(*sqlite.workspaceById(ws)));
    EXPECT_EQ(describeAll(postgres.listAgents(ws)), describeAll(sqlite.listAgents(ws)));
    for (const auto& a : sqlite.listAgents(ws))
      EXPECT_EQ(postgres.agentPreferences(ws, a.id), sqlite.agentPreferences(ws, a.id));
    EXPECT_EQ(describeAll(postgres.listTeams(ws)), describeAll(sqlite.listTeams(ws)));
    EXPECT_EQ(describeAll(postgres.listCannedReplies(ws)), describeAll(sqlite.listCannedReplies(ws)));
    EXPECT_EQ(postgres.lastOffset(ws), sqlite.lastOffset(ws));
    const auto pgEvents = postgres.eventsAfter(ws, 0, 1000);
    const auto liteEvents = sqlite.eventsAfter(ws, 0, 1000);
    ASSERT_EQ(pgEvents.size(), liteEvents.size());
    for (std::size_t i = 0; i < pgEvents.size(); ++i) {
      EXPECT_EQ(describe(pgEvents[i].event), describe(liteEvents[i].event));
      EXPECT_EQ(describe(pgEvents[i].conversation), describe(liteEvents[i].conversation));
      EXPECT_EQ(pgEvents[i].message.has_value(), liteEvents[i].message.has_value());
    }
    ConversationFilter all;
    all.limit = 100;
    EXPECT_EQ(describeAll(postgres.listConversations(ws, all).conversations),
              describeAll(sqlite.listConversations(ws, all).conversations));
    const auto pgTags = postgres.tagCounts(ws), liteTags = sqlite.tagCounts(ws);
    ASSERT_EQ(pgTags.size(), liteTags.size());
    for (std::size_t i = 0; i < pgTags.size(); ++i) {
      EXPECT_EQ(pgTags[i].name, liteTags[i].name);
      EXPECT_EQ(pgTags[i].count, liteTags[i].count);
    }
    ContactFilter contacts;
    contacts.limit = 100;
    const auto pgContacts = postgres.listContacts(ws, contacts), liteContacts = sqlite.listContacts(ws, contacts);
    ASSERT_EQ(pgContacts.contacts.size(), liteContacts.contacts.size());
    for (std::size_t i = 0; i < pgContacts.contacts.size(); ++i) {
      EXPECT_EQ(describe(pgContacts.contacts[i].contact), describe(liteContacts.contacts[i].contact));
      EXPECT_EQ(pgContacts.contacts[i].conversation_count, liteContacts.contacts[i].conversation_count);
      const Id id = liteContacts.contacts[i].contact.id;
      EXPECT_EQ(describeAll(postgres.pageViews(ws, id, 100)), describeAll(sqlite.pageViews(ws, id, 100)));
    }
  }
  for (const auto& [ws, conv] : filled.conversations) {
    SCOPED_TRACE("conversation " + std::to_string(conv));
    ASSERT_TRUE(postgres.conversationById(ws, conv));
    EXPECT_EQ(describe(*postgres.conversationById(ws, conv)), describe(*sqlite.conversationById(ws, conv)));
    for (bool agentView : {true, false})
      EXPECT_EQ(describeAll(postgres.messagesAfter(ws, conv, 0, 100, agentView)),
                describeAll(sqlite.messagesAfter(ws, conv, 0, 100, agentView)));
  }
  EXPECT_EQ(describeAll(postgres.dueSnoozed(1'000'000, 100)), describeAll(sqlite.dueSnoozed(1'000'000, 100)));
  // Search: the same messages found (PostgreSQL's tsvector is computed from the copied bodies).
  const auto pgHits = postgres.searchMessages(filled.workspaces[0], "invoice", 10);
  const auto liteHits = sqlite.searchMessages(filled.workspaces[0], "invoice", 10);
  ASSERT_EQ(pgHits.size(), liteHits.size());
  ASSERT_FALSE(pgHits.empty());
  for (std::size_t i = 0; i < pgHits.size(); ++i) EXPECT_EQ(pgHits[i].message_id, liteHits[i].message_id);
}

}  // namespace

TEST(StoreCopy, EveryTableReadsBackEqualFromPostgresAndNewRowsContinueAfterIt) {
  PARLEY_REQUIRE_TEST_POSTGRES();
  DataDir data;
  FilledInstallation filled;
  {
    SqliteStore sqlite(data.db());
    filled = fillInstallation(sqlite);
  }
  PgTestDatabase target(*testPostgresServer());
  StoreCopyOptions options;
  options.page_rows = 2;  // several pages per table, and a last page that is not full
  std::vector<std::string> progress;
  options.on_table = [&progress](const CopiedTableCount& t) { progress.push_back(t.table); };
  const auto report = copySqliteToPostgres(data.path.string(), target.url(), options);

  EXPECT_EQ(progress.size(), report.copied.size());
  std::map<std::string, std::int64_t> rows;
  for (const auto& t : report.copied) rows[t.table] = t.rows;
  EXPECT_EQ(rows["workspaces"], 3);
  EXPECT_EQ(rows["agents"], 3);
  EXPECT_EQ(rows["agent_sessions"], 1);
  EXPECT_EQ(rows["teams"], 2);
  EXPECT_EQ(rows["team_members"], 2);
  EXPECT_EQ(rows["contacts"], 3);
  EXPECT_GE(rows["visitor_tokens"], 1);
  EXPECT_EQ(rows["page_views"], 3);
  EXPECT_EQ(rows["conversations"], 4);
  EXPECT_EQ(rows["messages"], 9);
  EXPECT_EQ(rows["canned_replies"], 3);
  EXPECT_GE(rows["meta"], 2);  // the epoch and the device secret
  for (const char* table : {"workspaces", "agents", "contacts", "conversations", "messages", "events"})
    EXPECT_EQ(countTableRows(target.url(), table), rows[table]) << table;
  EXPECT_NE(describeStoreCopy(report).find("uploads"), std::string::npos);

  SqliteStore sqlite(data.db());
  PostgresStore postgres(target.url());
  expectSameInstallation(sqlite, postgres, filled);

  // Logins, sessions and widget tokens keep working.
  auto admin = postgres.agentByEmail("ada@acme.test");
  ASSERT_TRUE(admin);
  EXPECT_EQ(admin->id, filled.admin);
  EXPECT_TRUE(verifyPassword(admin->password_hash, kAdminPassword));
  EXPECT_FALSE(verifyPassword(admin->password_hash, "wrong password"));
  auto bySession = postgres.agentBySession(filled.session_hash, 2'000'000'000'000);
  ASSERT_TRUE(bySession);
  EXPECT_EQ(bySession->id, filled.admin);
  for (const auto& token : filled.visitor_tokens) {
    auto visitor = postgres.contactByVisitorToken(filled.workspaces[0], token);
    ASSERT_TRUE(visitor) << token;
    EXPECT_EQ(visitor->id, filled.chatting_contact) << token;
  }

  // After the copy: the next seq, visitor seq, message id and event offset, and ids past the copied ones.
  const Id ws = filled.workspaces[0];
  const auto before = *sqlite.conversationById(ws, filled.long_conversation);
  std::int64_t maxMessageId = 0;
  for (const auto& [w, conv] : filled.conversations)
    for (const auto& m : sqlite.messagesAfter(w, conv, 0, 100, true)) maxMessageId = std::max(maxMessageId, m.id);
  NewMessage next;
  next.workspace_id = ws;
  next.conversation_id = filled.long_conversation;
  next.contact_id = filled.chatting_contact;
  next.sender_type = SenderType::Visitor;
  next.body = "Written after the move";
  next.client_id = "after-copy-1";
  next.created_at = 30'000;
  auto appended = postgres.appendMessages(std::span<const NewMessage>(&next, 1));
  ASSERT_EQ(appended.size(), 1u);
  ASSERT_EQ(appended[0].status, AppendResult::Status::Ok) << appended[0].error;
  EXPECT_EQ(appended[0].message.seq, before.last_seq + 1);
  EXPECT_EQ(appended[0].message.visitor_seq, before.visitor_last_seq + 1);
  EXPECT_EQ(appended[0].message.id, maxMessageId + 1);
  EXPECT_EQ(appended[0].offset, report.event_counter + 1);
  EXPECT_GT(appended[0].offset, sqlite.lastOffset(filled.workspaces[1])) << "past every offset SQLite handed out";
  // The other workspace's events continue after the copy too, without colliding.
  ConversationPatch urgent;
  urgent.priority = Priority::Urgent;
  auto change = postgres.updateConversation(filled.conversations[3].first, filled.conversations[3].second, urgent, 31'000);
  ASSERT_TRUE(change);
  EXPECT_EQ(change->offset, report.event_counter + 1);
  // A resend of a copied message is still recognised (client_id copied).
  NewMessage resend = next;
  resend.conversation_id = filled.long_conversation;
  resend.client_id = "v-2";
  resend.body = "Here is the invoice";
  EXPECT_EQ(postgres.appendMessages(std::span<const NewMessage>(&resend, 1))[0].status, AppendResult::Status::Duplicate);
  // Identity columns continue after the copied ids.
  auto newWs = postgres.createWorkspace(NewWorkspace{"New Co", "", ""}, 40'000);
  EXPECT_GT(newWs.id, filled.workspaces.back());
  Contact fresh;
  fresh.workspace_id = ws;
  fresh.first_seen_at = fresh.last_seen_at = 40'000;
  EXPECT_GT(postgres.createContact(fresh, "token-hash-new").id, filled.contacts.back());
  EXPECT_GT(postgres.createTeam(ws, "Sales").id, filled.team);
  EXPECT_NO_THROW(postgres.createCannedReply(ws, "new", "A new reply"));

  // The target now holds an installation: a second copy is refused and writes nothing.
  const auto messagesBefore = countTableRows(target.url(), "messages");
  EXPECT_THROW(copySqliteToPostgres(data.path.string(), target.url()), StoreCopyRefused);
  EXPECT_EQ(countTableRows(target.url(), "messages"), messagesBefore);
}

TEST(StoreCopy, TheBinaryCopiesPrintsCountsAndTheUploadsFolderAndRefusesASecondCopy) {
  PARLEY_REQUIRE_TEST_POSTGRES();
  DataDir data;
  {
    SqliteStore sqlite(data.db());
    fillInstallation(sqlite);
  }
  fs::create_directories(data.path / "uploads" / "1");
  std::ofstream(data.path / "uploads" / "1" / "ab12cd.pdf") << "%PDF";
  PgTestDatabase target(*testPostgresServer());
  std::string out;
  ASSERT_EQ(runParley({"store", "copy", "--from", data.path.string(), "--to", target.url()}, out), 0) << out;
  EXPECT_NE(out.find("messages                  9"), std::string::npos) << out;
  EXPECT_NE(out.find("1 file(s) stay in " + (data.path / "uploads").string()), std::string::npos) << out;
  EXPECT_NE(out.find("not copied"), std::string::npos) << out;
  EXPECT_EQ(countTableRows(target.url(), "conversations"), 4);

  EXPECT_EQ(runParley({"store", "copy", "--from", data.path.string(), "--to", target.url()}, out), 1) << out;
  EXPECT_NE(out.find("not empty"), std::string::npos) << out;
  EXPECT_EQ(countTableRows(target.url(), "conversations"), 4);
  // --to is required (or PARLEY_STORE) and must be a PostgreSQL URL.
  EXPECT_NE(runParley({"store", "copy", "--from", data.path.string(), "--to", "mysql://db/x"}, out), 0);
  EXPECT_NE(out.find("postgresql://"), std::string::npos) << out;
}

TEST(StoreCopy, RefusesASourceWithoutAParleyDatabaseAndLeavesItUntouched) {
  PARLEY_REQUIRE_TEST_POSTGRES();
  PgTestDatabase target(*testPostgresServer());
  DataDir empty;
  try {
    copySqliteToPostgres(empty.path.string(), target.url());
    ADD_FAILURE() << "copied from a directory without a database";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("no Parley database"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(empty.db())) << "a mistyped --from must not leave an empty database behind";
  EXPECT_THROW(copySqliteToPostgres((empty.path / "missing").string(), target.url()), std::runtime_error);
  std::ofstream(empty.db()) << "not a database at all";
  EXPECT_THROW(copySqliteToPostgres(empty.path.string(), target.url()), std::runtime_error);
  EXPECT_THROW(copySqliteToPostgres(empty.path.string(), "mysql://db/x"), std::runtime_error);
}

// All or nothing: a table without a rule is refused before anything is written, and a value
// PostgreSQL refuses half-way rolls back every row copied before it.
TEST(StoreCopy, AFailedCopyLeavesTheTargetEmptyAndSaysWhere) {
  PARLEY_REQUIRE_TEST_POSTGRES();
  DataDir data;
  {
    SqliteStore sqlite(data.db());
    fillInstallation(sqlite);
  }
  auto sqliteExec = [&](const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(data.db().c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
  };
  PgTestDatabase target(*testPostgresServer());

  sqliteExec("CREATE TABLE custom_reports (id INTEGER PRIMARY KEY, body TEXT)");
  try {
    copySqliteToPostgres(data.path.string(), target.url());
    ADD_FAILURE() << "copied a database with a table it has no rule for";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("custom_reports"), std::string::npos) << e.what();
  }
  sqliteExec("DROP TABLE custom_reports");

  // Invalid UTF-8 in the last message: every earlier table and row was already sent.
  sqliteExec("UPDATE messages SET body = CAST(X'48C328' AS TEXT) WHERE id = (SELECT max(id) FROM messages)");
  try {
    copySqliteToPostgres(data.path.string(), target.url());
    ADD_FAILURE() << "copied text PostgreSQL cannot store";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("messages"), std::string::npos) << e.what();
  }
  EXPECT_EQ(countTableRows(target.url(), "workspaces"), 0);
  EXPECT_EQ(countTableRows(target.url(), "agents"), 0);
  EXPECT_EQ(countTableRows(target.url(), "messages"), 0);

  // Fixed at the source, the same target takes the copy.
  sqliteExec("UPDATE messages SET body = 'fixed' WHERE id = (SELECT max(id) FROM messages)");
  EXPECT_NO_THROW(copySqliteToPostgres(data.path.string(), target.url()));
  EXPECT_EQ(countTableRows(target.url(), "workspaces"), 3);
}
