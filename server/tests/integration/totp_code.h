// The code an authenticator app shows for `secret` now (offset 0) or `offset` 30-second steps away,
// computed with the RFC 6238 functions the unit tests check against the RFC's vectors. The server
// accepts each step once, so a test that needs two codes asks for two offsets.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "security/totp.h"

namespace parley::test {

inline std::string totpCode(const std::string& secret, int offset) {
  const auto now =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  return hotp(secret, static_cast<std::uint64_t>(totpStep(now) + offset));
}

}  // namespace parley::test
