// Turning user text into an FTS5 query that cannot be a syntax error.
#pragma once

#include <string>
#include <string_view>

namespace parley::sqlite {

// Plain words -> `"w1" "w2"` (all must match). Empty when the text has no words.
std::string ftsQuery(std::string_view text);

}  // namespace parley::sqlite
