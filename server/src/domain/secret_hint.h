// How a secret is shown after it was made (an API token, a webhook's signing secret): its last
// four characters after an ellipsis, enough to tell two apart, too few to help a guess.
#pragma once

#include <string>
#include <string_view>

namespace parley {

inline std::string secretHint(std::string_view secret) {
  if (secret.size() <= 4) return "…";
  return "…" + std::string(secret.substr(secret.size() - 4));
}

}  // namespace parley
