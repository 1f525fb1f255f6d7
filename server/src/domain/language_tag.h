// Language tags (BCP 47 as browsers send them: "pt-BR", also written "pt_BR"), compared for the
// proactive rules' and the routing rules' "language" conditions.
#pragma once

#include <string_view>

#include "domain/ascii.h"

namespace parley {

// "de" matches "de", "de-AT", "DE_at"; "de-AT" matches only "de-AT" (case-insensitive); an empty
// wanted tag matches nothing.
inline bool languageMatches(std::string_view wanted, std::string_view have) {
  if (wanted.empty() || have.size() < wanted.size()) return false;
  if (!asciiIEquals(have.substr(0, wanted.size()), wanted)) return false;
  return have.size() == wanted.size() || have[wanted.size()] == '-' || have[wanted.size()] == '_';
}

}  // namespace parley
