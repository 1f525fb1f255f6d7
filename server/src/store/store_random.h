// Random values a store makes itself (workspace public ids and secrets, installation secrets),
// made the same way by every backend so that moving an installation between them changes nothing.
#pragma once

#include <cstddef>
#include <string>

namespace parley {

// `bytes` random bytes from libsodium's CSPRNG, as lower-case hex.
std::string storeRandomHex(std::size_t bytes);

inline std::string newWorkspacePublicId() { return "ws_" + storeRandomHex(8); }
inline std::string newWorkspaceSecret() { return storeRandomHex(32); }
inline std::string newInstallationSecret() { return storeRandomHex(32); }

}  // namespace parley
