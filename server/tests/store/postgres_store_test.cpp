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

}  // namespace
}  // namespace parley::test
