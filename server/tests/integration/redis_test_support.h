// What the tests against a real redis-server share: its URL from PARLEY_TEST_REDIS
// (scripts/lib.sh's start_test_redis), skip-or-fail when it is missing (fail under
// PARLEY_REQUIRE_REDIS=1, as ./scripts/test runs them), a key prefix of the test's own, and waiting.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <optional>
#include <string>
#include <thread>

namespace parley::test {

using Clock = std::chrono::steady_clock;

inline std::optional<std::string> testRedisServer() {
  const char* url = std::getenv("PARLEY_TEST_REDIS");
  if (!url || !*url) return std::nullopt;
  return std::string(url);
}

inline bool redisRequired() {
  const char* required = std::getenv("PARLEY_REQUIRE_REDIS");
  return required && std::string(required) == "1";
}

#define PARLEY_NEED_TEST_REDIS()                                                                        \
  do {                                                                                                  \
    if (!testRedisServer()) {                                                                           \
      if (redisRequired()) FAIL() << "PARLEY_REQUIRE_REDIS=1 but PARLEY_TEST_REDIS is not set";         \
      GTEST_SKIP() << "PARLEY_TEST_REDIS is not set: Redis bus tests skipped";                          \
    }                                                                                                   \
  } while (0)

inline std::string uniquePrefix() {
  static std::atomic<int> n{0};
  return "parleytest:" + std::to_string(::getpid()) + ":" + std::to_string(n++) + ":";
}

inline long long msSince(Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t).count();
}

template <class Pred>
inline bool waitUntil(Pred pred, std::chrono::milliseconds timeout) {
  const auto until = Clock::now() + timeout;
  while (!pred()) {
    if (Clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

}  // namespace parley::test
