// What a patch (an agent's PATCH, the snooze waker, a CSAT rating) does to a conversation, as one pure
// function. A store applies it inside its transaction to the row as stored and writes the result; it
// decides nothing itself (its SQL CHECK constraints are only the last defence). Whether an assignee or
// team exists is not decided here: that needs the store (see ConversationStore::updateConversation).
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/model.h"

namespace parley {

// Fields a patch may change; an unset optional leaves the field alone.
struct ConversationPatch {
  std::optional<ConversationStatus> status;
  std::optional<Priority> priority;
  std::optional<std::optional<Id>> assignee_id;   // set to nullopt inside = unassign
  std::optional<std::optional<Id>> team_id;
  std::optional<std::vector<std::string>> tags;   // as given: applyPatch normalises them
  std::optional<std::optional<Millis>> snoozed_until;
  std::optional<int> csat_score;
  std::optional<std::string> csat_comment;
};

// Why a patch cannot apply: the input at fault (a PATCH body's key), a sentence for people, and the
// error code: "invalid" for input that can never apply (a 400); any other code names the state of the
// conversation that refuses it (a 409: "not_resolved", "already_rated").
struct PatchRefusal {
  std::string field;
  std::string message;
  std::string code = "invalid";
  bool operator==(const PatchRefusal&) const = default;
};

inline constexpr std::size_t kMaxTagsPerConversation = 20;

// The conversation after `patch` at `now` (updated_at = now), or why the patch is refused; a refused
// patch changes nothing. The rules:
//  - snoozing needs a time to wake up: moving to snoozed without a snoozed_until in the patch, or
//    clearing the snoozed_until of a snoozed conversation, is refused (it would sleep forever);
//  - resolving stamps resolved_at (re-resolving keeps the first stamp: reports measure when it was
//    resolved) and ends the visitor's wait; any other status clears resolved_at;
//  - any status but snoozed clears snoozed_until;
//  - tags go through normalizeTags;
//  - a rating (csat_score) is of a resolved conversation, and is given once: a later one would
//    rewrite what the team was told. Decided here, on the row the store's transaction read, so two
//    ratings at once cannot both pass.
std::variant<Conversation, PatchRefusal> applyPatch(const Conversation& current, const ConversationPatch& patch,
                                                    Millis now);

// Each tag through normalizeTag (conversation_rules.h), repeats dropped (first one kept), at most
// kMaxTagsPerConversation. Refused when a tag does not normalise or there are too many.
std::variant<std::vector<std::string>, PatchRefusal> normalizeTags(const std::vector<std::string>& tags);

}  // namespace parley
