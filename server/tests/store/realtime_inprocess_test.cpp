// The realtime layer in one process, without sockets: RealtimeProtocol, Hub and EventPublisher over
// a real SQLite file, with fake connections that record what they are sent. Frames are handled as
// WebSocketSession hands them over (whole text messages, one socket at a time).
#include <boost/json.hpp>

#include <condition_variable>
#include <deque>
#include <mutex>

#include "app/after_commit.h"
#include "app/message_sender.h"
#include "app/app_context.h"
#include "bus/bus.h"
#include "domain/clock.h"
#include "geo/country_lookup.h"
#include "bus/event_publisher.h"
#include "bus/hub.h"
#include "realtime/realtime_wiring.h"
#include "bus/session_revoker.h"
#include "app/visitor_auth.h"
#include "app/bounded_workers.h"
#include "security/token.h"
#include "fake_connection.h"
#include "store_fixture.h"

namespace parley::test {
namespace {

namespace bj = boost::json;
using namespace std::chrono_literals;

class RealtimeInProcess : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    bus = std::make_unique<LocalBus>(hub);
    events = std::make_unique<EventPublisher>(*bus);
    writer = std::make_unique<MessageWriter>(*store);
    geo = CountryLookup::open("");
    revoker = std::make_unique<SessionRevoker>(*store, hub);
    after.add("fan-out", [this](const AppendResult& r) { events->messageCreated(r); });
    blocks = std::make_unique<VisitorBlocks>(*store);
    sender = std::make_unique<MessageSender>(*writer, after, limits, blocks.get());
    conversations = std::make_unique<ConversationActions>(*store, *store, *events);
    webhooks = std::make_unique<WebhookDeliverer>(*store, *store, *store);
    email = std::make_unique<EmailChannel>(EmailChannelOptions{.uploads_dir = dir_.string()}, *store, *sender);
    ctx.reset(new AppContext{ServerConfig{}, *store, hub, *bus, presence, *events, *geo, *revoker, workers, exports, "key",
                             *sender, *conversations, limits, *webhooks, *email, *blocks});
    ctx->config.data_dir = dir_.string();
    proto = std::make_unique<RealtimeProtocol>(realtimeDeps(*ctx));
  }
  void TearDown() override {
    writer->stop();
    hub.clear();
    proto.reset();
    ctx.reset();
    email.reset();
    webhooks.reset();
    sender.reset();
    conversations.reset();
    revoker.reset();
    writer.reset();
    events.reset();
    bus.reset();
    StoreTest::TearDown();
  }

  std::shared_ptr<FakeConnection> open(const std::string& token, std::string origin = {}) {
    auto c = std::make_shared<FakeConnection>(std::move(origin));
    proto->onOpen(c);
    frame(c, bj::object{{"type", "hello"}, {"token", token}});
    return c;
  }
  void frame(const std::shared_ptr<FakeConnection>& c, const bj::object& f) { proto->onFrame(c, bj::serialize(f)); }

  std::string agentToken(const Agent& a) {
    auto token = randomToken("pa_");
    store->createAgentSession(sha256Hex(token), a.id, nowMillis() + 3'600'000);
    return token;
  }
  std::pair<std::string, Contact> visitorToken() {
    auto token = makeVisitorToken(ws.public_id);
    return {token, contact(sha256Hex(token))};
  }

  // An agent and a visitor, both past hello (null when a welcome did not come).
  std::pair<std::shared_ptr<FakeConnection>, std::shared_ptr<FakeConnection>> agentAndVisitor() {
    auto agentSocket = open(agentToken(agent("ann@example.com")));
    auto visitor = open(visitorToken().first);
    if (!agentSocket->next("welcome") || !visitor->next("welcome")) return {};
    return {agentSocket, visitor};
  }

  Hub hub;
  std::unique_ptr<LocalBus> bus;
  PresenceTracker presence;
  std::unique_ptr<EventPublisher> events;
  std::unique_ptr<MessageWriter> writer;
  std::unique_ptr<CountryLookup> geo;
  std::unique_ptr<SessionRevoker> revoker;
  BoundedWorkers workers{1, 4};
  BoundedWorkers exports{1, 2};
  AfterCommit after;
  VisitorLimits limits;
  std::unique_ptr<VisitorBlocks> blocks;
  std::unique_ptr<MessageSender> sender;
  std::unique_ptr<ConversationActions> conversations;
  std::unique_ptr<WebhookDeliverer> webhooks;
  std::unique_ptr<EmailChannel> email;
  std::unique_ptr<AppContext> ctx;
  std::unique_ptr<RealtimeProtocol> proto;
};

TEST_F(RealtimeInProcess, HelloAuthenticatesOrClosesAndNothingElseGoesFirst) {
  auto stranger = std::make_shared<FakeConnection>();
  proto->onOpen(stranger);
  frame(stranger, bj::object{{"type", "typing"}, {"conversation_id", 1}});
  EXPECT_EQ(stranger->next("error")->at("code").as_string(), "unauthorized");
  EXPECT_EQ(stranger->closeCode(), 1008);

  auto forged = open("pa_not-a-session");
  EXPECT_EQ(forged->next("error")->at("field").as_string(), "token");
  auto [token, c] = visitorToken();
  auto visitor = open(token);
  auto welcome = visitor->next("welcome");
  ASSERT_TRUE(welcome);
  EXPECT_EQ(welcome->at("role").as_string(), "visitor");
  EXPECT_EQ(hub.subscriberCount(Hub::visitorTopic(c.id)), 1u);
}

TEST_F(RealtimeInProcess, AVisitorsMessageIsAckedAndReachesAgentsOnce) {
  auto [agentSocket, visitor] = agentAndVisitor();
  ASSERT_TRUE(agentSocket && visitor);
  frame(visitor, bj::object{{"type", "message.send"}, {"client_id", "m1"}, {"body", "hello there"}});
  auto ack = visitor->next("message.ack");
  ASSERT_TRUE(ack);
  EXPECT_EQ(ack->at("seq").as_int64(), 1);
  auto created = agentSocket->next("message.created");
  ASSERT_TRUE(created);
  EXPECT_EQ(created->at("message").at("body").as_string(), "hello there");
  EXPECT_GT(created->at("offset").as_int64(), 0) << "agents get the event log offset";
  // A resend with the same client_id is acked as a duplicate and not fanned out again.
  frame(visitor, bj::object{{"type", "message.send"}, {"client_id", "m1"}, {"body", "hello there"}});
  EXPECT_TRUE(visitor->next("message.ack")->at("duplicate").as_bool());
  EXPECT_FALSE(agentSocket->next("message.created"));
}

TEST_F(RealtimeInProcess, AnAgentResumesExactlyWhatItMissed) {
  auto a = agent("ann@example.com");
  auto [token, c] = visitorToken();
  auto visitor = open(token);
  for (int i = 0; i < 3; ++i) {
    frame(visitor, bj::object{{"type", "message.send"}, {"client_id", "r" + std::to_string(i)}, {"body", "m"}});
    ASSERT_TRUE(visitor->next("message.ack"));
  }
  auto late = open(agentToken(a));
  ASSERT_TRUE(late->next("welcome"));
  frame(late, bj::object{{"type", "resume"}, {"after_offset", 0}});
  int replayed = 0;
  std::optional<bj::object> f;
  // conversation.created + three message.created, then resume.done.
  while ((f = late->next("message.created"))) ++replayed;
  EXPECT_EQ(replayed, 3);
}

TEST_F(RealtimeInProcess, TheHubDeliversToTopicsAndForgetsWhatLeft) {
  auto one = std::make_shared<FakeConnection>();
  auto two = std::make_shared<FakeConnection>();
  hub.subscribe("w:1", one);
  hub.subscribe("w:1", two);
  hub.subscribe("w:1", two);  // once only
  EXPECT_EQ(hub.subscriberCount("w:1"), 2u);
  hub.deliver("w:1", makeFrame(R"({"type":"x"})"), one.get());
  EXPECT_FALSE(one->next("x")) << "the skipped socket";
  EXPECT_TRUE(two->next("x"));
  hub.unsubscribe("w:1", two.get());
  hub.deliver("w:1", makeFrame(R"({"type":"y"})"));
  EXPECT_FALSE(two->next("y"));
  EXPECT_TRUE(one->next("y"));
  hub.clear();
  EXPECT_EQ(hub.subscriberCount("w:1"), 0u);
  EXPECT_EQ(one.use_count(), 1) << "the hub holds no socket after clear()";
}

TEST_F(RealtimeInProcess, EndingASessionClosesItsSockets) {
  auto a = agent("ann@example.com");
  auto token = agentToken(a);
  auto s = open(token);
  ASSERT_TRUE(s->next("welcome"));
  revoker->endSession(sha256Hex(token), "signed out");
  EXPECT_EQ(s->next("error")->at("field").as_string(), "token");
  EXPECT_EQ(s->closeCode(), SessionRevoker::kCloseSessionEnded);
}

// ConversationActions writes, then tells exactly who should know: a status change reaches the
// agents (with an offset) and the visitor; an agent's read receipt reaches the visitor.
TEST_F(RealtimeInProcess, ConversationChangesReachWhoShouldKnow) {
  auto [agentSocket, visitor] = agentAndVisitor();
  ASSERT_TRUE(agentSocket && visitor);
  frame(visitor, bj::object{{"type", "message.send"}, {"client_id", "q1"}, {"body", "a question"}});
  auto ack = visitor->next("message.ack");
  ASSERT_TRUE(ack);
  const Id convId = ack->at("conversation_id").as_int64();
  auto conv = *store->conversationById(ws.id, convId);

  ConversationPatch resolve;
  resolve.status = ConversationStatus::Resolved;
  auto updated = conversations->patch(conv, resolve, conv.updated_at + 1);
  ASSERT_TRUE(updated);
  EXPECT_EQ(updated->status, ConversationStatus::Resolved);
  auto forAgents = agentSocket->next("conversation.updated");
  ASSERT_TRUE(forAgents);
  EXPECT_GT(forAgents->at("offset").as_int64(), 0);
  auto forVisitor = visitor->next("conversation.updated");
  ASSERT_TRUE(forVisitor) << "the visitor learns a status change";
  EXPECT_EQ(forVisitor->at("conversation").at("status").as_string(), "resolved");
  EXPECT_FALSE(forVisitor->at("conversation").as_object().contains("assignee_id")) << "the visitor's view";

  conversations->markRead(ws.id, convId, ReaderType::Agent, 99);  // clamped to the last message
  auto receipt = visitor->next("read");
  ASSERT_TRUE(receipt);
  EXPECT_EQ(store->conversationById(ws.id, convId)->agent_last_read_seq, 1);
}

}  // namespace
}  // namespace parley::test
