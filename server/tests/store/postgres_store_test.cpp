// What only the PostgreSQL store has to prove (the behaviour both backends share is in the
// *_store_test.cpp suites): event offsets are handed out in commit order because a transaction
// that logs events holds its workspace's counter row until it ends, and only that workspace's.
#include <atomic>
#include <chrono>
#include <thread>

#include "store/postgres/pg_connection.h"
#include "store_fixture.h"

namespace parley::test {
namespace {

class PostgresStoreTest : public StoreTest {
 protected:
  StoreBackend backend() const override { return postgresStore(); }
};

// Another node's transaction that has logged an event in the workspace and not yet committed
// (here: a connection holding the counter row's lock) makes this node's append wait, so that
// this node's offsets come after it; another workspace's appends do not wait.
TEST_F(PostgresStoreTest, AWriterWaitsForTheWorkspacesEarlierTransaction) {
  Contact c = contact("t");
  Agent a = agent("a@example.com");
  const Conversation conv = start(c, 1000);
  auto other_ws = workspace("Other", 2000);
  Contact other_contact = contact("o", other_ws.id);
  start(other_contact, 1000);

  pg::Connection earlier(database().postgresUrl());
  pg::Tx tx(earlier);
  earlier.exec("SELECT last_offset FROM event_counters WHERE workspace_id = $1 FOR UPDATE", ws.id);

  std::atomic<bool> done{false};
  AppendResult waited;
  std::thread writer([&] {
    waited = append(agentMsg(a, conv.id, "after the earlier transaction", 2000));
    done = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_FALSE(done) << "the append did not wait for the workspace's open transaction";
  EXPECT_EQ(append(visitorMsg(other_contact, 0, "another workspace", 2000)).status, AppendResult::Status::Ok)
      << "another workspace's counter is another row";
  EXPECT_EQ(store->messagesAfter(ws.id, conv.id, 0, 10, true).size(), 1u) << "nothing visible before it commits";
  tx.commit();
  writer.join();
  EXPECT_TRUE(done);
  EXPECT_EQ(waited.status, AppendResult::Status::Ok) << waited.error;
  EXPECT_EQ(waited.message.seq, 2);
  EXPECT_EQ(waited.offset, store->lastOffset(ws.id));
}

// Offsets count per workspace: each workspace's log starts at 1 and has no gaps, whatever the
// other workspaces write in between.
TEST_F(PostgresStoreTest, OffsetsArePerWorkspaceWithoutGaps) {
  auto other_ws = workspace("Other", 2000);
  Contact mine = contact("m");
  Contact theirs = contact("t", other_ws.id);
  for (int i = 0; i < 5; ++i) {
    append(visitorMsg(mine, 0, "mine", 1000 + i));
    append(visitorMsg(theirs, 0, "theirs", 1000 + i));
  }
  for (Id w : {ws.id, other_ws.id}) {
    auto events = store->eventsAfter(w, 0, 100);
    ASSERT_EQ(events.size(), 6u) << "a conversation.created and five message.created";
    for (std::size_t i = 0; i < events.size(); ++i) EXPECT_EQ(events[i].event.offset, static_cast<std::int64_t>(i + 1));
  }
}

// Text PostgreSQL cannot store (a NUL, invalid UTF-8) is the entry's own fault: it comes back
// Invalid with a sentence, and the rest of the batch is stored (the careful path, one savepoint per
// entry). SQLite stores such text as given, so this is PostgreSQL's test.
TEST_F(PostgresStoreTest, TextPostgresCannotStoreFailsOnlyItsEntry) {
  Contact c = contact("t");
  Agent a = agent("a@example.com");
  const Conversation conv = start(c, 1000);
  std::vector<NewMessage> batch{agentMsg(a, conv.id, "before", 2000),
                                agentMsg(a, conv.id, std::string("nul\0inside", 10), 2001),
                                agentMsg(a, conv.id, "bad \xff utf-8", 2002), agentMsg(a, conv.id, "after", 2003)};
  auto r = store->appendMessages(batch);
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[0].status, AppendResult::Status::Ok);
  EXPECT_EQ(r[1].status, AppendResult::Status::Invalid);
  EXPECT_EQ(r[1].error, "text must not contain NUL characters");
  EXPECT_EQ(r[2].status, AppendResult::Status::Invalid);
  EXPECT_EQ(r[2].error, "text must be valid UTF-8");
  EXPECT_EQ(r[3].status, AppendResult::Status::Ok);
  EXPECT_EQ(r[3].message.seq, 3) << "no seq is burnt by a refused entry";
  auto stored = store->messagesAfter(ws.id, conv.id, 1, 10, true);
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].body, "before");
  EXPECT_EQ(stored[1].body, "after");
  EXPECT_EQ(store->eventsAfter(ws.id, r[0].offset - 1, 10).size(), 2u) << "no event for a refused entry";
}

}  // namespace
}  // namespace parley::test
