// Random secrets and their stored form. Tokens are kept only as SHA-256 hex (docs/protocol.md), so a leaked
// database does not hand out live sessions; the random part is 256 bits, which makes a salted slow hash pointless.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace parley {

// prefix + base64url (no padding) of 32 random bytes, e.g. randomToken("pa_") -> "pa_" + 43 characters.
std::string randomToken(std::string_view prefix);

// Lower-case hex SHA-256 of the bytes.
std::string sha256Hex(std::string_view data);

// Lower-case hex of `bytes` random bytes (2 * bytes characters): workspace HMAC secrets, public ids, file names.
std::string randomHex(std::size_t bytes);

// Lower-case hex of arbitrary bytes.
std::string toHex(std::string_view bytes);

}  // namespace parley
