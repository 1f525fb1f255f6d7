// Conversations: lookups, the inbox list, patches and read markers. What a patch does is domain
// applyPatch's to decide (domain/conversation_patch.h); a store applies it to the row as stored,
// in one transaction, and writes the result.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/conversation_patch.h"
#include "domain/model.h"

namespace parley {

struct ConversationFilter {
  std::optional<ConversationStatus> status;
  enum class Assignee { Any, None, Id } assignee = Assignee::Any;
  Id assignee_id = 0;
  std::optional<Id> team_id;
  std::optional<std::string> tag;
  std::optional<Priority> priority;
  std::optional<Id> contact_id;
  bool bot_handled = false;  // only chats the bot took (a bot_conversations row; the inbox's Bot view)
  ConversationOrder sort = ConversationOrder::Newest;
  std::string cursor;  // opaque, from the previous page's next_cursor (same sort); a malformed one
                       // throws std::invalid_argument
  int limit = 50;
};

struct ConversationPage {
  std::vector<Conversation> conversations;
  std::optional<std::string> next_cursor;
};

struct ConversationChange {
  Conversation conversation;
  std::int64_t offset = 0;   // of the conversation.updated event
};

struct TagCount {
  std::string name;
  std::int64_t count = 0;
};

class ConversationStore {
 public:
  virtual ~ConversationStore() = default;

  virtual std::optional<Conversation> conversationById(Id workspace_id, Id id) = 0;
  // The contact's newest conversation that is not resolved.
  virtual std::optional<Conversation> openConversationForContact(Id workspace_id, Id contact_id) = 0;
  // Keyset-paged: a page never repeats or skips a conversation that did not move meanwhile. The
  // priority sort ranks by domain priorityRank.
  virtual ConversationPage listConversations(Id workspace_id, const ConversationFilter& f) = 0;
  // Applies the patch with domain applyPatch to the conversation as stored (in one transaction),
  // writes the result and logs conversation.updated; nullopt when the conversation is not found.
  // Throws InvalidPatch (nothing written) when applyPatch refuses, or for an assignee/team that is
  // not in this workspace.
  virtual std::optional<ConversationChange> updateConversation(Id workspace_id, Id id,
                                                               const ConversationPatch& p, Millis now) = 0;
  // Read markers only move forward (and never past the last message); the visitor's `seq` is
  // counted in visitor seqs, the agent's in seqs. Returns the conversation after the change.
  virtual std::optional<Conversation> markRead(Id workspace_id, Id conversation_id,
                                               ReaderType reader, std::int64_t seq) = 0;
  // Every tag in use with the number of conversations carrying it, most used first.
  virtual std::vector<TagCount> tagCounts(Id workspace_id) = 0;

  // What a background job or several nodes may try at the same moment is claimed here, in one
  // transaction that finds the rows, locks them, changes them and returns only what this call
  // changed (docs/scaling.md, "Background jobs"): the caller publishes exactly what it got back,
  // so every node may run every job and each change still happens, and is announced, once.

  // Snoozed conversations whose snoozed_until <= now, across all workspaces: a read only. A job
  // does not act on this list (two nodes would both act on it); it claims with wakeDueSnoozed.
  virtual std::vector<Conversation> dueSnoozed(Millis now, int limit) = 0;
  // The snooze wake-up, across all workspaces: up to `limit` snoozed conversations whose
  // snoozed_until <= now go back to open (domain applyPatch), each logging conversation.updated.
  // When instances call it at once, each due conversation is woken by exactly one of them.
  virtual std::vector<ConversationChange> wakeDueSnoozed(Millis now, int limit) = 0;
  // Auto-assignment: the conversation goes to the first of `agents` (the caller's preference
  // order) that is an active agent of the workspace with fewer open conversations assigned than
  // its capacity; logs conversation.updated. The capacity check and the write are one
  // transaction holding the agents' rows, so instances assigning at once never put an agent past
  // its capacity. nullopt, nothing written, when the conversation is not found or already has an
  // assignee (someone else was faster), or when no agent has room.
  virtual std::optional<ConversationChange> assignIfUnderCapacity(Id workspace_id, Id conversation_id,
                                                                  const std::vector<Id>& agents, Millis now) = 0;
};

}  // namespace parley
