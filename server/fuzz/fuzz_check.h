// How a fuzz target reports a broken invariant: a message on stderr, then abort(), which
// libFuzzer treats like any crash (it saves the input and prints the reproducer's path).
#pragma once

#include <string_view>

namespace parley::fuzz {

[[noreturn]] void fail(std::string_view what, std::string_view detail = {});

}  // namespace parley::fuzz
