// Search for agents: full text over messages (private notes included: only agents search) and
// substring search over contacts.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.h"

namespace parley {

// One full-text hit. `snippet` is plain text around the match (no highlight markup).
struct MessageHit {
  Id conversation_id = 0;
  Id message_id = 0;
  std::int64_t seq = 0;
  std::string snippet;
  Millis created_at = 0;
};

class SearchIndex {
 public:
  virtual ~SearchIndex() = default;

  // The query is plain words (all must match); FTS syntax in it is treated as text. Never misses a
  // committed message.
  virtual std::vector<MessageHit> searchMessages(Id workspace_id, std::string_view query, int limit) = 0;
  // Substring match on name, email or external id, case-insensitive for ASCII; newest seen first.
  virtual std::vector<Contact> searchContacts(Id workspace_id, std::string_view query, int limit) = 0;
};

}  // namespace parley
