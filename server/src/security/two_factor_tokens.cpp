#include "security/two_factor_tokens.h"

#include "security/signed_token.h"
#include "security/token.h"
#include "security/totp.h"

namespace parley {

std::string makeTwoFactorChallenge(std::string_view key, TwoFactorChallenge who, Millis now) {
  return makeSignedToken(key, "p2c_",
                         {std::to_string(who.workspace_id), std::to_string(who.agent_id),
                          std::to_string(now + kTwoFactorChallengeLifetime), randomHex(8)});
}

std::optional<TwoFactorChallenge> verifyTwoFactorChallenge(std::string_view key, std::string_view token, Millis now) {
  auto fields = verifySignedToken(key, token, "p2c_", 4);
  if (!fields) return std::nullopt;
  auto ws = positiveTokenInt((*fields)[0]);
  auto agent = positiveTokenInt((*fields)[1]);
  auto expires = positiveTokenInt((*fields)[2]);
  if (!ws || !agent || !expires || *expires <= now) return std::nullopt;
  return TwoFactorChallenge{*ws, *agent};
}

std::string makeRememberedDevice(std::string_view key, Id agent_id, Millis enabled_at, Millis now) {
  return makeSignedToken(key, "p2r_",
                         {std::to_string(agent_id), std::to_string(enabled_at),
                          std::to_string(now + kRememberedDeviceLifetime), randomHex(8)});
}

bool verifyRememberedDevice(std::string_view key, std::string_view token, Id agent_id, Millis enabled_at, Millis now) {
  auto fields = verifySignedToken(key, token, "p2r_", 4);
  if (!fields) return false;
  auto agent = positiveTokenInt((*fields)[0]);
  auto enabled = positiveTokenInt((*fields)[1]);
  auto expires = positiveTokenInt((*fields)[2]);
  return agent && enabled && expires && *agent == agent_id && *enabled == enabled_at && *expires > now;
}

std::vector<std::string> newRecoveryCodes() {
  std::vector<std::string> codes;
  for (int i = 0; i < kRecoveryCodeCount; ++i) {
    auto text = base32Encode(newTotpSecret().substr(0, 7)).substr(0, 10);  // 50 bits
    for (char& c : text)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    codes.push_back(text.substr(0, 5) + "-" + text.substr(5));
  }
  return codes;
}

std::string recoveryCodeHash(std::string_view code) {
  std::string n;
  for (char c : code) {
    if (c == '-' || c == ' ') continue;
    n += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return sha256Hex("recovery:" + n);
}

}  // namespace parley
