#include "domain/conversation_patch.h"

#include <algorithm>

#include "domain/conversation_rules.h"

namespace parley {

std::variant<std::vector<std::string>, PatchRefusal> normalizeTags(const std::vector<std::string>& tags) {
  std::vector<std::string> out;
  for (const auto& raw : tags) {
    auto tag = normalizeTag(raw);
    if (!tag) return PatchRefusal{"tags", "tags must be 1 to 40 letters, digits, spaces, - or _"};
    if (std::find(out.begin(), out.end(), *tag) == out.end()) out.push_back(std::move(*tag));
  }
  // Counted after merging repeats: "VIP" and "vip " are one tag.
  if (out.size() > kMaxTagsPerConversation) return PatchRefusal{"tags", "at most 20 tags"};
  return out;
}

std::variant<Conversation, PatchRefusal> applyPatch(const Conversation& current, const ConversationPatch& p,
                                                    Millis now) {
  using S = ConversationStatus;
  const PatchRefusal needs_time{"snoozed_until", "snoozed_until is required to snooze a conversation"};
  // Checked before anything else, so a patch with several faults names this one (as the API always has).
  if (p.status) {
    const bool has_time = p.snoozed_until && p.snoozed_until->has_value();
    if (auto why = checkTransition(current.status, *p.status, has_time)) return PatchRefusal{needs_time.field, *why};
  }

  if (p.csat_score) {
    if (current.status != S::Resolved)
      return PatchRefusal{"conversation_id", "a conversation can be rated once it is resolved", "not_resolved"};
    if (current.csat_score)
      return PatchRefusal{"score", "this conversation has been rated already", "already_rated"};
  }

  Conversation c = current;
  if (p.tags) {
    auto tags = normalizeTags(*p.tags);
    if (auto* refusal = std::get_if<PatchRefusal>(&tags)) return *refusal;
    c.tags = std::move(std::get<std::vector<std::string>>(tags));
  }
  if (p.priority) c.priority = *p.priority;
  if (p.assignee_id) c.assignee_id = *p.assignee_id;
  if (p.team_id) c.team_id = *p.team_id;
  if (p.snoozed_until) c.snoozed_until = *p.snoozed_until;
  if (p.csat_score) c.csat_score = *p.csat_score;
  if (p.csat_comment) c.csat_comment = *p.csat_comment;
  if (p.status) {
    const S to = *p.status;
    if (to == S::Resolved && c.status != S::Resolved) c.resolved_at = now;
    if (to != S::Resolved) c.resolved_at.reset();
    if (to == S::Resolved) c.waiting_since.reset();
    if (to != S::Snoozed) c.snoozed_until.reset();
    c.status = to;
  }
  // Only a patch that touches the snooze is refused for it: a row left without a time by an older
  // version can still be assigned or tagged.
  if (c.status == S::Snoozed && !c.snoozed_until && (p.status || p.snoozed_until)) return needs_time;
  c.updated_at = now;
  return c;
}

}  // namespace parley
