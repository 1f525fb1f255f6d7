// What both backends' contacts page (listContacts) shares: the segment's condition, the search text
// as typed, and the keyset cursor "l<last_seen_at>.<id>" of a page's last row (the same text on
// every backend, so a cursor survives `parley store copy`).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "domain/model.h"

namespace parley {

// The SQL condition (starting with " AND", or empty) for a segment. Contacts are `ct`.
const char* contactSegmentCondition(ContactSegment segment);

// The search text without the blanks around it (spaces, tabs, line breaks).
std::string_view trimContactSearch(std::string_view s);

std::string encodeContactCursor(const Contact& c);
// (last_seen_at, id); throws std::invalid_argument("cursor") on anything else.
std::pair<std::int64_t, std::int64_t> decodeContactCursor(const std::string& cursor);

}  // namespace parley
