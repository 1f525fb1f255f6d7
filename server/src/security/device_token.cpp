#include "security/device_token.h"

#include "security/signed_token.h"
#include "security/token.h"

namespace parley {

std::string makeDeviceToken(std::string_view key, Id agent_id, Millis now) {
  return makeSignedToken(key, "pd_", {std::to_string(agent_id), std::to_string(now + kDeviceTokenLifetime), randomHex(8)});
}

std::optional<Id> verifyDeviceToken(std::string_view key, std::string_view token, Millis now) {
  auto fields = verifySignedToken(key, token, "pd_", 3);
  if (!fields) return std::nullopt;
  auto agent = positiveTokenInt((*fields)[0]);
  auto expires = positiveTokenInt((*fields)[1]);
  if (!agent || !expires || *expires <= now) return std::nullopt;
  return *agent;
}

}  // namespace parley
