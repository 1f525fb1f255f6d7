// What any store interface may throw besides std::exception for a failure of its own (I/O, a full
// disk): errors that are the caller's input, each with a sentence for people, never database text.
#pragma once

#include <stdexcept>
#include <string>

#include "domain/conversation_patch.h"

namespace parley {

// A unique constraint was hit (e.g. an agent email already taken). The message is for people
// ("an agent with this email already exists"), never the database's own text; `field` names the
// input that collided when the store knows it.
struct StoreConflict : std::runtime_error {
  explicit StoreConflict(const std::string& message, std::string field = {})
      : std::runtime_error(message), field(std::move(field)) {}
  std::string field;
};

// The database cannot be reached right now (PostgreSQL stopped, restarting, the connection lost):
// nothing was done, and the same call may succeed in a moment. REST answers 503 `unavailable` with
// Retry-After instead of 500 `internal`.
struct StoreUnavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A conversation patch that cannot apply (domain applyPatch's refusal, or an assignee or team that
// is not in the workspace). Nothing was written; what() is for people, `field` names the input.
struct InvalidPatch : std::invalid_argument {
  explicit InvalidPatch(const PatchRefusal& r) : std::invalid_argument(r.message), field(r.field), code(r.code) {}
  std::string field;
  std::string code;  // PatchRefusal::code: "invalid", or the conversation's state that refused it
};

// applyPatch's conversation, or its refusal thrown as InvalidPatch: for a store's transaction.
inline Conversation patchedOrThrow(const Conversation& current, const ConversationPatch& p, Millis now) {
  auto outcome = applyPatch(current, p, now);
  if (auto* refusal = std::get_if<PatchRefusal>(&outcome)) throw InvalidPatch(*refusal);
  return std::get<Conversation>(std::move(outcome));
}

}  // namespace parley
