// The one send path (app/message_sender.h) on a real store, on every backend: what it refuses
// before storing, and that the after-commit steps run in order, once per stored message, never
// for a duplicate, and past a step that throws.
#include "app/message_sender.h"

#include <future>

#include "store_fixture.h"

namespace parley::test {
namespace {

class MessageSenderTest : public BackendStoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (notSetUp()) return;
    writer = std::make_unique<MessageWriter>(*store);
    sender = std::make_unique<MessageSender>(*writer, after, limits);
  }
  void TearDown() override {
    if (writer) writer->stop();
    sender.reset();
    writer.reset();
    StoreTest::TearDown();
  }
  SendResult send(const Sender& s, MessageDraft d) {
    std::promise<SendResult> p;
    sender->send(s, std::move(d), [&p](const SendResult& r) { p.set_value(r); });
    return p.get_future().get();
  }
  static MessageDraft draft(std::string client_id, std::string body, std::optional<Id> conversation = {}) {
    MessageDraft d;
    d.conversation_id = conversation;
    d.client_id = std::move(client_id);
    d.body = std::move(body);
    return d;
  }

  AfterCommit after;
  VisitorLimits limits;
  std::unique_ptr<MessageWriter> writer;
  std::unique_ptr<MessageSender> sender;
};

TEST_P(MessageSenderTest, RefusesWhatNoMessageMayBeBeforeStoringIt) {
  auto c = contact("tok");
  const Sender visitor{SenderType::Visitor, ws.id, c.id};
  auto noId = send(visitor, draft("", "hi"));
  ASSERT_TRUE(noId.error);
  EXPECT_EQ(noId.error->field, "client_id");
  auto longId = send(visitor, draft(std::string(65, 'x'), "hi"));
  ASSERT_TRUE(longId.error);
  EXPECT_EQ(longId.error->field, "client_id");
  auto blank = send(visitor, draft("b", " \u200b "));
  ASSERT_TRUE(blank.error);
  EXPECT_EQ(blank.error->field, "body");
  auto note = draft("n", "psst");
  note.is_private = true;
  auto visitorNote = send(visitor, note);
  ASSERT_TRUE(visitorNote.error);
  EXPECT_EQ(visitorNote.error->kind, AppError::Kind::Forbidden);
  auto agentWithoutConversation = send({SenderType::Agent, ws.id, agent("a@x.test").id}, draft("a", "hello"));
  ASSERT_TRUE(agentWithoutConversation.error);
  EXPECT_EQ(agentWithoutConversation.error->field, "conversation_id");
  EXPECT_TRUE(store->messagesAfter(ws.id, 1, 0, 10, true).empty()) << "nothing was stored";
}

TEST_P(MessageSenderTest, AVisitorHasAMessageBudget) {
  auto c = contact("tok");
  int stored = 0;
  SendResult last;
  for (int i = 0; i < 25; ++i) {
    last = send({SenderType::Visitor, ws.id, c.id}, draft("m" + std::to_string(i), "hi"));
    if (last.error) break;
    ++stored;
  }
  EXPECT_EQ(stored, 20);
  ASSERT_TRUE(last.error);
  EXPECT_EQ(last.error->kind, AppError::Kind::RateLimited);
  EXPECT_GT(last.error->retry_after_ms, 0);
}

TEST_P(MessageSenderTest, AfterCommitStepsRunInOrderOncePerStoredMessage) {
  std::vector<std::string> steps;
  std::mutex mu;
  after.add("first", [&](const AppendResult& r) {
    std::lock_guard l(mu);
    steps.push_back("first " + r.message.body);
  });
  after.add("broken", [](const AppendResult&) { throw std::runtime_error("a feature failed"); });
  after.add("last", [&](const AppendResult& r) {
    std::lock_guard l(mu);
    steps.push_back("last " + r.message.body);
  });
  auto c = contact("tok");
  auto first = send({SenderType::Visitor, ws.id, c.id}, draft("v1", "one"));
  ASSERT_FALSE(first.error);
  auto again = send({SenderType::Visitor, ws.id, c.id}, draft("v1", "one"));
  ASSERT_FALSE(again.error);
  EXPECT_TRUE(again.duplicate);
  EXPECT_EQ(again.message.id, first.message.id);
  auto reply = send({SenderType::Bot, ws.id, 0}, draft("b1", "two", first.conversation.id));
  ASSERT_FALSE(reply.error) << reply.error->what();
  EXPECT_EQ(reply.message.sender_type, SenderType::Bot);
  writer->stop();  // every callback has run
  std::lock_guard l(mu);
  EXPECT_EQ(steps, (std::vector<std::string>{"first one", "last one", "first two", "last two"}))
      << "in order, past the broken step, and not for the duplicate";
}

TEST_P(MessageSenderTest, StoreRefusalsAreOneKindEach) {
  auto c = contact("tok");
  auto other = contact("tok2");
  auto theirs = send({SenderType::Visitor, ws.id, other.id}, draft("o", "mine"));
  ASSERT_FALSE(theirs.error);
  auto foreign = send({SenderType::Visitor, ws.id, c.id}, draft("x", "peek", theirs.conversation.id));
  ASSERT_TRUE(foreign.error);
  EXPECT_EQ(foreign.error->kind, AppError::Kind::NotFound) << "another visitor's conversation does not exist for this one";
  EXPECT_EQ(foreign.error->field, "conversation_id");
}

PARLEY_ON_EVERY_STORE_BACKEND(MessageSenderTest);

}  // namespace
}  // namespace parley::test
