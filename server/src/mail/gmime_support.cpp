#include "mail/gmime_support.h"

#include <mutex>

namespace parley {

void ensureGmimeInitialized() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

}  // namespace parley
