// Issue 15 item 6 on every backend: API tokens are found by their hash only, listed newest first
// without it, touched forward only, revoked by deleting, and kept apart per workspace.
#include "store_fixture.h"

namespace parley::test {
namespace {

using ApiTokenStoreTest = BackendStoreTest;

TEST_P(ApiTokenStoreTest, ATokenIsFoundByItsHashUntilItIsRevoked) {
  auto made = store->createApiToken(ws.id, "Zapier", ApiTokenScope::Write, 7, "hash-1", "…abcd", 1000);
  EXPECT_GT(made.id, 0);
  EXPECT_EQ(made.scope, ApiTokenScope::Write);
  EXPECT_FALSE(made.last_used_at);
  reopen();
  auto found = store->apiTokenByHash("hash-1");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, made.id);
  EXPECT_EQ(found->workspace_id, ws.id);
  EXPECT_EQ(found->name, "Zapier");
  EXPECT_EQ(found->scope, ApiTokenScope::Write);
  EXPECT_EQ(found->created_by, 7);
  EXPECT_EQ(found->created_at, 1000);
  EXPECT_EQ(found->hint, "…abcd");
  EXPECT_FALSE(store->apiTokenByHash("hash-2"));

  Workspace other = workspace("Other");
  EXPECT_FALSE(store->deleteApiToken(other.id, made.id)) << "another workspace cannot revoke it";
  EXPECT_TRUE(store->apiTokenByHash("hash-1"));
  EXPECT_TRUE(store->deleteApiToken(ws.id, made.id));
  EXPECT_FALSE(store->apiTokenByHash("hash-1"));
  EXPECT_FALSE(store->deleteApiToken(ws.id, made.id));
}

TEST_P(ApiTokenStoreTest, TheListIsNewestFirstPerWorkspaceAndCounts) {
  store->createApiToken(ws.id, "old", ApiTokenScope::Read, 1, "h-old", "…1111", 1000);
  store->createApiToken(ws.id, "new", ApiTokenScope::Admin, 1, "h-new", "…2222", 2000);
  Workspace other = workspace("Other");
  store->createApiToken(other.id, "theirs", ApiTokenScope::Read, 2, "h-theirs", "…3333", 3000);
  auto list = store->listApiTokens(ws.id);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].name, "new");
  EXPECT_EQ(list[0].scope, ApiTokenScope::Admin);
  EXPECT_EQ(list[1].name, "old");
  EXPECT_EQ(store->countApiTokens(ws.id), 2u);
  EXPECT_EQ(store->countApiTokens(other.id), 1u);
}

TEST_P(ApiTokenStoreTest, LastUsedOnlyMovesForward) {
  auto t = store->createApiToken(ws.id, "ci", ApiTokenScope::Read, 1, "h", "…h", 1000);
  store->touchApiToken(ws.id, t.id, 5000);
  store->touchApiToken(ws.id, t.id, 4000);  // a slower request of another node
  Workspace other = workspace("Other");
  store->touchApiToken(other.id, t.id, 9000);  // not theirs
  EXPECT_EQ(store->apiTokenByHash("h")->last_used_at, 5000);
  EXPECT_EQ(store->listApiTokens(ws.id)[0].last_used_at, 5000);
}

PARLEY_ON_EVERY_STORE_BACKEND(ApiTokenStoreTest);

}  // namespace
}  // namespace parley::test
