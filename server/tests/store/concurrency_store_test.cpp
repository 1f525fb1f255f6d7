// Many threads on one store, and two store instances on one database (two processes, or two
// nodes of a cluster): seqs stay gap-free, offsets keep growing and are read in commit order.
#include <atomic>
#include <barrier>
#include <iostream>
#include <map>
#include <set>
#include <thread>

#include "store_fixture.h"

namespace parley::test {
namespace {

using ConcurrencyTest = BackendStoreTest;

TEST_P(ConcurrencyTest, ParallelAppendsGetDistinctContiguousSeqs) {
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

TEST_P(ConcurrencyTest, AnotherInstanceSeesCommits) {
  // `parley migrate`, a second process or another node may open the database while the server runs.
  auto other = another();
  EXPECT_EQ(other->epoch(), store->epoch());
  Contact c = contact("t");
  Conversation conv = start(c, 1000);
  EXPECT_EQ(other->conversationById(ws.id, conv.id)->last_seq, 1);
  Agent a = agent("a@example.com");
  NewMessage m = agentMsg(a, conv.id, "from the other instance", 2000);
  EXPECT_EQ(other->appendMessages(std::span<const NewMessage>(&m, 1)).at(0).message.seq, 2);
  EXPECT_EQ(store->messagesAfter(ws.id, conv.id, 1, 10, true).at(0).body, "from the other instance");
}

// An ended session must reach every node: another instance's changesFromOtherProcesses moves when
// sessions are deleted or an agent's access changes (SessionWatcher then re-checks its sockets), and
// stays put for writes that end nothing (so a busy chat does not re-check every socket).
TEST_P(ConcurrencyTest, EndedSessionsAreNoticedByAnotherInstance) {
  auto other = another();
  Agent a = agent("watch@example.com");
  store->createAgentSession("h1", a.id, 10'000'000);
  store->createAgentSession("h2", a.id, 10'000'000);
  auto seen = other->changesFromOtherProcesses();
  store->deleteAgentSession("h1");
  auto afterLogout = other->changesFromOtherProcesses();
  EXPECT_NE(afterLogout, seen) << "a logout on one node";
  a.active = false;
  store->updateAgent(a);
  auto afterDeactivation = other->changesFromOtherProcesses();
  EXPECT_NE(afterDeactivation, afterLogout) << "a deactivation on one node";
  if (!GetParam().needs_postgres) return;  // SQLite's counter moves on any commit of another connection
  Contact c = contact("busy");
  start(c, 1000);
  a.name = "Renamed";
  store->updateAgent(a);
  EXPECT_EQ(other->changesFromOtherProcesses(), afterDeactivation) << "messages and a rename end no session";
  store->deleteAgentSessions(a.id);
  EXPECT_NE(other->changesFromOtherProcesses(), afterDeactivation);
}

// Two instances append to one conversation from two threads at once (batches of 1 to 4, some
// resent), while a third thread resumes from the event log as an agent would. Every seq 1..N is
// taken exactly once; the resumed reader, which only ever asks for "after the last offset I
// saw", still gets every event exactly once and in offset order: no event with a smaller offset
// commits after a larger one became visible.
TEST_P(ConcurrencyTest, TwoInstancesAppendToOneConversation) {
  Contact c = contact("t");
  Agent a = agent("a@example.com");
  const Id conv = start(c, 1000).id;
  std::unique_ptr<Store> instances[2] = {another(), another()};
  constexpr int kPerWriter = 150;
  std::atomic<int> failures{0}, duplicates{0};
  std::atomic<bool> writing{true};
  std::barrier go(3);
  std::atomic<int> resends{0};
  auto writer = [&](int w) {
    Store& s = *instances[w];
    go.arrive_and_wait();
    int batches = 0;
    try {
      for (int i = 0; i < kPerWriter; ++batches) {
        std::vector<NewMessage> batch;
        for (int k = 0; k < 1 + batches % 4 && i < kPerWriter; ++k, ++i) {
          const std::string id = std::to_string(w) + "-" + std::to_string(i);
          if (i % 2) batch.push_back(agentMsg(a, conv, "agent " + id, 2000 + i, i % 10 == 1, id));
          else batch.push_back(visitorMsg(c, conv, "visitor " + id, 2000 + i, id));
        }
        for (auto& r : s.appendMessages(batch)) failures += r.status != AppendResult::Status::Ok;
        // A resend of the batch's first entry, as a client that lost the ack would: stored once.
        for (auto& r : s.appendMessages(std::span<const NewMessage>(batch.data(), 1)))
          duplicates += r.status == AppendResult::Status::Duplicate;
      }
    } catch (const std::exception& e) {
      ADD_FAILURE() << "writer " << w << ": " << e.what();
    }
    resends += batches;
  };
  std::vector<std::int64_t> resumed;  // offsets in the order the reader got them
  std::thread reader([&] {
    go.arrive_and_wait();
    std::int64_t after = 0;
    auto drain = [&] {
      for (auto& e : store->eventsAfter(ws.id, after, 1000)) {
        resumed.push_back(e.event.offset);
        after = e.event.offset;
      }
    };
    while (writing) drain();
    drain();
  });
  std::thread w0(writer, 0), w1(writer, 1);
  w0.join();
  w1.join();
  writing = false;
  reader.join();

  EXPECT_EQ(failures.load(), 0);
  const int total = 1 + 2 * kPerWriter;
  EXPECT_EQ(duplicates.load(), resends.load()) << "every resend found its first message";
  auto msgs = store->messagesAfter(ws.id, conv, 0, 5000, true);
  ASSERT_EQ(msgs.size(), static_cast<std::size_t>(total));
  std::set<std::string> client_ids;
  for (std::size_t i = 0; i < msgs.size(); ++i) {
    EXPECT_EQ(msgs[i].seq, static_cast<std::int64_t>(i + 1));
    if (msgs[i].client_id) EXPECT_TRUE(client_ids.insert(*msgs[i].client_id).second) << *msgs[i].client_id;
  }
  auto visible = store->messagesAfter(ws.id, conv, 0, 5000, false);
  for (std::size_t i = 0; i < visible.size(); ++i) EXPECT_EQ(visible[i].visitor_seq, static_cast<std::int64_t>(i + 1));
  EXPECT_EQ(store->conversationById(ws.id, conv)->last_seq, total);

  // The log read from 0 in one go, and the reader's resumed reads: the same events, once each.
  auto all = store->eventsAfter(ws.id, 0, 10000);
  ASSERT_EQ(all.size(), static_cast<std::size_t>(total + 1)) << "one per message, and the conversation's creation";
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_LT(all[i - 1].event.offset, all[i].event.offset);
  std::vector<std::int64_t> logged;
  for (auto& e : all) logged.push_back(e.event.offset);
  EXPECT_EQ(resumed, logged) << "the resuming reader missed or repeated an event";
  std::map<Id, int> per_message;
  for (auto& e : all)
    if (e.message) per_message[e.message->id]++;
  EXPECT_EQ(per_message.size(), static_cast<std::size_t>(total));
  std::cout << "[ figures  ] " << GetParam().name << ": " << total << " messages, seqs 1.." << msgs.back().seq
            << ", " << duplicates.load() << " resends stored once, " << all.size() << " events, reader resumed "
            << resumed.size() << " events\n";
}

// The commit-order guarantee where no conversation lock helps: two instances write two different
// conversations of one workspace (and a third instance patches a third one), each in its own
// transactions, while a reader resumes from "the last offset I saw" as fast as it can. With offsets
// from a plain sequence, one writer could commit offset 8 before the other commits 7, and a reader
// that had seen 8 would never get 7; here the resumed reads must equal the whole log.
TEST_P(ConcurrencyTest, ResumingReadersMissNothingWhileInstancesWriteDifferentConversations) {
  Agent a = agent("a@example.com");
  const Conversation convs[2] = {start(contact("c0"), 1000), start(contact("c1"), 1000)};
  const Conversation patched = start(contact("c2"), 1000);
  std::unique_ptr<Store> instances[3] = {another(), another(), another()};
  constexpr int kBatches = 120;
  std::atomic<int> failures{0}, running{3};
  std::barrier go(4);
  auto writer = [&](int w) {
    go.arrive_and_wait();
    try {
      for (int i = 0; i < kBatches; ++i) {
        std::vector<NewMessage> batch;
        for (int k = 0; k < 1 + i % 3; ++k) batch.push_back(agentMsg(a, convs[w].id, "m", 2000 + i));
        for (auto& r : instances[w]->appendMessages(batch)) failures += r.status != AppendResult::Status::Ok;
      }
    } catch (const std::exception& e) {
      ADD_FAILURE() << "writer " << w << ": " << e.what();
    }
    running--;
  };
  auto patcher = [&] {
    go.arrive_and_wait();
    try {
      for (int i = 0; i < kBatches; ++i) {
        auto p = priorityPatch(i % 2 ? Priority::High : Priority::Low);
        if (!instances[2]->updateConversation(ws.id, patched.id, p, 3000 + i)) failures++;
      }
    } catch (const std::exception& e) {
      ADD_FAILURE() << "patcher: " << e.what();
    }
    running--;
  };
  std::vector<std::int64_t> resumed;
  int reads_while_writing = 0;
  std::thread reader([&] {
    go.arrive_and_wait();
    std::int64_t after = 0;
    auto drain = [&] {
      auto events = store->eventsAfter(ws.id, after, 1000);
      for (auto& e : events) {
        resumed.push_back(e.event.offset);
        after = e.event.offset;
      }
      return !events.empty();
    };
    while (running > 0) reads_while_writing += drain();
    while (drain()) {
    }
  });
  std::thread w0(writer, 0), w1(writer, 1), p(patcher);
  w0.join();
  w1.join();
  p.join();
  reader.join();

  EXPECT_EQ(failures.load(), 0);
  auto all = store->eventsAfter(ws.id, 0, 10000);
  std::vector<std::int64_t> logged;
  for (auto& e : all) logged.push_back(e.event.offset);
  const std::size_t messages = 2 * (kBatches / 3) * (1 + 2 + 3);
  ASSERT_EQ(all.size(), 3 * 2 + messages + kBatches) << "3 conversations opened, the messages, the patches";
  EXPECT_EQ(resumed, logged) << "a resuming reader missed or repeated an event";
  EXPECT_GT(reads_while_writing, 1) << "the reader never read while the writers wrote";
  for (const auto& conv : convs) {
    auto msgs = store->messagesAfter(ws.id, conv.id, 0, 5000, true);
    ASSERT_EQ(msgs.size(), 1 + messages / 2);
    for (std::size_t i = 0; i < msgs.size(); ++i) EXPECT_EQ(msgs[i].seq, static_cast<std::int64_t>(i + 1));
  }
  std::cout << "[ figures  ] " << GetParam().name << ": " << all.size() << " events from 3 instances, "
            << reads_while_writing << " resumed reads returned events while they wrote, "
            << resumed.size() << " of " << logged.size() << " events resumed\n";
}

// A client that did not hear its ack resends through another node while the first is still
// storing: the same client_id reaches two instances at once. One stores it, the other answers
// Duplicate with the same message.
TEST_P(ConcurrencyTest, AResendRacingItsFirstSendOnAnotherInstanceIsStoredOnce) {
  Contact c = contact("t");
  const Conversation conv = start(c, 1000);
  std::unique_ptr<Store> instances[2] = {another(), another()};
  constexpr int kSends = 60;
  std::vector<AppendResult> got[2];
  std::barrier go(2);
  auto sender = [&](int w) {
    try {
      for (int i = 0; i < kSends; ++i) {
        // Every other send opens no conversation id: the visitor's first send of a new widget.
        NewMessage m = visitorMsg(c, i % 2 ? conv.id : 0, "msg " + std::to_string(i), 2000 + i, "c-" + std::to_string(i));
        go.arrive_and_wait();
        got[w].push_back(instances[w]->appendMessages(std::span<const NewMessage>(&m, 1)).at(0));
      }
    } catch (const std::exception& e) {
      ADD_FAILURE() << "sender " << w << ": " << e.what();
    }
  };
  std::thread s0(sender, 0), s1(sender, 1);
  s0.join();
  s1.join();
  ASSERT_EQ(got[0].size(), static_cast<std::size_t>(kSends));
  ASSERT_EQ(got[1].size(), static_cast<std::size_t>(kSends));
  for (int i = 0; i < kSends; ++i) {
    const auto& a = got[0][i];
    const auto& b = got[1][i];
    const int stored = (a.status == AppendResult::Status::Ok) + (b.status == AppendResult::Status::Ok);
    const int duplicate = (a.status == AppendResult::Status::Duplicate) + (b.status == AppendResult::Status::Duplicate);
    EXPECT_EQ(stored, 1) << "send " << i << ": " << a.error << b.error;
    EXPECT_EQ(duplicate, 1) << "send " << i;
    EXPECT_EQ(a.message.id, b.message.id) << "send " << i << ": both answers name the one message";
  }
  auto msgs = store->messagesAfter(ws.id, conv.id, 0, 1000, true);
  ASSERT_EQ(msgs.size(), static_cast<std::size_t>(1 + kSends));
  for (std::size_t i = 0; i < msgs.size(); ++i) EXPECT_EQ(msgs[i].seq, static_cast<std::int64_t>(i + 1));
}

PARLEY_ON_EVERY_STORE_BACKEND(ConcurrencyTest);

}  // namespace
}  // namespace parley::test
