// The campaign job (app/campaign_runner.h) on a real store and the real send path, on every
// backend: a campaign reaches the recipients who are online, the others when they come, and a
// crash between a message's commit and its recipient's mark sends nothing twice.
#include "app/campaign_runner.h"

#include <chrono>
#include <future>
#include <thread>

#include "domain/clock.h"
#include "store_fixture.h"

namespace parley::test {
namespace {

class CampaignRunnerTest : public BackendStoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (notSetUp()) return;
    writer = std::make_unique<MessageWriter>(*store);
    sender = std::make_unique<MessageSender>(*writer, after, limits);
  }
  void TearDown() override {
    runner.reset();
    if (writer) writer->stop();
    sender.reset();
    writer.reset();
    StoreTest::TearDown();
  }
  // A runner whose own thread never runs in the test: the test calls runOnce.
  std::unique_ptr<CampaignRunner> makeRunner() {
    return std::make_unique<CampaignRunner>(*store, *store, *store, presence, *sender,
                                            CampaignRunnerOptions{.tick = std::chrono::hours(1), .lease_ms = 60'000});
  }
  Campaign campaignToEveryone(const Agent& from) {
    Segment s;
    s.workspace_id = ws.id;
    s.name = "Everyone";
    s.created_at = s.updated_at = nowMillis();
    const Segment everyone = store->createSegment(s);
    Campaign c;
    c.workspace_id = ws.id;
    c.name = "Launch";
    c.segment_id = everyone.id;
    c.sender_agent_id = from.id;
    c.body = "We launched!";
    c.state = CampaignState::Scheduled;
    c.scheduled_at = nowMillis() - 1000;
    c.created_at = c.updated_at = nowMillis() - 2000;
    return store->createCampaign(c);
  }
  // Deliveries finish on the writer's thread after the pass: wait for the statistics.
  CampaignStats waitForDelivered(Id campaign_id, std::int64_t n) {
    CampaignStats stats;
    for (int i = 0; i < 200; ++i) {
      stats = store->campaignById(ws.id, campaign_id)->stats;
      if (stats.delivered >= n) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return stats;
  }
  std::vector<Message> campaignMessages(const Contact& c) {
    std::vector<Message> out;
    auto conv = store->openConversationForContact(ws.id, c.id);
    if (!conv) return out;
    for (auto& m : store->messagesAfter(ws.id, conv->id, 0, 100, true))
      if (m.body == "We launched!") out.push_back(m);
    return out;
  }

  AfterCommit after;
  VisitorLimits limits;
  PresenceTracker presence;
  std::unique_ptr<MessageWriter> writer;
  std::unique_ptr<MessageSender> sender;
  std::unique_ptr<CampaignRunner> runner;
};

TEST_P(CampaignRunnerTest, OnlineRecipientsGetItAtOnceAndOthersWhenTheyCome) {
  const Agent sara = agent("sara@example.com");
  const Contact online = contact("t-online"), away = contact("t-away");
  presence.visitorConnected(ws.id, online.id, nowMillis());
  const Campaign c = campaignToEveryone(sara);
  runner = makeRunner();

  EXPECT_EQ(runner->runOnce(), 1u);
  auto stats = waitForDelivered(c.id, 1);
  EXPECT_EQ(stats.targeted, 2);
  EXPECT_EQ(stats.delivered, 1);
  ASSERT_EQ(campaignMessages(online).size(), 1u);
  EXPECT_EQ(campaignMessages(online)[0].sender_id, sara.id);
  EXPECT_TRUE(campaignMessages(away).empty()) << "not on the site: not yet";
  EXPECT_EQ(runner->runOnce(), 0u) << "nothing new";

  presence.visitorConnected(ws.id, away.id, nowMillis());
  EXPECT_EQ(runner->runOnce(), 1u);
  EXPECT_EQ(waitForDelivered(c.id, 2).delivered, 2);
  EXPECT_EQ(campaignMessages(away).size(), 1u);
  runner->runOnce();
  EXPECT_EQ(store->campaignById(ws.id, c.id)->state, CampaignState::Sent) << "everyone reached";
  EXPECT_EQ(campaignMessages(online).size(), 1u);
}

TEST_P(CampaignRunnerTest, ACrashBetweenTheMessageAndTheMarkSendsNothingTwice) {
  const Agent sara = agent("sara@example.com");
  const Contact ada = contact("t-ada"), bo = contact("t-bo");
  const Campaign c = campaignToEveryone(sara);
  runner = makeRunner();
  EXPECT_EQ(runner->runOnce(), 0u) << "started, nobody online";
  ASSERT_EQ(store->campaignById(ws.id, c.id)->state, CampaignState::Sending);

  // The process before the crash: it claimed Bo (a lease that is over by now), its message to Bo
  // was committed, and it died before marking Bo delivered.
  const Millis now = nowMillis();
  ASSERT_EQ(store->claimRecipients(ws.id, c.id, std::vector<Id>{bo.id}, now, now - 1, 10).size(), 1u);
  std::promise<SendResult> stored;
  MessageDraft d;
  d.contact_id = bo.id;
  d.client_id = campaignClientId(c.id, bo.id);
  d.body = "We launched!";
  sender->send({SenderType::Agent, ws.id, sara.id}, d, [&stored](const SendResult& r) { stored.set_value(r); });
  ASSERT_FALSE(stored.get_future().get().error);

  // After the restart: a new runner, both come to the site.
  runner = makeRunner();
  presence.visitorConnected(ws.id, ada.id, nowMillis());
  presence.visitorConnected(ws.id, bo.id, nowMillis());
  EXPECT_EQ(runner->runOnce(), 2u);
  EXPECT_EQ(waitForDelivered(c.id, 2).delivered, 2);
  EXPECT_EQ(campaignMessages(ada).size(), 1u);
  EXPECT_EQ(campaignMessages(bo).size(), 1u) << "the second attempt found the first message";
  runner->runOnce();
  EXPECT_EQ(campaignMessages(bo).size(), 1u);
  EXPECT_EQ(store->campaignById(ws.id, c.id)->state, CampaignState::Sent);
}

TEST_P(CampaignRunnerTest, ACancelledCampaignReachesNobodyMore) {
  const Agent sara = agent("sara@example.com");
  const Contact ada = contact("t-ada");
  const Campaign c = campaignToEveryone(sara);
  runner = makeRunner();
  runner->runOnce();
  store->cancelCampaign(ws.id, c.id, nowMillis());
  presence.visitorConnected(ws.id, ada.id, nowMillis());
  EXPECT_EQ(runner->runOnce(), 0u);
  EXPECT_TRUE(campaignMessages(ada).empty());
}

PARLEY_ON_EVERY_STORE_BACKEND(CampaignRunnerTest);

}  // namespace
}  // namespace parley::test
