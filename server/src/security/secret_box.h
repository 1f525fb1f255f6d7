// Secrets the server must read back (agents' TOTP keys) are stored sealed: XSalsa20-Poly1305
// (libsodium's crypto_secretbox) under a key derived from an installation secret, as hex of
// nonce + ciphertext. The key lives in the same database (the meta table), so this guards against
// a leak of the rows alone (a table export, a backup of one table, a query that reads one column),
// not against a copy of the whole database; docs/security.md says so.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace parley {

// `key_material`: any installation secret; `context` separates the keys of different uses.
std::string sealSecret(std::string_view key_material, std::string_view context, std::string_view plain);
// nullopt when `sealed` is not what sealSecret made with the same key material and context.
std::optional<std::string> openSecret(std::string_view key_material, std::string_view context, std::string_view sealed);

}  // namespace parley
