// Auto-assignment respects capacities over 100 (it counted an agent's open conversations with one page of
// 100, so an agent with capacity 120 and 130 open conversations was never full).
#include "bus/bus.h"
#include "app/auto_assigner.h"
#include "bus/event_publisher.h"
#include "bus/hub.h"
#include "store_fixture.h"

namespace parley::test {
namespace {

using AutoAssignerCapacity = BackendStoreTest;

TEST_P(AutoAssignerCapacity, AnAgentAtACapacityOver100IsFull) {
  Agent a = agent("busy@example.com");
  a.capacity = 101;
  store->updateAgent(a);
  Hub hub;
  LocalBus bus(hub);
  EventPublisher events(bus);
  PresenceTracker presence;
  presence.agentConnected(ws.id, a.id);
  AutoAssigner assigner(*store, presence, events);

  auto openOne = [&](int i) {
    auto c = contact("tok" + std::to_string(i));
    return start(c, 10'000 + i);
  };
  for (int i = 0; i < 101; ++i) {
    auto conv = openOne(i);
    assigner.onConversationCreated(conv);
    ASSERT_EQ(store->conversationById(ws.id, conv.id)->assignee_id, a.id) << i << ": below capacity";
  }
  auto overflow = openOne(101);
  assigner.onConversationCreated(overflow);
  EXPECT_FALSE(store->conversationById(ws.id, overflow.id)->assignee_id) << "101 open of 101: full";
}

PARLEY_ON_EVERY_STORE_BACKEND(AutoAssignerCapacity);

}  // namespace
}  // namespace parley::test
