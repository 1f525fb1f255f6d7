// libsodium must be initialised before its first use; every security/ file that calls it goes through here.
#pragma once

namespace parley {

// Runs sodium_init() once per process; throws std::runtime_error if libsodium cannot start
// (it then has no safe random source, and going on would hand out predictable tokens).
void ensureSodium();

}  // namespace parley
