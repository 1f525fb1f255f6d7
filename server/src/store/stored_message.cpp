#include "store/stored_message.h"

namespace parley {

Message storedMessage(const NewMessage& nm, const StoredMessagePlace& place, std::optional<std::string> sender_name,
                      std::optional<std::string> sender_avatar_url) {
  Message m;
  m.workspace_id = place.workspace_id;
  m.conversation_id = place.conversation_id;
  m.seq = place.seq;
  m.visitor_seq = place.visitor_seq;
  m.sender_type = nm.sender_type;
  m.sender_id = place.sender_id;
  m.body = nm.body;
  m.is_private = nm.is_private;
  m.client_id = nm.client_id;
  m.attachments_json = nm.attachments_json;
  m.content_json = nm.content_json;
  m.created_at = nm.created_at;
  m.sender_name = std::move(sender_name);
  m.sender_avatar_url = std::move(sender_avatar_url);
  return m;
}

CheckedSender checkSender(const NewMessage& nm) {
  CheckedSender out{nm.sender_id};
  if (nm.sender_type != SenderType::Visitor) return out;
  if (nm.contact_id == 0) return {std::nullopt, "a visitor message needs contact_id"};
  if (!out.sender_id) out.sender_id = nm.contact_id;
  if (*out.sender_id != nm.contact_id) return {std::nullopt, "sender_id is not the visitor"};
  if (nm.is_private) return {std::nullopt, "visitors cannot write private notes"};
  return out;
}

}  // namespace parley
