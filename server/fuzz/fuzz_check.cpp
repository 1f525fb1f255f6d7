#include "fuzz_check.h"

#include <cstdio>
#include <cstdlib>

namespace parley::fuzz {

void fail(std::string_view what, std::string_view detail) {
  std::fprintf(stderr, "\n==FUZZ FAILURE== %.*s\n%.*s\n", static_cast<int>(what.size()), what.data(),
               static_cast<int>(detail.size()), detail.data());
  std::fflush(stderr);
  std::abort();
}

}  // namespace parley::fuzz
