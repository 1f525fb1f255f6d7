// Agent notifications by email (issue 15, item 4): what happened while an agent was offline, kept
// per agent until it goes out as one digest email.
//
// An item is a new conversation, or a visitor's reply in a conversation assigned to the agent; at
// most one per agent and conversation waits (the first: later replies add nothing to the line).
// Bounded: at most kMaxDigestItemsPerAgent wait per agent; further items are ignored (the oldest
// are kept: the digest says what happened first, and the agent sees the rest in the inbox).
// Batched: an agent's items are due once the oldest is older than the batch window; one digest
// takes all of the agent's items up to the newest it read and, in the same transaction, enqueues
// one outbox email (dedup key "agent_digest:<agent>:<last item id>") and deletes those items, so
// a second node can never send them again.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/model.h"
#include "store/mail_outbox_store.h"

namespace parley {

constexpr std::size_t kMaxDigestItemsPerAgent = 50;
constexpr std::size_t kDigestExcerptMax = 200;  // bytes of UTF-8, cut at a character boundary

enum class DigestItemKind { NewConversation, Reply };
inline const char* digestItemKindWord(DigestItemKind k) {
  return k == DigestItemKind::Reply ? "reply" : "new_conversation";
}
inline DigestItemKind parseDigestItemKind(std::string_view w) {
  return w == "reply" ? DigestItemKind::Reply : DigestItemKind::NewConversation;
}

struct DigestItem {
  Id id = 0;
  Id workspace_id = 0;
  Id agent_id = 0;
  Id conversation_id = 0;
  DigestItemKind kind = DigestItemKind::NewConversation;
  std::string excerpt;  // at most kDigestExcerptMax bytes
  Millis created_at = 0;
};

struct DigestDue {
  Id workspace_id = 0;
  Id agent_id = 0;
};

class AgentDigestStore {
 public:
  virtual ~AgentDigestStore() = default;

  // Stores `item` (its id is assigned); false, and nothing written, when an item of the same agent
  // and conversation waits already, or the agent has `max_items` waiting (callers pass kMaxDigestItemsPerAgent; tests a small number).
  virtual bool addDigestItem(const DigestItem& item, std::size_t max_items) = 0;
  // Across workspaces: agents whose oldest item was created at or before `oldest_before`, oldest
  // first, at most `limit`.
  virtual std::vector<DigestDue> dueDigests(Millis oldest_before, int limit) = 0;
  // The agent's waiting items, oldest first.
  virtual std::vector<DigestItem> digestItems(Id workspace_id, Id agent_id) = 0;
  // Enqueues `e` (as MailOutboxStore::enqueueEmail) and, in the same transaction, deletes the
  // agent's items with ids up to `through_item_id`. On Duplicate they are deleted all the same
  // (another node sent them); on QueueFull nothing changes.
  virtual EnqueueResult enqueueDigestEmail(const QueuedEmail& e, Id agent_id, Id through_item_id,
                                           std::size_t max_queued) = 0;
  // Drops the agent's items with ids up to `through_item_id` without an email (the agent is gone,
  // has turned the emails off, or came online meanwhile).
  virtual void dropDigestItems(Id workspace_id, Id agent_id, Id through_item_id) = 0;
};

}  // namespace parley
