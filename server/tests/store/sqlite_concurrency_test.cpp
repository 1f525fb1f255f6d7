// Many threads on one store: every method locks, seqs stay gap-free, offsets keep growing.
#include <atomic>
#include <thread>

#include "store_fixture.h"

namespace parley::test {
namespace {

using ConcurrencyTest = StoreTest;

TEST_F(ConcurrencyTest, ParallelAppendsGetDistinctContiguousSeqs) {
  Contact c = contact("t");
  Agent a = agent("a@example.com");
  Conversation conv = start(c, 1000);
  constexpr int kThreads = 4;
  constexpr int kPerThread = 50;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        // Alternate single sends and small batches, like MessageWriter under varying load.
        std::vector<NewMessage> batch{agentMsg(a, conv.id, "m", 2000 + i, false, std::to_string(t) + "-" + std::to_string(i))};
        if (i % 5 == 0) batch.push_back(visitorMsg(c, conv.id, "v", 2000 + i, "v" + std::to_string(t) + "-" + std::to_string(i)));
        for (auto& r : store->appendMessages(batch)) {
          if (r.status != AppendResult::Status::Ok) failures++;
        }
      }
    });
  }
  std::thread reader([&] {
    std::int64_t after = 0;
    for (int i = 0; i < 100; ++i) {
      for (auto& e : store->eventsAfter(ws.id, after, 1000)) {
        if (e.event.offset <= after) failures++;
        after = e.event.offset;
      }
      store->listConversations(ws.id, {});
    }
  });
  for (auto& t : threads) t.join();
  reader.join();
  EXPECT_EQ(failures.load(), 0);

  auto msgs = store->messagesAfter(ws.id, conv.id, 0, 5000, true);
  std::size_t expected = 1 + kThreads * kPerThread + kThreads * (kPerThread / 5);
  ASSERT_EQ(msgs.size(), expected);
  for (std::size_t i = 0; i < msgs.size(); ++i) EXPECT_EQ(msgs[i].seq, static_cast<std::int64_t>(i + 1));
  EXPECT_EQ(store->conversationById(ws.id, conv.id)->last_seq, static_cast<std::int64_t>(expected));
}

TEST_F(ConcurrencyTest, SecondConnectionToTheSameFileSeesCommits) {
  // `parley migrate` or a second process may open the file while the server runs.
  SqliteStore other(path_);
  EXPECT_EQ(other.epoch(), store->epoch());
  Contact c = contact("t");
  Conversation conv = start(c, 1000);
  EXPECT_EQ(other.conversationById(ws.id, conv.id)->last_seq, 1);
  Agent a = agent("a@example.com");
  NewMessage m = agentMsg(a, conv.id, "from the other connection", 2000);
  EXPECT_EQ(other.appendMessages(std::span<const NewMessage>(&m, 1)).at(0).message.seq, 2);
  EXPECT_EQ(store->messagesAfter(ws.id, conv.id, 1, 10, true).at(0).body, "from the other connection");
}

}  // namespace
}  // namespace parley::test
