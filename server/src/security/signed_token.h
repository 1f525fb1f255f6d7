// Stateless signed tokens: "<prefix><field>.<field>....<hex HMAC-SHA256 of what precedes it>". The
// login device token (device_token.h) and the email link (email_tokens.h) are both this shape.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parley {

// `fields` (none holding a '.') joined by '.', after `prefix`, signed with `key`.
std::string makeSignedToken(std::string_view key, std::string_view prefix, const std::vector<std::string>& fields);

// The fields, when `token` starts with `prefix`, is at most `max_size` bytes, carries a valid
// signature with `key` (compared in constant time before anything else is read) and has exactly
// `count` non-empty fields; nullopt otherwise.
std::optional<std::vector<std::string>> verifySignedToken(std::string_view key, std::string_view token,
                                                          std::string_view prefix, std::size_t count,
                                                          std::size_t max_size = 200);

// A field that must be a positive decimal integer (ids, expiry times): at most 19 digits.
std::optional<std::int64_t> positiveTokenInt(std::string_view field);

}  // namespace parley
