// The event log (resume for agents) and full-text search, on every backend (store_fixture.h):
// SQLite's FTS5 and PostgreSQL's tsvector find the same messages for these tests. Where the two
// engines differ (postgres_search.cpp: diacritics, tokens such as email addresses, ranking and
// snippets) a test says which backend does what. FTS5's own machinery (deferred indexing, query
// quoting) is tested on SQLite only (SqliteSearchTest, SqliteFtsQuery).
#include <sqlite3.h>

#include "store/sqlite/sqlite_search.h"
#include "store_fixture.h"

namespace parley::test {
namespace {

using EventsTest = BackendStoreTest;
using SearchTest = BackendStoreTest;
// FTS5's deferred indexing and its query quoting: SQLite's own.
using SqliteSearchTest = StoreTest;

// Runs one statement on the file behind the store's back; returns SQLite's result code.
int execRaw(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_busy_timeout(db, 2000);
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  sqlite3_close(db);
  return rc;
}

TEST_P(EventsTest, EventsAfterReturnsExactlyTheLaterEvents) {
  Contact c = contact("t");
  Agent a = agent("a@example.com");
  auto r1 = append(visitorMsg(c, 0, "one", 1000));
  std::int64_t mark = store->lastOffset(ws.id);
  auto r2 = append(agentMsg(a, r1.conversation.id, "two", 2000));
  auto upd = store->updateConversation(ws.id, r1.conversation.id, priorityPatch(Priority::High), 3000);
  auto r3 = append(agentMsg(a, r1.conversation.id, "three (note)", 4000, true));

  auto other_ws = workspace("Other", 2000);
  start(contact("x", other_ws.id), 2500);  // interleaved events of another workspace

  auto events = store->eventsAfter(ws.id, mark, 100);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].event.offset, r2.offset);
  EXPECT_EQ(events[0].event.type, "message.created");
  ASSERT_TRUE(events[0].message);
  EXPECT_EQ(events[0].message->body, "two");
  EXPECT_EQ(events[0].message->sender_name, "Agent a@example.com");
  EXPECT_EQ(events[1].event.offset, upd->offset);
  EXPECT_EQ(events[1].event.type, "conversation.updated");
  EXPECT_FALSE(events[1].message);
  EXPECT_EQ(events[2].event.offset, r3.offset);
  EXPECT_TRUE(events[2].message->is_private);
  for (auto& e : events) {
    EXPECT_EQ(e.event.workspace_id, ws.id);
    EXPECT_EQ(e.conversation.priority, Priority::High) << "the conversation as it is now";
    EXPECT_EQ(e.conversation.last_seq, 3);
  }
  EXPECT_EQ(store->eventsAfter(ws.id, r2.offset, 100).size(), 2u);
  EXPECT_EQ(store->eventsAfter(ws.id, mark, 2).size(), 2u);
  EXPECT_TRUE(store->eventsAfter(ws.id, r3.offset, 100).empty());
  EXPECT_EQ(store->lastOffset(ws.id), r3.offset);
  EXPECT_EQ(store->eventsAfter(ws.id, 0, 100).size(), 5u);
  EXPECT_EQ(store->eventsAfter(other_ws.id, 0, 100).size(), 2u);
}

TEST_P(SearchTest, FindsWordsAcrossMessagesOfTheWorkspace) {
  Contact c = contact("t");
  Agent a = agent("a@example.com");
  auto r = append(visitorMsg(c, 0, "My invoice from March is wrong", 1000));
  append(agentMsg(a, r.conversation.id, "Checking the invoices now", 2000));
  append(agentMsg(a, r.conversation.id, "internal: refund approved", 3000, true));
  auto other_ws = workspace("Other", 2000);
  start(contact("o", other_ws.id), 1000, "invoice elsewhere");

  auto hits = store->searchMessages(ws.id, "invoice", 10);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].conversation_id, r.conversation.id);
  EXPECT_EQ(hits[0].message_id, r.message.id);
  EXPECT_EQ(hits[0].seq, 1);
  EXPECT_EQ(hits[0].created_at, 1000);
  EXPECT_NE(hits[0].snippet.find("invoice"), std::string::npos);
  EXPECT_EQ(store->searchMessages(ws.id, "INVOICE march", 10).size(), 1u) << "words ANDed, any case";
  EXPECT_TRUE(store->searchMessages(ws.id, "invoice april", 10).empty());
  EXPECT_EQ(store->searchMessages(ws.id, "refund", 10).size(), 1u) << "agents may find private notes";
  EXPECT_EQ(store->searchMessages(other_ws.id, "invoice", 10).size(), 1u);
}

TEST_P(SearchTest, FtsSyntaxInUserInputIsPlainText) {
  Contact c = contact("t");
  auto r = append(visitorMsg(c, 0, "foo AND bar (baz) \"quoted\" col:umn NEAR", 1000));
  for (const char* q : {"\"foo* AND (", "foo*", "(", ")", "\"", "\"\"", "AND", "OR NOT", "NEAR(foo bar)",
                        "body:foo", "^foo", "foo -bar", "*", "'; DROP TABLE messages; --", "{body}: x", "+"}) {
    EXPECT_NO_THROW(store->searchMessages(ws.id, q, 10)) << q;
  }
  EXPECT_EQ(store->searchMessages(ws.id, "foo AND", 10).size(), 1u) << "AND is a word here";
  EXPECT_EQ(store->searchMessages(ws.id, "(baz)", 10).size(), 1u);
  EXPECT_EQ(store->searchMessages(ws.id, "\"quoted\"", 10).size(), 1u);
  EXPECT_TRUE(store->searchMessages(ws.id, "", 10).empty());
  EXPECT_TRUE(store->searchMessages(ws.id, "   ", 10).empty());
  EXPECT_EQ(store->messagesAfter(ws.id, r.conversation.id, 0, 10, true).size(), 1u);
}

// A difference between the engines, held here so that it stays a known one: FTS5's unicode61
// tokenizer removes diacritics, PostgreSQL's 'simple' configuration keeps them (folding them there
// needs the unaccent extension). The word as written is found by both.
TEST_P(SearchTest, DiacriticsFoldOnSqliteOnly) {
  append(visitorMsg(contact("t"), 0, "un caf\u00e9 cr\u00e8me", 1000));
  EXPECT_EQ(store->searchMessages(ws.id, "caf\u00e9", 10).size(), 1u);
  EXPECT_EQ(store->searchMessages(ws.id, "cafe", 10).size(), GetParam().name == "sqlite" ? 1u : 0u);
}

TEST(SqliteFtsQuery, QuotesEveryWord) {
  EXPECT_EQ(sqlite::ftsQuery("hello world"), "\"hello\" \"world\"");
  EXPECT_EQ(sqlite::ftsQuery("  say \"hi\"  "), "\"say\" \"\"\"hi\"\"\"");
  EXPECT_EQ(sqlite::ftsQuery(""), "");
}


// On every backend: a search sees every committed message, in a batch of many or of one, and after
// a restart. (PostgreSQL indexes each row in its own INSERT; SQLite defers, see below.)
TEST_P(SearchTest, FindsEveryCommittedMessageAcrossBatchesAndRestarts) {
  Contact c = contact("t");
  Agent a = agent("a@example.com");
  auto first = append(visitorMsg(c, 0, "word0 common", 1000));
  const Id conv = first.conversation.id;
  std::vector<NewMessage> batch;
  for (int i = 1; i < 300; ++i) batch.push_back(agentMsg(a, conv, "word" + std::to_string(i) + " common", 1000 + i));
  for (auto& r : store->appendMessages(batch)) ASSERT_EQ(r.status, AppendResult::Status::Ok) << r.error;
  for (int i : {0, 1, 255, 256, 257, 299}) {
    auto hits = store->searchMessages(ws.id, "word" + std::to_string(i), 10);
    ASSERT_EQ(hits.size(), 1u) << "word" << i;
    EXPECT_EQ(hits[0].seq, i + 1);
    EXPECT_NE(hits[0].snippet.find("word" + std::to_string(i)), std::string::npos) << hits[0].snippet;
  }
  EXPECT_EQ(store->searchMessages(ws.id, "common", 100).size(), 100u);
  EXPECT_EQ(store->searchMessages(ws.id, "common", 0).size(), 20u) << "the default limit";
  append(agentMsg(a, conv, "written before a restart", 5000));
  reopen();
  EXPECT_EQ(store->searchMessages(ws.id, "restart", 10).size(), 1u);
  EXPECT_EQ(store->searchMessages(ws.id, "WRITTEN Restart", 10).size(), 1u);
}

// Indexing runs per 256 messages and before each search: a search must still see every committed
// message, whether it is indexed already, waits in the open batch, or was committed before a restart.
TEST_F(SqliteSearchTest, DeferredIndexingMissesNothingAcrossBatchesRestartsAndDeletes) {
  Contact c = contact("t");
  Agent a = agent("a@example.com");
  auto first = append(visitorMsg(c, 0, "word0 common", 1000));
  const Id conv = first.conversation.id;
  for (int i = 1; i < 300; ++i) append(agentMsg(a, conv, "word" + std::to_string(i) + " common", 1000 + i));
  for (int i : {0, 1, 255, 256, 257, 299}) {
    auto hits = store->searchMessages(ws.id, "word" + std::to_string(i), 10);
    ASSERT_EQ(hits.size(), 1u) << "word" << i;
    EXPECT_EQ(hits[0].seq, i + 1);
  }
  EXPECT_EQ(store->searchMessages(ws.id, "common", 100).size(), 100u);

  append(agentMsg(a, conv, "written before a restart", 5000));
  reopen();
  EXPECT_EQ(store->searchMessages(ws.id, "restart", 10).size(), 1u) << "pending rows are counted again on open";

  // Delete an indexed row and one the index has not seen yet: the index must stay consistent.
  auto pending = append(agentMsg(a, conv, "never indexed", 6000));
  auto indexed = store->searchMessages(ws.id, "word7", 10);
  ASSERT_EQ(indexed.size(), 1u);
  store.reset();
  EXPECT_EQ(execRaw(path_, "DELETE FROM messages WHERE id IN (" + std::to_string(pending.message.id) + ", " +
                               std::to_string(indexed[0].message_id) + ")"),
            SQLITE_OK);
  EXPECT_EQ(execRaw(path_, "INSERT INTO messages_fts(messages_fts, rank) VALUES ('integrity-check', 1)"), SQLITE_OK)
      << "full-text index out of step with messages";
  reopen();
  EXPECT_TRUE(store->searchMessages(ws.id, "word7", 10).empty());
  EXPECT_TRUE(store->searchMessages(ws.id, "never", 10).empty());
  EXPECT_EQ(store->searchMessages(ws.id, "word8", 10).size(), 1u);
  store.reset();
  EXPECT_EQ(execRaw(path_, "INSERT INTO messages_fts(messages_fts, rank) VALUES ('integrity-check', 1)"), SQLITE_OK);
  reopen();
}

PARLEY_ON_EVERY_STORE_BACKEND(EventsTest);
PARLEY_ON_EVERY_STORE_BACKEND(SearchTest);

}  // namespace
}  // namespace parley::test
