// The signed tokens of the two-factor login (HMAC-SHA256 with the login device key, signed_token.h):
//  - the challenge ("p2c_<workspace>.<agent>.<expires>.<random>.<hmac>"): what a correct password gets instead
//    of a session when the agent has two-factor authentication; valid 5 minutes, it proves only
//    that the password was right and is exchanged, with a code, for a session;
//  - the remembered device ("p2r_<agent>.<enabled_at>.<expires>.<random>.<hmac>"): "remember this
//    device for 30 days". It names when the agent's two-factor authentication was enabled, so
//    turning it off (or setting it up again) forgets every remembered device at once.
// Recovery codes: 10 per agent, "xxxxx-xxxxx" of base32 (50 random bits each), kept as SHA-256 hex.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.h"

namespace parley {

inline constexpr Millis kTwoFactorChallengeLifetime = 5LL * 60 * 1000;
inline constexpr Millis kRememberedDeviceLifetime = 30LL * 24 * 3600 * 1000;
inline constexpr int kRecoveryCodeCount = 10;

struct TwoFactorChallenge {
  Id workspace_id = 0;
  Id agent_id = 0;
};
std::string makeTwoFactorChallenge(std::string_view key, TwoFactorChallenge who, Millis now);
std::optional<TwoFactorChallenge> verifyTwoFactorChallenge(std::string_view key, std::string_view token, Millis now);

std::string makeRememberedDevice(std::string_view key, Id agent_id, Millis enabled_at, Millis now);
bool verifyRememberedDevice(std::string_view key, std::string_view token, Id agent_id, Millis enabled_at, Millis now);

std::vector<std::string> newRecoveryCodes();
// Lower case without spaces and hyphens, then hashed: what the store keeps and looks up.
std::string recoveryCodeHash(std::string_view code);

}  // namespace parley
