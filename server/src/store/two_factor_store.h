// Agents' two-factor authentication (issue 16, item 5): one row per agent that has begun setting it
// up (pending until a code confirms it, then enabled), the last TOTP step accepted (so no code is
// accepted twice) and the one-time recovery codes as SHA-256 hex. The TOTP secret is stored sealed
// (security/secret_box.h); the store neither seals nor checks anything, it keeps what it is given.
// Agent ids are unique across workspaces, so these calls take the agent id alone (the caller has
// authenticated that agent).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.h"

namespace parley {

struct AgentTwoFactor {
  Id agent_id = 0;
  std::string sealed_secret;
  bool enabled = false;
  Millis created_at = 0;
  Millis enabled_at = 0;                   // 0 while pending
  std::optional<std::int64_t> last_step;   // the last TOTP step accepted
  std::size_t recovery_codes_left = 0;
};

class TwoFactorStore {
 public:
  virtual ~TwoFactorStore() = default;

  virtual std::optional<AgentTwoFactor> agentTwoFactor(Id agent_id) = 0;
  // One indexed read: what every request of a workspace that requires two-factor asks.
  virtual bool twoFactorEnabled(Id agent_id) = 0;
  // A new pending secret (replacing an earlier pending one); false, and nothing changed, when the
  // agent's two-factor authentication is already enabled.
  virtual bool beginTwoFactorSetup(Id agent_id, std::string_view sealed_secret, Millis now) = 0;
  // Pending -> enabled, `step` recorded as used and the recovery codes set, in one transaction;
  // false when nothing was pending.
  virtual bool enableTwoFactor(Id agent_id, std::int64_t step, const std::vector<std::string>& code_hashes,
                               Millis now) = 0;
  // Records `step` as used when it is later than every step accepted before; false (a replay, or
  // an older code after a newer one) otherwise. Atomic: two requests with one code, one wins.
  virtual bool claimTotpStep(Id agent_id, std::int64_t step) = 0;
  // Deletes the code; false when the agent has no such unused code. Atomic like claimTotpStep.
  virtual bool useRecoveryCode(Id agent_id, std::string_view code_hash) = 0;
  virtual void replaceRecoveryCodes(Id agent_id, const std::vector<std::string>& code_hashes) = 0;
  // Forgets the secret and the codes; false when there was nothing.
  virtual bool disableTwoFactor(Id agent_id) = 0;
};

}  // namespace parley
