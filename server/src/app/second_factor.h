// Checking an agent's second factor (issue 16, item 5): a 6-digit TOTP code (security/totp.h),
// never the same time step twice, or one of the agent's recovery codes, used up by the check. One
// place for the login's second step, the enrolment's confirmation, regenerating the recovery codes
// and turning two-factor authentication off. The TOTP secret is sealed with the installation key
// (security/secret_box.h) before the store sees it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/model.h"
#include "store/two_factor_store.h"

namespace parley {

enum class SecondFactorKind { Totp, RecoveryCode };

std::string sealTotpSecret(std::string_view key, std::string_view secret);
// nullopt: the stored secret cannot be opened with this key (a different installation's database).
std::optional<std::string> openTotpSecret(std::string_view key, std::string_view sealed);

// Accepts `code` for an enabled agent: 6 digits are a TOTP code (its step claimed in the store),
// anything else a recovery code (deleted); nullopt when it is neither.
std::optional<SecondFactorKind> acceptSecondFactor(TwoFactorStore& store, std::string_view key,
                                                   const AgentTwoFactor& tf, std::string_view code, Millis now);

}  // namespace parley
