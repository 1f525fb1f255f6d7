// API token scopes and hints (domain/api_token.h).
#include "domain/api_token.h"
#include "domain/secret_hint.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

TEST(ApiTokenScope, ReadOnlyReadsWriteAlsoWritesOnlyAdminReachesAdminEndpoints) {
  for (auto method : {"GET", "HEAD"})
    for (auto scope : {ApiTokenScope::Read, ApiTokenScope::Write, ApiTokenScope::Admin})
      EXPECT_TRUE(apiTokenScopeAllows(scope, method, false)) << method << " " << toString(scope);
  for (auto method : {"POST", "PATCH", "PUT", "DELETE"}) {
    EXPECT_FALSE(apiTokenScopeAllows(ApiTokenScope::Read, method, false)) << method;
    EXPECT_TRUE(apiTokenScopeAllows(ApiTokenScope::Write, method, false)) << method;
    EXPECT_TRUE(apiTokenScopeAllows(ApiTokenScope::Admin, method, false)) << method;
  }
  for (auto method : {"GET", "POST", "DELETE"}) {
    EXPECT_FALSE(apiTokenScopeAllows(ApiTokenScope::Read, method, true)) << method;
    EXPECT_FALSE(apiTokenScopeAllows(ApiTokenScope::Write, method, true)) << method;
    EXPECT_TRUE(apiTokenScopeAllows(ApiTokenScope::Admin, method, true)) << method;
  }
}

TEST(ApiTokenScope, WordsRoundTripAndOthersAreRefused) {
  for (auto scope : {ApiTokenScope::Read, ApiTokenScope::Write, ApiTokenScope::Admin})
    EXPECT_EQ(parseApiTokenScope(toString(scope)), scope);
  for (auto word : {"", "READ", "owner", "read ", "*"}) EXPECT_FALSE(parseApiTokenScope(word)) << word;
}

TEST(ApiTokenHint, ShowsTheLastFourCharactersOnly) {
  EXPECT_EQ(secretHint("pk_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH"), "…EFGH");
  EXPECT_EQ(secretHint("abc"), "…");
}

}  // namespace
}  // namespace parley
