// domain applyStoredMessage: what a stored message does to its sampleConversation (every store
// writes exactly this; messages_store_test re-reads the row on every backend).
#include "domain/message_effects.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

using S = ConversationStatus;

Conversation sampleConversation(S status) {
  Conversation c;
  c.id = 1;
  c.status = status;
  c.last_seq = 4;
  c.visitor_last_seq = 3;
  c.updated_at = 500;
  if (status == S::Resolved) c.resolved_at = 400;
  if (status == S::Snoozed) c.snoozed_until = 9000;
  return c;
}

Message sampleMessage(SenderType type, Millis at, bool is_private = false) {
  Message m;
  m.seq = 5;
  m.visitor_seq = is_private ? 0 : 4;
  m.sender_type = type;
  m.body = "text";
  m.is_private = is_private;
  m.created_at = at;
  return m;
}

TEST(MessageEffectsTest, EffectOfEachSender) {
  EXPECT_EQ(effectOf(SenderType::Visitor, false), MessageEffect::VisitorWrote);
  EXPECT_EQ(effectOf(SenderType::Agent, false), MessageEffect::Replied);
  EXPECT_EQ(effectOf(SenderType::Bot, false), MessageEffect::Replied);
  EXPECT_EQ(effectOf(SenderType::System, false), MessageEffect::None);
  EXPECT_EQ(effectOf(SenderType::Agent, true), MessageEffect::None) << "a private note is invisible to the visitor";
}

TEST(MessageEffectsTest, AVisitorWaitsAndReopens) {
  for (S status : allValues<S>()) {
    auto c = sampleConversation(status);
    applyStoredMessage(c, sampleMessage(SenderType::Visitor, 1000));
    EXPECT_EQ(c.waiting_since, 1000) << status;
    EXPECT_EQ(c.status, status == S::Pending ? S::Pending : S::Open) << status;
    EXPECT_FALSE(c.resolved_at) << status;
    EXPECT_FALSE(c.snoozed_until) << status;
    EXPECT_EQ(c.last_seq, 5);
    EXPECT_EQ(c.visitor_last_seq, 4);
    ASSERT_TRUE(c.last_message);
    EXPECT_EQ(c.last_message->sender_type, SenderType::Visitor);
  }
  auto c = sampleConversation(S::Open);
  c.waiting_since = 700;
  applyStoredMessage(c, sampleMessage(SenderType::Visitor, 1000));
  EXPECT_EQ(c.waiting_since, 700) << "the wait started with the first unanswered message";
}

TEST(MessageEffectsTest, AReplyEndsTheWaitAndStampsTheFirstReply) {
  auto c = sampleConversation(S::Open);
  c.waiting_since = 700;
  applyStoredMessage(c, sampleMessage(SenderType::Bot, 1000));
  EXPECT_FALSE(c.waiting_since);
  EXPECT_EQ(c.first_reply_at, 1000);
  applyStoredMessage(c, sampleMessage(SenderType::Agent, 2000));
  EXPECT_EQ(c.first_reply_at, 1000) << "only the first";
  auto resolved = sampleConversation(S::Resolved);
  applyStoredMessage(resolved, sampleMessage(SenderType::Agent, 1000));
  EXPECT_EQ(resolved.status, S::Resolved) << "only the visitor reopens";
  EXPECT_EQ(resolved.resolved_at, 400);
}

TEST(MessageEffectsTest, APrivateNoteOnlyMovesTheAgentsCount) {
  auto c = sampleConversation(S::Snoozed);
  c.waiting_since = 700;
  c.last_message = LastMessage{"before", SenderType::Visitor, 450};
  applyStoredMessage(c, sampleMessage(SenderType::Agent, 1000, true));
  EXPECT_EQ(c.last_seq, 5);
  EXPECT_EQ(c.visitor_last_seq, 3) << "notes take no number in the visitor's count";
  EXPECT_EQ(c.last_message->body, "before") << "nor the preview line";
  EXPECT_EQ(c.waiting_since, 700);
  EXPECT_FALSE(c.first_reply_at);
  EXPECT_EQ(c.status, S::Snoozed);
  EXPECT_EQ(c.updated_at, 1000);
}

TEST(MessageEffectsTest, UpdatedAtNeverGoesBack) {
  auto c = sampleConversation(S::Open);
  applyStoredMessage(c, sampleMessage(SenderType::System, 100));
  EXPECT_EQ(c.updated_at, 500);
  EXPECT_EQ(c.status, S::Open);
  EXPECT_FALSE(c.waiting_since);
}

}  // namespace
TEST(MessageEffectsTest, AnAnswerToOutreachIsTheVisitorsFirstWaitInAChatAnAgentBegan) {
  Conversation c;
  c.created_at = 1000;
  Message outreach;
  outreach.sender_type = SenderType::Agent;
  outreach.created_at = 1000;
  outreach.seq = 1;
  applyStoredMessage(c, outreach);
  Message answer;
  answer.sender_type = SenderType::Visitor;
  answer.created_at = 5000;
  answer.seq = 2;
  Conversation after = c;
  applyStoredMessage(after, answer);
  EXPECT_TRUE(isAnswerToOutreach(after, answer));

  Conversation assigned = after;
  assigned.assignee_id = 7;
  EXPECT_FALSE(isAnswerToOutreach(assigned, answer)) << "someone already has it";
  Message again = answer;
  again.created_at = 6000;
  Conversation later = after;
  applyStoredMessage(later, again);
  EXPECT_FALSE(isAnswerToOutreach(later, again)) << "the visitor is still waiting since their first answer";
  Message note = answer;
  note.is_private = true;
  EXPECT_FALSE(isAnswerToOutreach(after, note));

  // A chat the visitor began: its first reply is later than its start.
  Conversation theirs;
  theirs.created_at = 1000;
  Message first = answer;
  first.created_at = 1000;
  applyStoredMessage(theirs, first);
  Message reply = outreach;
  reply.created_at = 2000;
  applyStoredMessage(theirs, reply);
  Message back = answer;
  back.created_at = 3000;
  applyStoredMessage(theirs, back);
  EXPECT_FALSE(isAnswerToOutreach(theirs, back));
}

}  // namespace parley
