// Identity verification: the site signs its user id with the workspace secret and the widget passes the signature
// along (docs/protocol.md, POST /api/v1/widget/identify).
#pragma once

#include <string>
#include <string_view>

namespace parley {

// Lower-case hex HMAC-SHA256(key, data), the same form as the sites' documented
// `hash_hmac('sha256', $user_id, $secret)` / `crypto.createHmac(...).digest('hex')`.
std::string hmacSha256Hex(std::string_view key, std::string_view data);

// Compares secrets without a timing side channel on their contents. Unequal lengths return false at once:
// the length of a hex HMAC is public, so that leak costs nothing.
bool constantTimeEqual(std::string_view a, std::string_view b);

}  // namespace parley
