// "This browser has logged in to this account before": a signed token the login answer hands
// out and the dashboard keeps. A login that presents a valid one for the account it names is not
// held back by that account's failed-login limit (it has its own), so an attacker who keeps the
// account's limit empty from elsewhere cannot lock its owner out of their usual browser (OWASP's
// "device cookie"). Stateless: HMAC-SHA256 with an installation secret, with an expiry.
//
// Form: "pd_<agent id>.<expires ms>.<16 random hex>.<hex HMAC of what precedes it>"
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/model.h"

namespace parley {

inline constexpr Millis kDeviceTokenLifetime = 180LL * 24 * 3600 * 1000;

std::string makeDeviceToken(std::string_view key, Id agent_id, Millis now);

// The agent id the token was made for, when it is well-formed, signed with `key` and not expired.
std::optional<Id> verifyDeviceToken(std::string_view key, std::string_view token, Millis now);

}  // namespace parley
