// What storing a message does to its conversation, as pure logic and the one rule: the SQLite
// store computes the conversation with applyStoredMessage and writes that (sqlite_messages.cpp);
// a store test re-reads the row after every kind of message.
#pragma once

#include "domain/model.h"

namespace parley {

enum class MessageEffect { None, VisitorWrote, Replied };

// Visitor messages make the visitor wait (and reopen a resolved or snoozed conversation); agent
// and bot replies end the wait. Private notes and system messages change neither.
MessageEffect effectOf(SenderType sender_type, bool is_private);

// `c` as it was before the message; afterwards as it is once the message is stored.
void applyStoredMessage(Conversation& c, const Message& m);

// True for the visitor's answer to an outreach: `m` is a visitor's message that starts a wait in a
// conversation an agent or bot began (an agent's "Start chat", a proactive rule, a campaign: its
// first reply is as old as the conversation), and nobody is assigned. Such a conversation was
// neither routed nor assigned when it began (nobody needed to answer yet); now someone does.
// `c` is the conversation after `m` was stored.
bool isAnswerToOutreach(const Conversation& c, const Message& m);

}  // namespace parley
