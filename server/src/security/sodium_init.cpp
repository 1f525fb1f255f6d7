#include "security/sodium_init.h"

#include <sodium.h>

#include <mutex>
#include <stdexcept>

namespace parley {

void ensureSodium() {
  static std::once_flag once;
  // call_once rethrows and lets a later call retry, so a failure is reported to every caller.
  std::call_once(once, [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  });
}

}  // namespace parley
