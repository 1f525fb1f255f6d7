// The inbox list's three sort orders and their keyset cursors, shared by every backend so a
// cursor means the same on each: a sort is a key tuple compared with one SQL row-value comparison,
// and the cursor is the page's last key ("n<updated_at>.<id>", "w<waiting_since or INT64_MAX>.<id>",
// "p<priority rank>.<updated_at>.<id>").
//
// Keyset rather than OFFSET paging: a conversation that moves while an agent scrolls can shift
// pages, but a page never repeats or skips rows that did not move. The SQL here is the subset
// SQLite and PostgreSQL both speak (coalesce, CASE, row values).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "domain/model.h"

namespace parley {

struct ConversationSort {
  char tag;               // first character of the cursor, so a cursor of another sort is refused
  std::size_t key_count;  // numbers in the cursor
  std::string key;        // SQL tuple over the alias `c` compared against the cursor
  const char* after;      // comparison operator for "comes after the cursor"
  std::string order;      // " ORDER BY ..." matching the key
};

// The keys of an order (domain/enums.h ConversationOrder).
const ConversationSort& conversationSort(ConversationOrder order);
// The key of a row as the cursor holds it.
std::vector<std::int64_t> conversationSortKey(const ConversationSort& s, const Conversation& c);
std::string encodeConversationCursor(const ConversationSort& s, const std::vector<std::int64_t>& key);
// std::invalid_argument("cursor") for anything encodeConversationCursor of this sort did not make.
std::vector<std::int64_t> decodeConversationCursor(const ConversationSort& s, const std::string& cursor);

}  // namespace parley
