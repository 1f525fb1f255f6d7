// MessageWriter over a real SQLite file: batches are committed on one thread and made durable on
// another; no sender may hear "stored" before the fsync that covers its commit.
#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "app/message_writer.h"
#include "store_fixture.h"

namespace parley::test {
namespace {

// The real store, with a record of which commit each message was in and which commits an fsync
// has covered.
class ObservedStore : public SqliteStore {
 public:
  using SqliteStore::SqliteStore;

  std::vector<AppendResult> appendMessagesUnsynced(std::span<const NewMessage> batch) override {
    auto results = SqliteStore::appendMessagesUnsynced(batch);
    std::lock_guard lock(mu);
    const int commit = ++commits;
    for (const auto& r : results)
      if (r.status == AppendResult::Status::Ok) commit_of[r.message.id] = commit;
    return results;
  }

  void syncCommitted() override {
    int covered;
    {
      std::lock_guard lock(mu);
      covered = commits;
    }
    SqliteStore::syncCommitted();
    durable_upto.store(covered);
    syncs++;
  }

  int commitOf(Id message_id) {
    std::lock_guard lock(mu);
    auto it = commit_of.find(message_id);
    return it == commit_of.end() ? -1 : it->second;
  }

  std::mutex mu;
  int commits = 0;
  std::map<Id, int> commit_of;
  std::atomic<int> durable_upto{0};
  std::atomic<int> syncs{0};
};

using MessageWriterTest = StoreTest;

TEST_F(MessageWriterTest, EverySenderHearsOnlyAfterTheFsyncCoveringItsCommit) {
  Contact c = contact("t");
  Agent a = agent("a@example.com");
  const Id conv = start(c, 1000).id;
  Id ws_id = ws.id;
  store.reset();
  ObservedStore observed(path_);
  std::atomic<int> answered{0}, early{0}, failed{0};
  {
    MessageWriter writer(observed);
    std::vector<std::thread> senders;
    for (int t = 0; t < 4; ++t) {
      senders.emplace_back([&, t] {
        for (int i = 0; i < 100; ++i) {
          NewMessage m;
          m.workspace_id = ws_id;
          m.conversation_id = conv;
          m.sender_type = SenderType::Agent;
          m.sender_id = a.id;
          m.body = "m" + std::to_string(t) + "-" + std::to_string(i);
          m.created_at = 2000 + i;
          writer.submit(std::move(m), [&](const AppendResult& r) {
            if (r.status != AppendResult::Status::Ok) {
              failed++;
            } else if (observed.commitOf(r.message.id) > observed.durable_upto.load()) {
              early++;
            }
            answered++;
          });
        }
      });
    }
    for (auto& s : senders) s.join();
    writer.stop();
  }
  EXPECT_EQ(answered.load(), 400);
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(early.load(), 0) << "a sender heard 'stored' before its commit was fsynced";
  EXPECT_GE(observed.syncs.load(), 1);
  EXPECT_LE(observed.syncs.load(), observed.commits) << "one fsync may cover several commits, never fewer";
  EXPECT_EQ(observed.messagesAfter(ws_id, conv, 0, 1000, true).size(), 401u);
}

TEST_F(MessageWriterTest, StopCommitsAndAnswersWhatIsQueued) {
  Contact c = contact("t");
  const Id conv = start(c, 1000).id;
  std::atomic<int> ok{0};
  {
    MessageWriter writer(*store);
    for (int i = 0; i < 50; ++i) {
      writer.submit(visitorMsg(c, conv, "q" + std::to_string(i), 2000 + i), [&](const AppendResult& r) {
        if (r.status == AppendResult::Status::Ok) ok++;
      });
    }
    writer.stop();
  }
  EXPECT_EQ(ok.load(), 50);
  EXPECT_EQ(store->messagesAfter(ws.id, conv, 0, 1000, true).size(), 51u);
}

}  // namespace
}  // namespace parley::test
