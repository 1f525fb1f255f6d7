// The articles list's page cursor, the same text on both backends: "u<updated_at>.<id>" after the
// last row of a page in update order, "o<offset>" within a search's ranked hits.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/model.h"

namespace parley {

struct ArticleCursor {
  Millis updated_at = 0;
  Id id = 0;
  int offset = 0;  // search pages only
};

std::string encodeArticleCursor(Millis updated_at, Id id);
std::string encodeArticleSearchCursor(int offset);
// Throws std::invalid_argument for anything encode did not make (of the other kind included).
ArticleCursor decodeArticleCursor(std::string_view cursor, bool search);

// The page size a list asks for, within 1..100 (0 or less: 50).
int clampArticleLimit(int limit);

}  // namespace parley
