// What storing a message does to its conversation, as pure logic. The SQLite store performs the
// same change with one UPDATE and uses this to return the new conversation without reading it
// back; a store test checks both agree for every kind of message.
#pragma once

#include "domain/model.h"

namespace parley {

enum class MessageEffect { None = 0, VisitorWrote = 1, Replied = 2 };  // values shared with SQL

// Visitor messages make the visitor wait (and reopen a resolved or snoozed conversation); agent
// and bot replies end the wait. Private notes and system messages change neither.
MessageEffect effectOf(SenderType sender_type, bool is_private);

// `c` as it was before the message; afterwards as it is once the message is stored.
void applyStoredMessage(Conversation& c, const Message& m);

}  // namespace parley
