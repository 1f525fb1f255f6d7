// API tokens (issue 15, item 6): long-lived bearer tokens an admin makes for an integration. A token
// acts as the admin who made it, within its scope:
//   read  - GET and HEAD of every endpoint an agent may call;
//   write - every method of those endpoints;
//   admin - also the admin-only endpoints (settings, agents, ...), as the maker's role allows.
// Making and revoking tokens needs a signed-in admin (a session), never a token: a leaked token
// cannot make itself a successor. Tokens are "pk_" + 43 base64url characters (256 random bits),
// stored as SHA-256 hex only (security/token.h); the last 4 characters are kept as a hint.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace parley {

enum class ApiTokenScope { Read, Write, Admin };

inline constexpr std::string_view kApiTokenPrefix = "pk_";
inline constexpr std::size_t kMaxApiTokensPerWorkspace = 50;
inline constexpr std::size_t kMaxApiTokenNameChars = 80;
// last_used_at is written at most this often per token (a token used 20 times a second must not
// write 20 rows a second).
inline constexpr long long kApiTokenTouchEveryMs = 60'000;

std::string_view toString(ApiTokenScope s);
std::optional<ApiTokenScope> parseApiTokenScope(std::string_view s);

// Whether a request by `method` may go through with this scope; admin_only: the endpoint needs an admin.
bool apiTokenScopeAllows(ApiTokenScope scope, std::string_view method, bool admin_only);

}  // namespace parley
