// The message record an append stores, for every backend: what the sender gave plus what the store
// decided (its conversation, seq, the visitor's seq, the sender as checked, the agent's name and
// avatar). A backend inserts these fields and sets the id, so what the sender's callback gets is
// what a re-read returns (messages_store_test.cpp compares them).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/model.h"
#include "store/message_log.h"

namespace parley {

struct StoredMessagePlace {
  Id workspace_id = 0;
  Id conversation_id = 0;
  std::int64_t seq = 0;
  std::int64_t visitor_seq = 0;  // 0 for a private note
  std::optional<Id> sender_id;
};

// The sender a message is stored with, checked before any write, the same on every backend: a
// visitor's message is the visitor's own (sender_id defaults to the contact) and never a private
// note. `refusal` names what is wrong (the append answers Invalid with it); null when fine.
struct CheckedSender {
  std::optional<Id> sender_id;
  const char* refusal = nullptr;
};
CheckedSender checkSender(const NewMessage& nm);

Message storedMessage(const NewMessage& nm, const StoredMessagePlace& place, std::optional<std::string> sender_name,
                      std::optional<std::string> sender_avatar_url);

}  // namespace parley
