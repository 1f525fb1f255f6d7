// The one way a conversation changes outside of a new message: a patch (an agent's triage, the
// visitor's rating), a read marker, contacts merged. Each writes through the store and then tells
// the clients that should know, in that order, so no handler pairs a store write with an event by
// hand. New messages go through MessageSender instead.
#pragma once

#include <cstdint>
#include <optional>

#include "bus/event_publisher.h"
#include "store/contact_store.h"
#include "store/conversation_store.h"

namespace parley {

class ConversationActions {
 public:
  ConversationActions(ConversationStore& conversations, ContactStore& contacts, EventPublisher& events)
      : conversations_(conversations), contacts_(contacts), events_(events) {}

  // Applies `patch` to `current` (domain/conversation_patch.h decides); agents see the result, the
  // visitor too when the status changed. nullopt: the conversation is gone. Throws InvalidPatch
  // (nothing written) as the store does.
  std::optional<Conversation> patch(const Conversation& current, const ConversationPatch& patch, Millis now);

  // Moves the reader's marker forward, never past the last message (`seq` counts in the reader's
  // own sequence), and sends the read receipt to the other side.
  void markRead(Id workspace_id, Id conversation_id, ReaderType reader, std::int64_t seq);

  // Identify: the anonymous visitor `from_id` becomes the known contact `into_id`, with a new token
  // for this device. A duplicate merged by an agent keeps its tokens. Either way every moved
  // conversation is announced to the agents (and logged for those who resume later).
  std::optional<ContactMerge> mergeVisitorInto(Id workspace_id, Id from_id, Id into_id,
                                               std::string_view visitor_token_hash, Millis now);
  std::optional<ContactMerge> mergeDuplicate(Id workspace_id, Id from_id, Id into_id, Millis now);

 private:
  std::optional<ContactMerge> announced(std::optional<ContactMerge> merge);

  ConversationStore& conversations_;
  ContactStore& contacts_;
  EventPublisher& events_;
};

}  // namespace parley
