// Work that every node may try at the same moment and only one may do, claimed by the store
// (ConversationStore::wakeDueSnoozed, assignIfUnderCapacity; docs/scaling.md "Background jobs").
// Two store instances on one database are two nodes, each with several threads.
#include <boost/json.hpp>

#include <algorithm>
#include <atomic>
#include <barrier>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

#include "app/auto_assigner.h"
#include "app/snooze_waker.h"
#include "bus/bus.h"
#include "bus/event_publisher.h"
#include "bus/hub.h"
#include "store_fixture.h"

namespace parley::test {
namespace {

// The agents' screen on one node: the conversation ids of the conversation.updated frames it got.
class UpdatesSeen final : public Connection {
 public:
  void send(Frame f) override {
    auto v = boost::json::parse(f->text).as_object();
    if (v.at("type").as_string() != "conversation.updated") return;
    std::lock_guard l(mu_);
    ids_.push_back(v.at("conversation").at("id").to_number<Id>());
  }
  void sendReplayed(Frame f) override { send(std::move(f)); }
  void close() override {}
  void end(std::uint16_t, std::string) override {}
  const std::string& peerIp() const override { return empty_; }
  const std::string& origin() const override { return empty_; }
  const std::string& userAgent() const override { return empty_; }
  const std::string& host() const override { return empty_; }
  std::vector<Id> ids() {
    std::lock_guard l(mu_);
    return ids_;
  }

 private:
  std::mutex mu_;
  std::vector<Id> ids_;
  std::string empty_;
};

// One node's fan-out: its own hub, with an agent's socket on the workspace.
struct NodeBus {
  explicit NodeBus(Id workspace_id) { hub.subscribe(Hub::agentsTopic(workspace_id), seen); }
  Hub hub;
  LocalBus bus{hub};
  EventPublisher events{bus};
  std::shared_ptr<UpdatesSeen> seen = std::make_shared<UpdatesSeen>();
};

class ClusterJobsTest : public BackendStoreTest {
 protected:
  // `n` new conversations of workspace `w`, each snoozed until `until`.
  std::vector<Id> snoozed(Id w, int n, Millis until, const std::string& prefix) {
    std::vector<Id> ids;
    for (int i = 0; i < n; ++i) {
      Id id = start(contact(prefix + std::to_string(i), w), 1000).id;
      EXPECT_TRUE(store->updateConversation(w, id, statusPatch(ConversationStatus::Snoozed, until), 2000));
      ids.push_back(id);
    }
    return ids;
  }

  std::vector<Id> opened(int n, const std::string& prefix) {
    std::vector<Id> ids;
    for (int i = 0; i < n; ++i) ids.push_back(start(contact(prefix + std::to_string(i)), 1000).id);
    return ids;
  }

  std::vector<Agent> agents(int n, int capacity) {
    std::vector<Agent> out;
    for (int i = 0; i < n; ++i) {
      Agent a = agent("agent" + std::to_string(i) + "@example.com");
      a.capacity = capacity;
      store->updateAgent(a);
      out.push_back(a);
    }
    return out;
  }

  // conversation.updated events logged in workspace `w` after `after`, per conversation.
  std::map<Id, int> updatesLogged(Id w, std::int64_t after) {
    std::map<Id, int> n;
    for (auto& e : store->eventsAfter(w, after, 10000))
      if (e.event.type == "conversation.updated") n[e.event.conversation_id]++;
    return n;
  }

  int openAssignedTo(Id agent_id) {
    ConversationFilter f;
    f.status = ConversationStatus::Open;
    f.assignee = ConversationFilter::Assignee::Id;
    f.assignee_id = agent_id;
    f.limit = 1000;
    return static_cast<int>(store->listConversations(ws.id, f).conversations.size());
  }
};

TEST_P(ClusterJobsTest, TwoInstancesWakeEachDueConversationOnce) {
  const Workspace other = workspace("Other");
  std::vector<Id> due = snoozed(ws.id, 40, 5000, "a");
  const std::vector<Id> due_other = snoozed(other.id, 20, 6000, "b");
  const Id later = snoozed(ws.id, 1, 50'000, "later").at(0);
  due.insert(due.end(), due_other.begin(), due_other.end());
  const std::int64_t before = store->lastOffset(ws.id), before_other = store->lastOffset(other.id);

  std::unique_ptr<Store> nodes[2] = {another(), another()};
  constexpr int kThreadsPerNode = 3;
  std::mutex mu;
  std::vector<ConversationChange> woken;
  int per_node[2] = {0, 0};
  std::barrier go(2 * kThreadsPerNode);
  auto waker = [&](int node) {
    go.arrive_and_wait();
    try {
      // Small passes, so that the threads claim from the same few due rows again and again.
      for (auto got = nodes[node]->wakeDueSnoozed(10'000, 3); !got.empty();
           got = nodes[node]->wakeDueSnoozed(10'000, 3)) {
        std::lock_guard l(mu);
        per_node[node] += static_cast<int>(got.size());
        woken.insert(woken.end(), got.begin(), got.end());
      }
    } catch (const std::exception& e) {
      ADD_FAILURE() << "node " << node << ": " << e.what();
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < 2 * kThreadsPerNode; ++t) threads.emplace_back(waker, t % 2);
  for (auto& t : threads) t.join();

  std::map<Id, int> times;
  for (const auto& change : woken) {
    times[change.conversation.id]++;
    EXPECT_EQ(change.conversation.status, ConversationStatus::Open);
    EXPECT_FALSE(change.conversation.snoozed_until);
  }
  for (Id id : due) EXPECT_EQ(times[id], 1) << "conversation " << id << " woken by the two nodes";
  EXPECT_EQ(woken.size(), due.size());
  for (Id id : due_other) EXPECT_EQ(store->conversationById(other.id, id)->status, ConversationStatus::Open);
  EXPECT_EQ(store->conversationById(ws.id, later)->status, ConversationStatus::Snoozed) << "not due yet";

  // One status change logged per conversation, the one whose offset the waking node got back.
  auto logged = updatesLogged(ws.id, before);
  for (auto& [id, n] : updatesLogged(other.id, before_other)) logged[id] += n;
  EXPECT_EQ(logged, times);
  std::int64_t max_offset = 0;
  for (const auto& change : woken)
    if (change.conversation.workspace_id == ws.id) max_offset = std::max(max_offset, change.offset);
  EXPECT_EQ(max_offset, store->lastOffset(ws.id));
  std::cout << "[ figures  ] " << GetParam().name << ": " << due.size() << " due conversations, node 0 woke "
            << per_node[0] << ", node 1 woke " << per_node[1] << "\n";
}

// The whole job on two nodes: only the node that woke a conversation tells its agents.
TEST_P(ClusterJobsTest, SnoozeWakersOnTwoNodesPublishEachWakeUpOnce) {
  const std::vector<Id> due = snoozed(ws.id, 30, 5000, "s");
  std::unique_ptr<Store> stores[2] = {another(), another()};
  NodeBus buses[2] = {NodeBus(ws.id), NodeBus(ws.id)};
  SnoozeWaker w0(*stores[0], buses[0].events, std::chrono::hours(1));  // passes run by hand below
  SnoozeWaker w1(*stores[1], buses[1].events, std::chrono::hours(1));
  SnoozeWaker* wakers[2] = {&w0, &w1};
  std::atomic<std::size_t> woke{0};
  std::barrier go(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      go.arrive_and_wait();
      try {
        while (auto n = wakers[t % 2]->wakeDue()) woke += n;
      } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(woke.load(), due.size());
  std::vector<Id> published = buses[0].seen->ids();
  const auto from_1 = buses[1].seen->ids();
  published.insert(published.end(), from_1.begin(), from_1.end());
  std::sort(published.begin(), published.end());
  EXPECT_EQ(published, due) << "one conversation.updated per conversation, across both nodes";
}

TEST_P(ClusterJobsTest, AssignIfUnderCapacityTakesTheFirstAgentWithRoom) {
  auto pool = agents(2, 1);
  const Agent& one = pool[0];
  Agent two = pool[1];
  two.capacity = 2;
  store->updateAgent(two);
  Agent gone = agent("gone@example.com");
  gone.active = false;
  store->updateAgent(gone);
  const Workspace other = workspace("Other");
  const Agent stranger = agent("stranger@example.com", other.id);
  const auto convs = opened(5, "c");

  std::int64_t before = store->lastOffset(ws.id);
  auto first = store->assignIfUnderCapacity(ws.id, convs[0], {gone.id, stranger.id, one.id, two.id}, 5000);
  ASSERT_TRUE(first) << "an inactive agent and another workspace's are passed over";
  EXPECT_EQ(first->conversation.assignee_id, one.id);
  EXPECT_EQ(first->conversation.updated_at, 5000);
  EXPECT_GT(first->offset, before);
  EXPECT_EQ(first->offset, store->lastOffset(ws.id));
  EXPECT_EQ(updatesLogged(ws.id, before), (std::map<Id, int>{{convs[0], 1}}));
  EXPECT_FALSE(store->assignIfUnderCapacity(ws.id, convs[0], {two.id}, 5001)) << "already assigned";
  EXPECT_EQ(store->conversationById(ws.id, convs[0])->assignee_id, one.id);

  EXPECT_EQ(store->assignIfUnderCapacity(ws.id, convs[1], {one.id, two.id}, 5002)->conversation.assignee_id, two.id)
      << "one is full";
  EXPECT_EQ(store->assignIfUnderCapacity(ws.id, convs[2], {one.id, two.id}, 5003)->conversation.assignee_id, two.id);
  before = store->lastOffset(ws.id);
  EXPECT_FALSE(store->assignIfUnderCapacity(ws.id, convs[3], {one.id, two.id}, 5004)) << "everyone is full";
  EXPECT_FALSE(store->assignIfUnderCapacity(ws.id, convs[3], {}, 5004));
  EXPECT_FALSE(store->assignIfUnderCapacity(ws.id, convs[3] + 1000, {one.id}, 5004)) << "no such conversation";
  EXPECT_FALSE(store->assignIfUnderCapacity(other.id, convs[3], {stranger.id}, 5004)) << "another workspace's";
  EXPECT_EQ(store->lastOffset(ws.id), before) << "nothing written";
  EXPECT_FALSE(store->conversationById(ws.id, convs[3])->assignee_id);

  // Only open conversations count: resolving one of two's makes room.
  store->updateConversation(ws.id, convs[1], statusPatch(ConversationStatus::Resolved), 6000);
  EXPECT_EQ(store->assignIfUnderCapacity(ws.id, convs[3], {one.id, two.id}, 6001)->conversation.assignee_id, two.id);
}

// Two nodes, two threads each, all trying every new conversation with a small pool of agents:
// each conversation is assigned at most once, and every agent ends with exactly its capacity.
TEST_P(ClusterJobsTest, TwoInstancesAssigningAtOnceNeverExceedCapacity) {
  constexpr int kCapacity = 2, kRounds = 3, kPerRound = 30, kThreads = 4;
  const auto pool = agents(4, kCapacity);
  std::unique_ptr<Store> nodes[2] = {another(), another()};
  int assigned_total = 0, most_open = 0;
  for (int round = 0; round < kRounds; ++round) {
    const auto convs = opened(kPerRound, "r" + std::to_string(round) + "-");
    const std::int64_t before = store->lastOffset(ws.id);
    std::mutex mu;
    std::vector<std::pair<Id, Id>> assigned;  // conversation, agent
    std::barrier go(kThreads);
    auto assigner = [&](int t) {
      Store& s = *nodes[t % 2];
      go.arrive_and_wait();
      try {
        for (int k = 0; k < kPerRound; ++k) {
          const Id conv = convs[(k + 7 * t) % kPerRound];
          // Each thread prefers the agents in another order, as each node's own rotation would.
          std::vector<Id> order;
          for (std::size_t j = 0; j < pool.size(); ++j) order.push_back(pool[(j + k + t) % pool.size()].id);
          if (auto change = s.assignIfUnderCapacity(ws.id, conv, order, 10'000 + k)) {
            std::lock_guard l(mu);
            assigned.emplace_back(conv, *change->conversation.assignee_id);
          }
        }
      } catch (const std::exception& e) {
        ADD_FAILURE() << "thread " << t << ": " << e.what();
      }
    };
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) threads.emplace_back(assigner, t);
    for (auto& t : threads) t.join();

    std::map<Id, int> times;
    for (auto& [conv, agent_id] : assigned) {
      times[conv]++;
      EXPECT_EQ(store->conversationById(ws.id, conv)->assignee_id, agent_id);
    }
    for (auto& [conv, n] : times) EXPECT_EQ(n, 1) << "round " << round << ": conversation " << conv << " assigned twice";
    for (const Agent& a : pool) {
      const int open = openAssignedTo(a.id);
      most_open = std::max(most_open, open);
      EXPECT_EQ(open, kCapacity) << "round " << round << ": agent " << a.id;
    }
    EXPECT_EQ(assigned.size(), pool.size() * kCapacity) << "round " << round;
    EXPECT_EQ(updatesLogged(ws.id, before), times) << "round " << round << ": one logged assignment each";
    assigned_total += static_cast<int>(assigned.size());
    // Resolved conversations leave the count: the next round fills the agents up again.
    for (auto& [conv, agent_id] : assigned)
      store->updateConversation(ws.id, conv, statusPatch(ConversationStatus::Resolved), 20'000);
  }
  std::cout << "[ figures  ] " << GetParam().name << ": " << kRounds << " rounds of " << kPerRound
            << " conversations tried by " << kThreads << " threads on 2 nodes, " << assigned_total
            << " assigned, at most " << most_open << " open per agent (capacity " << kCapacity << ")\n";
}

// AutoAssigner on two nodes, each seeing every agent online, each assigning the conversations that
// started on it: the agents fill up to their capacity and no further.
TEST_P(ClusterJobsTest, AutoAssignersOnTwoNodesStopAtCapacity) {
  constexpr int kCapacity = 2;
  const auto pool = agents(3, kCapacity);
  const auto convs = opened(20, "auto");
  std::unique_ptr<Store> stores[2] = {another(), another()};
  NodeBus buses[2] = {NodeBus(ws.id), NodeBus(ws.id)};
  PresenceTracker presence[2];
  for (auto& p : presence)
    for (const Agent& a : pool) p.agentConnected(ws.id, a.id);
  AutoAssigner a0(*stores[0], presence[0], buses[0].events);
  AutoAssigner a1(*stores[1], presence[1], buses[1].events);
  AutoAssigner* assigners[2] = {&a0, &a1};
  std::barrier go(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      go.arrive_and_wait();
      try {
        for (std::size_t i = t; i < convs.size(); i += 4)
          assigners[t % 2]->onConversationCreated(*stores[t % 2]->conversationById(ws.id, convs[i]));
      } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
      }
    });
  for (auto& t : threads) t.join();
  for (const Agent& a : pool) EXPECT_EQ(openAssignedTo(a.id), kCapacity) << "agent " << a.id;
  const auto updates = buses[0].seen->ids().size() + buses[1].seen->ids().size();
  EXPECT_EQ(updates, pool.size() * kCapacity) << "one conversation.updated per assignment";
}

PARLEY_ON_EVERY_STORE_BACKEND(ClusterJobsTest);

}  // namespace
}  // namespace parley::test
