// Store behaviour the hardening issue added: the visitor's own message count (private notes are
// not countable), page-view retention, and noticing another process's commit. Ending all of an
// agent's sessions and installation secrets are in accounts_store_test.cpp, on every backend.
#include <sqlite3.h>

#include "store/sqlite/sqlite_migrations.h"
#include "store_fixture.h"

namespace parley::test {
namespace {

using HardeningStoreTest = BackendStoreTest;
// The file counter another process's commit moves: SQLite's (PostgreSQL will tell other nodes'
// writes over LISTEN/NOTIFY or the bus, and keeps the interface's constant 0).
using SqliteHardeningTest = StoreTest;

TEST_P(HardeningStoreTest, PrivateNotesTakeNoNumberInTheVisitorsCount) {
  auto c = contact("tok");
  auto a = agent("ann@example.com");
  auto conv = start(c, 10'000);                                        // seq 1, visitor seq 1
  auto note = append(agentMsg(a, conv.id, "they seem upset", 10'001, true));  // seq 2, none
  auto reply = append(agentMsg(a, conv.id, "Happy to help!", 10'002));        // seq 3, visitor seq 2
  EXPECT_EQ(note.message.seq, 2);
  EXPECT_EQ(note.message.visitor_seq, 0);
  EXPECT_EQ(reply.message.seq, 3);
  EXPECT_EQ(reply.message.visitor_seq, 2);
  EXPECT_EQ(reply.conversation.last_seq, 3);
  EXPECT_EQ(reply.conversation.visitor_last_seq, 2) << "no gap where the note is";
  EXPECT_EQ(note.conversation.visitor_last_seq, 1);

  auto visitorView = store->messagesAfter(ws.id, conv.id, 0, 100, false);
  ASSERT_EQ(visitorView.size(), 2u);
  EXPECT_EQ(visitorView[0].visitor_seq, 1);
  EXPECT_EQ(visitorView[1].visitor_seq, 2);
  EXPECT_EQ(store->messagesAfter(ws.id, conv.id, 1, 100, false).size(), 1u) << "after visitor seq 1: the reply";
  EXPECT_EQ(store->messagesAfter(ws.id, conv.id, 1, 100, true).size(), 2u) << "agents count in seqs";

  // Read markers are kept in both counts.
  auto agentRead = store->markRead(ws.id, conv.id, ReaderType::Agent, 2);  // read up to the note
  EXPECT_EQ(agentRead->agent_last_read_seq, 2);
  EXPECT_EQ(agentRead->agent_read_vseq, 1) << "the visitor learns the agent read its message 1, nothing more";
  auto visitorRead = store->markRead(ws.id, conv.id, ReaderType::Visitor, 2);  // visitor seq 2: the reply
  EXPECT_EQ(visitorRead->visitor_read_vseq, 2);
  EXPECT_EQ(visitorRead->visitor_last_read_seq, 3) << "in seqs, the reply is 3";
  auto clamped = store->markRead(ws.id, conv.id, ReaderType::Visitor, 99);
  EXPECT_EQ(clamped->visitor_read_vseq, 2);
  auto reread = store->conversationById(ws.id, conv.id);
  EXPECT_EQ(reread->visitor_last_seq, 2);
  EXPECT_EQ(reread->visitor_read_vseq, 2);
}

TEST_P(HardeningStoreTest, AContactKeepsItsNewestPageViewsOnly) {
  auto c = contact("tok");
  for (int i = 0; i < kMaxPageViewsPerContact + 50; ++i) pageView(c, "https://shop.test/" + std::to_string(i), 1000 + i);
  auto views = store->pageViews(ws.id, c.id, 1000);
  ASSERT_EQ(views.size(), static_cast<std::size_t>(kMaxPageViewsPerContact));
  EXPECT_EQ(views.front().url, "https://shop.test/" + std::to_string(kMaxPageViewsPerContact + 49));
  EXPECT_EQ(views.back().url, "https://shop.test/50");
  auto other = contact("tok2");
  pageView(other, "https://shop.test/x", 5000);
  EXPECT_EQ(store->pageViews(ws.id, other.id, 1000).size(), 1u) << "another contact is not pruned";
}

TEST_F(SqliteHardeningTest, AnotherProcesssCommitIsNoticed) {
  auto before = store->changesFromOtherProcesses();
  store->createAgentSession("own", agent("ann@example.com").id, 1'000'000);
  EXPECT_EQ(store->changesFromOtherProcesses(), before) << "our own commits do not count";
  {
    SqliteStore other(path_);  // another connection, as `parley agent password` would open
    other.deleteAgentSession("own");
  }
  EXPECT_NE(store->changesFromOtherProcesses(), before);
}

// Migration 7 numbers the visitor's messages in databases that already have some.
TEST(SqliteVisitorSeqMigration, BackfillsExistingConversations) {
  auto dir = std::filesystem::temp_directory_path() / ("parley-m7-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = (dir / "p.db").string();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  auto exec = [&](const std::string& sql) {
    char* err = nullptr;
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "") << "\n" << sql;
  };
  exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
  for (const auto& [version, script] : sqliteMigrations()) {
    if (version >= 7) break;
    exec(script);
    exec("INSERT INTO schema_migrations VALUES (" + std::to_string(version) + ", 0)");
  }
  exec("INSERT INTO meta VALUES ('epoch', 'old-epoch')");
  exec("INSERT INTO workspaces(id, public_id, name, hmac_secret, created_at) VALUES (1, 'w', 'W', 's', 0)");
  exec("INSERT INTO agents(id, workspace_id, email, name, password_hash, created_at) VALUES (1, 1, 'a@x', 'A', 'h', 0)");
  exec("INSERT INTO contacts(id, workspace_id, first_seen_at, last_seen_at) VALUES (1, 1, 0, 0)");
  exec("INSERT INTO conversations(id, workspace_id, contact_id, last_seq, created_at, updated_at, "
       "visitor_last_read_seq, agent_last_read_seq) VALUES (1, 1, 1, 4, 0, 0, 4, 2)");
  exec("INSERT INTO messages(workspace_id, conversation_id, seq, sender_type, sender_id, body, private, created_at) VALUES "
       "(1, 1, 1, 'visitor', 1, 'hi', 0, 1), (1, 1, 2, 'agent', 1, 'note', 1, 2), "
       "(1, 1, 3, 'agent', 1, 'note 2', 1, 3), (1, 1, 4, 'agent', 1, 'hello', 0, 4)");
  sqlite3_close(db);

  SqliteStore store(path);
  EXPECT_NE(store.epoch(), "old-epoch") << "visitors' cursors changed meaning: clients must reload";
  auto view = store.messagesAfter(1, 1, 0, 10, false);
  ASSERT_EQ(view.size(), 2u);
  EXPECT_EQ(view[0].visitor_seq, 1);
  EXPECT_EQ(view[1].visitor_seq, 2);
  EXPECT_EQ(view[1].seq, 4);
  auto conv = store.conversationById(1, 1);
  EXPECT_EQ(conv->visitor_last_seq, 2);
  EXPECT_EQ(conv->visitor_read_vseq, 2);
  EXPECT_EQ(conv->agent_read_vseq, 1) << "the agent had read up to seq 2, a note: visitor seq 1";
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

PARLEY_ON_EVERY_STORE_BACKEND(HardeningStoreTest);

}  // namespace
}  // namespace parley::test
