#include "app/second_factor.h"

#include "security/secret_box.h"
#include "security/totp.h"
#include "security/two_factor_tokens.h"

namespace parley {

namespace {
constexpr std::string_view kTotpSealContext = "parley totp secret v1";
}

std::string sealTotpSecret(std::string_view key, std::string_view secret) {
  return sealSecret(key, kTotpSealContext, secret);
}

std::optional<std::string> openTotpSecret(std::string_view key, std::string_view sealed) {
  return openSecret(key, kTotpSealContext, sealed);
}

std::optional<SecondFactorKind> acceptSecondFactor(TwoFactorStore& store, std::string_view key,
                                                   const AgentTwoFactor& tf, std::string_view code, Millis now) {
  if (!tf.enabled || code.empty() || code.size() > 64) return std::nullopt;
  std::string trimmed;
  for (char c : code)
    if (c != ' ') trimmed += c;
  if (trimmed.size() == static_cast<std::size_t>(kTotpDigits)) {
    auto secret = openTotpSecret(key, tf.sealed_secret);
    if (!secret) return std::nullopt;
    auto step = matchTotp(*secret, trimmed, now);
    if (!step || !store.claimTotpStep(tf.agent_id, *step)) return std::nullopt;
    return SecondFactorKind::Totp;
  }
  if (store.useRecoveryCode(tf.agent_id, recoveryCodeHash(trimmed))) return SecondFactorKind::RecoveryCode;
  return std::nullopt;
}

}  // namespace parley
