#include "domain/message_effects.h"

#include <algorithm>

namespace parley {

MessageEffect effectOf(SenderType sender_type, bool is_private) {
  if (is_private) return MessageEffect::None;
  switch (sender_type) {
    case SenderType::Visitor: return MessageEffect::VisitorWrote;
    case SenderType::Agent:
    case SenderType::Bot: return MessageEffect::Replied;
    case SenderType::System: return MessageEffect::None;
  }
  return MessageEffect::None;
}

bool isAnswerToOutreach(const Conversation& c, const Message& m) {
  return m.sender_type == SenderType::Visitor && !m.is_private && !c.assignee_id && c.waiting_since == m.created_at &&
         c.first_reply_at == c.created_at;
}

void applyStoredMessage(Conversation& c, const Message& m) {
  const MessageEffect effect = effectOf(m.sender_type, m.is_private);
  c.last_seq = m.seq;
  c.updated_at = std::max(c.updated_at, m.created_at);
  // Private notes are invisible to the visitor, so they do not become the preview line either,
  // nor count in the visitor's sequence.
  if (!m.is_private) {
    c.last_message = LastMessage{m.body, m.sender_type, m.created_at};
    c.visitor_last_seq = m.visitor_seq;
  }
  if (effect == MessageEffect::VisitorWrote) {
    if (!c.waiting_since) c.waiting_since = m.created_at;
    if (c.status == ConversationStatus::Resolved || c.status == ConversationStatus::Snoozed) {
      c.status = ConversationStatus::Open;
      c.resolved_at.reset();
      c.snoozed_until.reset();
    }
  } else if (effect == MessageEffect::Replied) {
    c.waiting_since.reset();
    if (!c.first_reply_at) c.first_reply_at = m.created_at;
  }
}

}  // namespace parley
