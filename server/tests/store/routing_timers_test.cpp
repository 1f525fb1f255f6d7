// Routing end to end below the server, on every backend with a fake clock: a rule routes a new
// chat to a team (ConversationRouter), auto-assignment picks an online member of it or falls back
// as the team says, and the routing timers hand chats back and remind (RoutingTimers::runOnce).
#include "app/auto_assigner.h"
#include "app/conversation_actions.h"
#include "app/conversation_router.h"
#include "app/routing_timers.h"
#include "bus/bus.h"
#include "bus/hub.h"
#include "fake_connection.h"
#include "store_fixture.h"

namespace parley::test {
namespace {

class Routing : public BackendStoreTest {
 protected:
  void SetUp() override {
    BackendStoreTest::SetUp();
    if (notSetUp()) return;
    events = std::make_unique<EventPublisher>(bus);
    actions = std::make_unique<ConversationActions>(*store, *store, *events);
    assigner = std::make_unique<AutoAssigner>(*store, presence, *events, [this] { return now; });
    router = std::make_unique<ConversationRouter>(*store, *store, *actions);
    timers = std::make_unique<RoutingTimers>(*store, presence, *assigner, *events,
                                             RoutingTimers::Options{.period = std::chrono::milliseconds(0),
                                                                    .offline_grace = 30'000,
                                                                    .clock = [this] { return now; }});
    sam = agent("sam@example.com");
    kim = agent("kim@example.com");
    lee = agent("lee@example.com");  // not in the team
    support = store->createTeam(ws.id, "Support");
    store->setTeamMembers(ws.id, support.id, {sam.id, kim.id});
    RoutingRule r;
    r.workspace_id = ws.id;
    r.name = "Billing to support";
    r.conditions = {RoutingCondition{RoutingField::Field, "Topic", "Billing"}};
    r.team_id = support.id;
    r.priority = Priority::High;
    r.tags = {"billing"};
    store->createRoutingRule(r);
  }
  void TearDown() override {
    timers.reset();
    router.reset();
    assigner.reset();
    actions.reset();
    events.reset();
    BackendStoreTest::TearDown();
  }

  // A visitor who answered the pre-chat form starts a chat; routed and assigned as the server does.
  Conversation newChat(const std::string& token, const std::string& topic, Millis at) {
    auto c = contact(token);
    c.attributes_json = R"({"Topic":")" + topic + R"("})";
    store->updateContact(c);
    auto conv = start(c, at);
    assigner->onConversationCreated(router->route(conv));
    return *store->conversationById(ws.id, conv.id);
  }

  void setTeam(std::function<void(TeamRouting&)> edit, Id team_id) {
    auto t = store->teamRouting(ws.id, team_id);
    edit(t);
    store->setTeamRouting(t);
  }

  Hub hub;
  LocalBus bus{hub};
  PresenceTracker presence;
  std::unique_ptr<EventPublisher> events;
  std::unique_ptr<ConversationActions> actions;
  std::unique_ptr<AutoAssigner> assigner;
  std::unique_ptr<ConversationRouter> router;
  std::unique_ptr<RoutingTimers> timers;
  Millis now = 1'000'000;
  Agent sam, kim, lee;
  Team support;
};

TEST_P(Routing, AMatchingRuleGivesTeamPriorityTagsAndAnOnlineTeamMember) {
  presence.agentConnected(ws.id, lee.id);
  presence.agentConnected(ws.id, kim.id);
  auto agentScreen = std::make_shared<FakeConnection>();
  hub.subscribe(Hub::agentsTopic(ws.id), agentScreen);
  auto c = newChat("t1", "billing", 10'000);
  auto live = agentScreen->next("conversation.updated");
  ASSERT_TRUE(live) << "agents see the routing live";
  EXPECT_EQ(live->at("conversation").at("team_id").as_int64(), support.id);
  EXPECT_EQ(c.team_id, support.id);
  EXPECT_EQ(c.priority, Priority::High);
  EXPECT_EQ(c.tags, (std::vector<std::string>{"billing"}));
  EXPECT_EQ(c.assignee_id, kim.id) << "the online member of the team, not lee (lower id, online, not in it)";
  auto other = newChat("t2", "Sales", 11'000);
  EXPECT_EQ(other.team_id, std::nullopt) << "no rule matched";
  EXPECT_EQ(other.priority, Priority::None);
  EXPECT_TRUE(other.assignee_id) << "assigned in the workspace as before";
}

TEST_P(Routing, NobodyOfTheTeamOnlineFallsBackToTheWorkspaceOrWaitsInTheQueue) {
  presence.agentConnected(ws.id, lee.id);
  auto c = newChat("t1", "Billing", 10'000);
  EXPECT_EQ(c.team_id, support.id);
  EXPECT_EQ(c.assignee_id, lee.id) << "fallback: workspace (the default)";
  setTeam([](TeamRouting& t) { t.fallback = TeamFallback::Queue; }, support.id);
  auto queued = newChat("t2", "Billing", 11'000);
  EXPECT_EQ(queued.team_id, support.id);
  EXPECT_EQ(queued.assignee_id, std::nullopt) << "fallback: the team's queue";
}

TEST_P(Routing, AChatIsHandedBackWhenItsAgentStaysOfflinePastTheGrace) {
  setTeam([](TeamRouting& t) { t.reassign_offline = true; }, support.id);
  presence.agentConnected(ws.id, sam.id);
  auto c = newChat("t1", "Billing", 10'000);
  ASSERT_EQ(c.assignee_id, sam.id);
  presence.agentConnected(ws.id, kim.id);
  presence.agentDisconnected(ws.id, sam.id);

  EXPECT_EQ(timers->runOnce().handed_back, 0u) << "offline for 0 s: maybe a reload";
  now += 29'999;
  EXPECT_EQ(timers->runOnce().handed_back, 0u);
  now += 1;
  EXPECT_EQ(timers->runOnce().handed_back, 1u);
  EXPECT_EQ(store->conversationById(ws.id, c.id)->assignee_id, kim.id) << "on to the next agent, not back to sam";
  now += 60'000;
  EXPECT_EQ(timers->runOnce().handed_back, 0u) << "kim is online: stays";
}

TEST_P(Routing, AnAgentBackBeforeTheGraceKeepsTheChat) {
  setTeam([](TeamRouting& t) { t.reassign_offline = true; }, support.id);
  presence.agentConnected(ws.id, sam.id);
  auto c = newChat("t1", "Billing", 10'000);
  presence.agentDisconnected(ws.id, sam.id);
  timers->runOnce();
  now += 20'000;
  presence.agentConnected(ws.id, sam.id);  // the page reloaded
  timers->runOnce();
  now += 20'000;
  presence.agentDisconnected(ws.id, sam.id);
  EXPECT_EQ(timers->runOnce().handed_back, 0u) << "the offline count started again";
  EXPECT_EQ(store->conversationById(ws.id, c.id)->assignee_id, sam.id);
}

TEST_P(Routing, AChatWithoutAReplyForNMinutesGoesToTheNextAgent) {
  setTeam([](TeamRouting& t) { t.reassign_after_minutes = 2; }, support.id);
  presence.agentConnected(ws.id, sam.id);
  presence.agentConnected(ws.id, kim.id);
  now = 10'000;
  auto c = newChat("t1", "Billing", now);
  const Id first = *c.assignee_id;
  now += 119'000;
  EXPECT_EQ(timers->runOnce().handed_back, 0u);
  now += 1'000;
  EXPECT_EQ(timers->runOnce().handed_back, 1u);
  auto after = *store->conversationById(ws.id, c.id);
  ASSERT_TRUE(after.assignee_id);
  EXPECT_NE(*after.assignee_id, first);
  // The new agent's two minutes start now, not when the visitor started waiting.
  now += 60'000;
  EXPECT_EQ(timers->runOnce().handed_back, 0u);
  // A reply ends the wait: never handed back.
  append(agentMsg(*after.assignee_id == sam.id ? sam : kim, c.id, "On it", now));
  now += 600'000;
  EXPECT_EQ(timers->runOnce().handed_back, 0u);
}

TEST_P(Routing, AnUnansweredChatRemindsTheTeamOnce) {
  setTeam([](TeamRouting& t) { t.remind_after_seconds = 45; }, support.id);
  now = 100'000;
  auto c = newChat("t1", "Billing", now);  // nobody online: waits unassigned
  ASSERT_EQ(c.team_id, support.id);
  auto agentScreen = std::make_shared<FakeConnection>();
  hub.subscribe(Hub::agentsTopic(ws.id), agentScreen);
  now += 44'999;
  EXPECT_EQ(timers->runOnce().reminded, 0u);
  now += 1;
  EXPECT_EQ(timers->runOnce().reminded, 1u);
  auto frame = agentScreen->next("conversation.unattended");
  ASSERT_TRUE(frame) << "agents' screens are told";
  EXPECT_EQ(frame->at("conversation").at("id").as_int64(), c.id);
  EXPECT_EQ(frame->at("waiting_ms").as_int64(), 45'000);
  now += 60'000;
  EXPECT_EQ(timers->runOnce().reminded, 0u) << "once";
}

// Chats that came while nobody was online wait in the queue; an agent coming online is offered
// them on the next pass, oldest wait first, up to their capacity; the team's queue waits for a
// member of the team.
TEST_P(Routing, AnAgentComingOnlineGetsTheChatsThatWaitedInTheQueue) {
  EXPECT_EQ(timers->runOnce().dequeued, 0u) << "nobody online, nothing to offer";
  auto first = newChat("t1", "Sales", 10'000);
  auto second = newChat("t2", "Sales", 11'000);
  auto billing = newChat("t3", "Billing", 12'000);  // support's chat; the team keeps a queue
  setTeam([](TeamRouting& t) { t.fallback = TeamFallback::Queue; }, support.id);
  auto answered = newChat("t4", "Sales", 9'000);
  NewMessage reply;
  reply.workspace_id = ws.id;
  reply.conversation_id = answered.id;
  reply.contact_id = answered.contact_id;
  reply.sender_type = SenderType::Agent;
  reply.sender_id = sam.id;
  reply.client_id = "r";
  reply.body = "On it";
  reply.created_at = 13'000;
  ASSERT_EQ(store->appendMessages(std::vector<NewMessage>{reply})[0].status, AppendResult::Status::Ok);
  for (const auto& c : {first, second, billing, answered}) ASSERT_FALSE(c.assignee_id);
  EXPECT_EQ(timers->runOnce().dequeued, 0u);

  Agent one = store->agentById(ws.id, lee.id).value();
  one.capacity = 1;
  store->updateAgent(one);
  presence.agentConnected(ws.id, lee.id);
  EXPECT_EQ(timers->runOnce().dequeued, 1u);
  EXPECT_EQ(store->conversationById(ws.id, first.id)->assignee_id, lee.id) << "the oldest wait first";
  EXPECT_FALSE(store->conversationById(ws.id, second.id)->assignee_id) << "lee is full";
  EXPECT_FALSE(store->conversationById(ws.id, billing.id)->assignee_id) << "support's queue waits for support";
  EXPECT_FALSE(store->conversationById(ws.id, answered.id)->assignee_id) << "nobody waits in it";
  EXPECT_EQ(timers->runOnce().dequeued, 0u) << "offered when someone arrives, not on every pass";

  presence.agentConnected(ws.id, kim.id);
  EXPECT_EQ(timers->runOnce().dequeued, 2u);
  EXPECT_EQ(store->conversationById(ws.id, billing.id)->assignee_id, kim.id) << "billing waited longer";
  EXPECT_EQ(store->conversationById(ws.id, second.id)->assignee_id, kim.id);
}

PARLEY_ON_EVERY_STORE_BACKEND(Routing);

}  // namespace
}  // namespace parley::test
