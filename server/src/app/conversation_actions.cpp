#include "app/conversation_actions.h"

namespace parley {

std::optional<Conversation> ConversationActions::patch(const Conversation& current, const ConversationPatch& p,
                                                       Millis now) {
  auto change = conversations_.updateConversation(current.workspace_id, current.id, p, now);
  if (!change) return std::nullopt;
  events_.conversationUpdated(change->conversation, change->offset, change->conversation.status != current.status);
  return change->conversation;
}

void ConversationActions::markRead(Id workspace_id, Id conversation_id, ReaderType reader, std::int64_t seq) {
  if (auto updated = conversations_.markRead(workspace_id, conversation_id, reader, seq)) events_.read(*updated, reader);
}

std::optional<ContactMerge> ConversationActions::mergeVisitorInto(Id workspace_id, Id from_id, Id into_id,
                                                                  std::string_view visitor_token_hash, Millis now) {
  return announced(contacts_.mergeContacts(workspace_id, from_id, into_id, visitor_token_hash, now));
}

std::optional<ContactMerge> ConversationActions::mergeDuplicate(Id workspace_id, Id from_id, Id into_id, Millis now) {
  return announced(contacts_.mergeDuplicateContact(workspace_id, from_id, into_id, now));
}

std::optional<ContactMerge> ConversationActions::announced(std::optional<ContactMerge> merge) {
  if (merge)
    for (const auto& change : merge->moved) events_.conversationUpdated(change.conversation, change.offset, false);
  return merge;
}

}  // namespace parley
