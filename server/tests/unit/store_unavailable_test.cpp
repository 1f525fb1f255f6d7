// A database that cannot be reached (PostgreSQL stopped or restarting) is answered 503 `unavailable`
// with Retry-After, not 500 `internal`: the client may try again in a moment. End to end in
// tests/chaos (scenario d).
#include <gtest/gtest.h>

#include "http/api_support.h"
#include "store/store_errors.h"

namespace parley::test {
namespace {

TEST(StoreUnavailableAnswer, IsAnswered503UnavailableWithRetryAfter) {
  auto res = errorFor(std::make_exception_ptr(StoreUnavailable("postgresql: cannot connect: refused")), "GET /api/v1/me");
  EXPECT_EQ(res.status, 503);
  EXPECT_NE(res.body.find("\"code\":\"unavailable\""), std::string::npos) << res.body;
  EXPECT_EQ(res.body.find("postgresql"), std::string::npos) << "no database text for clients: " << res.body;
  bool retryAfter = false;
  for (const auto& [k, v] : res.headers) retryAfter = retryAfter || (k == "Retry-After" && v == "1");
  EXPECT_TRUE(retryAfter);
}

TEST(StoreUnavailableAnswer, OtherFailuresStay500Internal) {
  auto res = errorFor(std::make_exception_ptr(std::runtime_error("disk full")), "GET /api/v1/me");
  EXPECT_EQ(res.status, 500);
}

}  // namespace
}  // namespace parley::test
