// appendMessages: sequencing, idempotent resends, conversation state, batches, durability.
#include "store_fixture.h"

namespace parley::test {
namespace {

using Status = AppendResult::Status;
using MessagesTest = BackendStoreTest;

TEST_P(MessagesTest, VisitorFirstSendOpensConversationAndLogsBothEvents) {
  Contact c = contact("t");
  std::int64_t before = store->lastOffset(ws.id);
  auto r = append(visitorMsg(c, 0, "Hi, I need help", 2000, "c-1"));
  ASSERT_EQ(r.status, Status::Ok) << r.error;
  EXPECT_TRUE(r.conversation_created);
  EXPECT_GT(r.conversation_created_offset, before);
  EXPECT_GT(r.offset, r.conversation_created_offset);
  EXPECT_EQ(r.message.seq, 1);
  EXPECT_EQ(r.message.sender_id, c.id) << "a visitor's sender id is the contact";
  EXPECT_EQ(r.conversation.status, ConversationStatus::Open);
  EXPECT_EQ(r.conversation.contact_id, c.id);
  EXPECT_EQ(r.conversation.waiting_since, 2000);
  EXPECT_EQ(r.conversation.last_seq, 1);
  ASSERT_TRUE(r.conversation.last_message);
  EXPECT_EQ(r.conversation.last_message->body, "Hi, I need help");

  auto events = store->eventsAfter(ws.id, before, 10);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].event.type, "conversation.created");
  EXPECT_EQ(events[0].event.offset, r.conversation_created_offset);
  EXPECT_FALSE(events[0].message);
  EXPECT_EQ(events[1].event.type, "message.created");
  EXPECT_EQ(events[1].event.message_id, r.message.id);

  // The next send without conversation_id lands in the same open conversation.
  auto r2 = append(visitorMsg(c, 0, "anyone?", 3000, "c-2"));
  ASSERT_EQ(r2.status, Status::Ok);
  EXPECT_FALSE(r2.conversation_created);
  EXPECT_EQ(r2.conversation.id, r.conversation.id);
  EXPECT_EQ(r2.message.seq, 2);
  EXPECT_EQ(r2.conversation.waiting_since, 2000) << "waiting since the first unanswered message";
}

TEST_P(MessagesTest, SeqIncrementsPerConversation) {
  Contact c1 = contact("1");
  Contact c2 = contact("2");
  Agent a = agent("a@example.com");
  Conversation x = start(c1, 1000);
  Conversation y = start(c2, 1000);
  EXPECT_EQ(append(agentMsg(a, x.id, "one", 1100)).message.seq, 2);
  EXPECT_EQ(append(agentMsg(a, x.id, "two", 1200)).message.seq, 3);
  EXPECT_EQ(append(agentMsg(a, y.id, "other", 1300)).message.seq, 2);
  auto msgs = store->messagesAfter(ws.id, x.id, 0, 100, true);
  ASSERT_EQ(msgs.size(), 3u);
  for (std::size_t i = 0; i < msgs.size(); ++i) EXPECT_EQ(msgs[i].seq, static_cast<std::int64_t>(i + 1));
  EXPECT_EQ(msgs[1].sender_name, "Agent a@example.com");
  EXPECT_EQ(store->messagesAfter(ws.id, x.id, 2, 100, true).size(), 1u);
}

TEST_P(MessagesTest, DuplicateClientIdReturnsFirstMessageWithoutNewRowOrEvent) {
  Contact c = contact("t");
  auto first = append(visitorMsg(c, 0, "hello", 2000, "same"));
  ASSERT_EQ(first.status, Status::Ok);
  std::int64_t offset = store->lastOffset(ws.id);

  // Resent after a lost ack, with or without the conversation id the ack would have told.
  auto again = append(visitorMsg(c, first.conversation.id, "hello", 2500, "same"));
  EXPECT_EQ(again.status, Status::Duplicate);
  EXPECT_EQ(again.message.id, first.message.id);
  EXPECT_EQ(again.message.created_at, 2000);
  EXPECT_EQ(again.offset, 0);
  EXPECT_EQ(again.conversation.id, first.conversation.id);
  auto again0 = append(visitorMsg(c, 0, "hello", 2600, "same"));
  EXPECT_EQ(again0.status, Status::Duplicate);
  EXPECT_EQ(again0.message.id, first.message.id);
  EXPECT_FALSE(again0.conversation_created);

  EXPECT_EQ(store->messagesAfter(ws.id, first.conversation.id, 0, 100, true).size(), 1u);
  EXPECT_EQ(store->lastOffset(ws.id), offset) << "a duplicate logs nothing";

  // client_id is per sender: an agent may reuse the visitor's string.
  Agent a = agent("a@example.com");
  EXPECT_EQ(append(agentMsg(a, first.conversation.id, "hi", 3000, false, "same")).status, Status::Ok);
  // Even after the conversation was resolved, a resend finds the original.
  store->updateConversation(ws.id, first.conversation.id, statusPatch(ConversationStatus::Resolved), 4000);
  auto late = append(visitorMsg(c, 0, "hello", 5000, "same"));
  EXPECT_EQ(late.status, Status::Duplicate);
  EXPECT_EQ(late.conversation.status, ConversationStatus::Resolved);
}

TEST_P(MessagesTest, DuplicateInsideOneBatch) {
  Contact c = contact("t");
  std::vector<NewMessage> batch{visitorMsg(c, 0, "a", 1000, "x"), visitorMsg(c, 0, "a", 1001, "x")};
  auto r = store->appendMessages(batch);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].status, Status::Ok);
  EXPECT_EQ(r[1].status, Status::Duplicate);
  EXPECT_EQ(r[1].message.id, r[0].message.id);
}

TEST_P(MessagesTest, PrivateNotesHiddenFromVisitorAndLeaveStateAlone) {
  Contact c = contact("t");
  Agent a = agent("a@example.com");
  Conversation conv = start(c, 1000, "question");
  auto note = append(agentMsg(a, conv.id, "internal: VIP customer", 2000, true));
  ASSERT_EQ(note.status, Status::Ok);
  EXPECT_TRUE(note.message.is_private);
  EXPECT_EQ(note.conversation.waiting_since, 1000) << "a note is not a reply";
  EXPECT_FALSE(note.conversation.first_reply_at);
  EXPECT_EQ(note.conversation.last_message->body, "question");
  EXPECT_GT(note.offset, 0) << "agents see notes live and on resume";

  auto visible = store->messagesAfter(ws.id, conv.id, 0, 100, false);
  ASSERT_EQ(visible.size(), 1u);
  EXPECT_EQ(visible[0].body, "question");
  EXPECT_EQ(store->messagesAfter(ws.id, conv.id, 0, 100, true).size(), 2u);

  auto reply = append(agentMsg(a, conv.id, "Hello!", 3000));
  EXPECT_EQ(reply.conversation.first_reply_at, 3000);
  EXPECT_FALSE(reply.conversation.waiting_since);
  EXPECT_EQ(reply.conversation.last_message->sender_type, SenderType::Agent);
  EXPECT_EQ(reply.message.sender_name, "Agent a@example.com");
  auto second = append(agentMsg(a, conv.id, "Anything else?", 4000));
  EXPECT_EQ(second.conversation.first_reply_at, 3000) << "first reply is kept";

  NewMessage visitor_note = visitorMsg(c, conv.id, "sneaky", 5000);
  visitor_note.is_private = true;
  EXPECT_EQ(append(visitor_note).status, Status::Invalid);
}

TEST_P(MessagesTest, VisitorReopensResolvedOrSnoozedConversation) {
  Contact c = contact("t");
  Conversation conv = start(c, 1000);
  store->updateConversation(ws.id, conv.id, statusPatch(ConversationStatus::Resolved), 2000);
  auto r = append(visitorMsg(c, conv.id, "one more thing", 3000));
  EXPECT_EQ(r.conversation.status, ConversationStatus::Open);
  EXPECT_FALSE(r.conversation.resolved_at);
  EXPECT_EQ(r.conversation.waiting_since, 3000);

  store->updateConversation(ws.id, conv.id, statusPatch(ConversationStatus::Snoozed, 9000),
                            4000);
  r = append(visitorMsg(c, conv.id, "hello?", 5000));
  EXPECT_EQ(r.conversation.status, ConversationStatus::Open);
  EXPECT_FALSE(r.conversation.snoozed_until);
}

TEST_P(MessagesTest, CrossWorkspaceAndForeignConversationsAreNotFound) {
  auto other_ws = workspace("Other", 2000);
  Contact mine = contact("mine");
  Contact theirs = contact("theirs", other_ws.id);
  Contact neighbour = contact("neighbour");
  Conversation their_conv = start(theirs, 1000);
  Conversation neighbour_conv = start(neighbour, 1000);
  Agent a = agent("a@example.com");

  EXPECT_EQ(append(agentMsg(a, their_conv.id, "hi", 2000)).status, Status::NotFound);
  EXPECT_EQ(append(visitorMsg(mine, their_conv.id, "hi", 2000)).status, Status::NotFound);
  EXPECT_EQ(append(visitorMsg(mine, neighbour_conv.id, "hi", 2000)).status, Status::NotFound)
      << "a visitor may only write into its own conversations";
  NewMessage foreign_contact = visitorMsg(theirs, 0, "hi", 2000);
  foreign_contact.workspace_id = ws.id;
  EXPECT_EQ(append(foreign_contact).status, Status::NotFound) << "contact of another workspace";
  NewMessage foreign_conv = visitorMsg(theirs, their_conv.id, "hi", 2000);
  foreign_conv.workspace_id = ws.id;
  EXPECT_EQ(append(foreign_conv).status, Status::NotFound) << "conversation of another workspace";
  Agent stranger = agent("s@example.com", other_ws.id);
  NewMessage spoof = agentMsg(stranger, neighbour_conv.id, "hi", 2000);
  spoof.workspace_id = ws.id;
  EXPECT_EQ(append(spoof).status, Status::Invalid) << "agent of another workspace";
  EXPECT_EQ(store->messagesAfter(other_ws.id, their_conv.id, 0, 100, true).size(), 1u);
}

TEST_P(MessagesTest, OneBadEntryDoesNotFailTheBatch) {
  Contact c = contact("t");
  Agent a = agent("a@example.com");
  Conversation conv = start(c, 1000);
  NewMessage bad_type = agentMsg(a, conv.id, "x", 1500);
  bad_type.sender_type = SenderType::Visitor;  // a visitor message needs the visitor (contact_id)
  std::vector<NewMessage> batch{
      agentMsg(a, conv.id, "first", 2000),
      agentMsg(a, conv.id + 999, "nowhere", 2001),
      bad_type,
      agentMsg(a, conv.id, "second", 2002),
  };
  std::int64_t before = store->lastOffset(ws.id);
  auto r = store->appendMessages(batch);
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[0].status, Status::Ok);
  EXPECT_EQ(r[1].status, Status::NotFound);
  EXPECT_FALSE(r[1].error.empty());
  EXPECT_EQ(r[2].status, Status::Invalid);
  EXPECT_EQ(r[3].status, Status::Ok);
  EXPECT_EQ(r[0].message.seq, 2);
  EXPECT_EQ(r[3].message.seq, 3) << "no seq is burnt by a refused entry";
  EXPECT_EQ(r[0].conversation.last_seq, 2) << "each result shows the conversation after its own message";
  EXPECT_EQ(store->messagesAfter(ws.id, conv.id, 0, 100, true).size(), 3u);
  EXPECT_EQ(store->eventsAfter(ws.id, before, 100).size(), 2u);
}

TEST_P(MessagesTest, AgentProactiveMessageOpensConversationWithoutWaiting) {
  Contact c = contact("t");
  Agent a = agent("a@example.com");
  NewMessage m = agentMsg(a, 0, "Can I help you with the checkout?", 2000, false, "p-1");
  m.contact_id = c.id;
  auto r = append(m);
  ASSERT_EQ(r.status, Status::Ok) << r.error;
  EXPECT_TRUE(r.conversation_created);
  EXPECT_EQ(r.conversation.contact_id, c.id);
  EXPECT_FALSE(r.conversation.waiting_since);
  EXPECT_EQ(store->openConversationForContact(ws.id, c.id)->id, r.conversation.id);
}

TEST_P(MessagesTest, DataSurvivesReopeningTheFile) {
  Contact c = contact("t");
  Agent a = agent("a@example.com");
  auto r = append(visitorMsg(c, 0, "durable?", 2000, "d-1"));
  append(agentMsg(a, r.conversation.id, "yes", 3000));
  std::string epoch = store->epoch();
  std::int64_t offset = store->lastOffset(ws.id);
  reopen();
  EXPECT_EQ(store->epoch(), epoch);
  EXPECT_EQ(store->lastOffset(ws.id), offset);
  auto msgs = store->messagesAfter(ws.id, r.conversation.id, 0, 100, true);
  ASSERT_EQ(msgs.size(), 2u);
  EXPECT_EQ(msgs[0].body, "durable?");
  EXPECT_EQ(msgs[1].sender_name, "Agent a@example.com");
  EXPECT_EQ(append(visitorMsg(c, 0, "durable?", 2000, "d-1")).status, Status::Duplicate);
  EXPECT_EQ(append(visitorMsg(c, 0, "next", 4000)).message.seq, 3);
  EXPECT_EQ(store->contactByVisitorToken(ws.id, "t")->id, c.id);
  EXPECT_EQ(store->agentByEmail("a@example.com")->id, a.id);
}

// appendMessages builds the returned record from what it wrote instead of reading the row back;
// it must be exactly what a later read returns.
TEST_P(MessagesTest, ReturnedRecordEqualsTheStoredRow) {
  Contact c = contact("t");
  Agent a = agent("a@example.com");
  a.avatar_url = "https://example.com/a.png";
  store->updateAgent(a);
  Agent plain = agent("b@example.com");
  std::vector<NewMessage> batch;
  batch.push_back(visitorMsg(c, 0, "first", 1000, "c-1"));
  auto opened = append(batch[0]);
  ASSERT_EQ(opened.status, AppendResult::Status::Ok);
  const Id conv = opened.conversation.id;
  batch.clear();
  batch.push_back(agentMsg(a, conv, "with avatar", 2000, false, "a-1"));
  batch.push_back(agentMsg(plain, conv, "note", 3000, true));
  batch.back().attachments_json = R"([{"url":"/u/x.png","name":"x.png"}])";
  batch.push_back(systemMsg(conv, "assigned", 4000));
  auto results = store->appendMessages(batch);
  results.insert(results.begin(), opened);
  auto stored = store->messagesAfter(ws.id, conv, 0, 100, true);
  ASSERT_EQ(stored.size(), results.size());
  for (std::size_t i = 0; i < stored.size(); ++i) {
    const Message& got = results[i].message;
    const Message& want = stored[i];
    EXPECT_EQ(got.id, want.id) << i;
    EXPECT_EQ(got.workspace_id, want.workspace_id) << i;
    EXPECT_EQ(got.conversation_id, want.conversation_id) << i;
    EXPECT_EQ(got.seq, want.seq) << i;
    EXPECT_EQ(got.sender_type, want.sender_type) << i;
    EXPECT_EQ(got.sender_id, want.sender_id) << i;
    EXPECT_EQ(got.body, want.body) << i;
    EXPECT_EQ(got.is_private, want.is_private) << i;
    EXPECT_EQ(got.client_id, want.client_id) << i;
    EXPECT_EQ(got.attachments_json, want.attachments_json) << i;
    EXPECT_EQ(got.created_at, want.created_at) << i;
    EXPECT_EQ(got.sender_name, want.sender_name) << i;
    EXPECT_EQ(got.sender_avatar_url, want.sender_avatar_url) << i;
  }
  EXPECT_EQ(results[1].message.sender_avatar_url, "https://example.com/a.png");
  EXPECT_EQ(results[2].message.sender_name, "Agent b@example.com");
  EXPECT_FALSE(results[2].message.sender_avatar_url) << "no avatar is absent, not empty";
}

void expectSameConversation(const Conversation& got, const Conversation& want, const std::string& step) {
  EXPECT_EQ(got.id, want.id) << step;
  EXPECT_EQ(got.status, want.status) << step;
  EXPECT_EQ(got.last_seq, want.last_seq) << step;
  EXPECT_EQ(got.updated_at, want.updated_at) << step;
  EXPECT_EQ(got.waiting_since, want.waiting_since) << step;
  EXPECT_EQ(got.first_reply_at, want.first_reply_at) << step;
  EXPECT_EQ(got.resolved_at, want.resolved_at) << step;
  EXPECT_EQ(got.snoozed_until, want.snoozed_until) << step;
  EXPECT_EQ(got.last_message.has_value(), want.last_message.has_value()) << step;
  if (got.last_message && want.last_message) {
    EXPECT_EQ(got.last_message->body, want.last_message->body) << step;
    EXPECT_EQ(got.last_message->sender_type, want.last_message->sender_type) << step;
    EXPECT_EQ(got.last_message->created_at, want.last_message->created_at) << step;
  }
  EXPECT_EQ(got.contact_id, want.contact_id) << step;
  EXPECT_EQ(got.contact_name, want.contact_name) << step;
  EXPECT_EQ(got.priority, want.priority) << step;
  EXPECT_EQ(got.assignee_id, want.assignee_id) << step;
  EXPECT_EQ(got.tags, want.tags) << step;
}

// The store writes and returns the conversation domain applyStoredMessage computes; after every kind
// of message the row read back must be that one.
TEST_P(MessagesTest, ReturnedConversationEqualsTheStoredOne) {
  Contact c = contact("t");
  Agent a = agent("a@example.com");
  auto opened = append(visitorMsg(c, 0, "hi", 1000));
  const Id conv = opened.conversation.id;
  auto check = [&](const NewMessage& m, const std::string& step) {
    auto r = append(m);
    ASSERT_EQ(r.status, AppendResult::Status::Ok) << step << ": " << r.error;
    auto stored = store->conversationById(ws.id, conv);
    ASSERT_TRUE(stored) << step;
    expectSameConversation(r.conversation, *stored, step);
  };
  check(visitorMsg(c, conv, "still waiting", 1500), "a visitor writes again while waiting");
  check(agentMsg(a, conv, "hello!", 2000), "first agent reply");
  check(agentMsg(a, conv, "note", 2500, true), "private note");
  check(systemMsg(conv, "assigned", 2600), "system message");
  check(systemMsg(conv, "bot answer", 2700, SenderType::Bot), "bot reply");
  check(agentMsg(a, conv, "older clock", 100), "a message with an older timestamp keeps updated_at");
  ASSERT_TRUE(store->updateConversation(ws.id, conv, statusPatch(ConversationStatus::Resolved), 3000));
  check(visitorMsg(c, conv, "me again", 4000), "a visitor reopens a resolved conversation");
  ASSERT_TRUE(store->updateConversation(ws.id, conv, statusPatch(ConversationStatus::Snoozed, 99999), 5000));
  check(agentMsg(a, conv, "while snoozed", 5500), "an agent writes into a snoozed conversation");
  check(visitorMsg(c, conv, "wake up", 6000), "a visitor wakes a snoozed conversation");
  ASSERT_TRUE(store->updateConversation(ws.id, conv, priorityPatch(Priority::High), 6500));
  check(agentMsg(a, conv, "on it", 7000), "priority survives");
  check(visitorMsg(c, 0, "no id given", 8000), "a visitor's send without an id finds the open conversation");
  ASSERT_TRUE(store->updateConversation(ws.id, conv, statusPatch(ConversationStatus::Resolved), 9000));
  auto fresh = append(visitorMsg(c, 0, "new question", 10000));
  ASSERT_EQ(fresh.status, AppendResult::Status::Ok);
  EXPECT_TRUE(fresh.conversation_created);
  EXPECT_NE(fresh.conversation.id, conv);
  expectSameConversation(fresh.conversation, *store->conversationById(ws.id, fresh.conversation.id),
                         "a visitor's send after resolution opens a conversation");
}

PARLEY_ON_EVERY_STORE_BACKEND(MessagesTest);

}  // namespace
}  // namespace parley::test
