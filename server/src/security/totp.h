// Time-based one-time passwords for agents' two-factor authentication: HOTP (RFC 4226) over
// HMAC-SHA1, TOTP (RFC 6238) with 30-second steps and 6 digits, the parameters every
// authenticator app assumes when an otpauth:// URI names none. Secrets travel as base32
// (RFC 4648, no padding), the form apps accept when typed by hand.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/model.h"

namespace parley {

inline constexpr int kTotpDigits = 6;
inline constexpr Millis kTotpStepMs = 30'000;
inline constexpr std::size_t kTotpSecretBytes = 20;  // 160 bits, RFC 4226's recommendation

// RFC 4648 base32, upper case, no padding.
std::string base32Encode(std::string_view bytes);
// Accepts upper or lower case, ignores spaces, hyphens and '=' padding; nullopt on any other character
// or on trailing bits that are not zero.
std::optional<std::string> base32Decode(std::string_view text);

// The `digits`-digit HOTP value of `counter` (RFC 4226 section 5.3), zero-padded.
std::string hotp(std::string_view key, std::uint64_t counter, int digits = kTotpDigits);

// The TOTP time step of `now` (Unix time / 30 s).
std::int64_t totpStep(Millis now);

// The step among now-1, now, now+1 (clock drift either way) whose code is `code`, compared in
// constant time; nullopt when none is. The caller refuses a step it has already accepted once.
std::optional<std::int64_t> matchTotp(std::string_view key, std::string_view code, Millis now);

// 20 random bytes.
std::string newTotpSecret();

// otpauth://totp/<issuer>:<account>?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30 (Google
// Authenticator's key URI format), label and issuer percent-encoded.
std::string otpauthUri(std::string_view issuer, std::string_view account, std::string_view secret_base32);

}  // namespace parley
