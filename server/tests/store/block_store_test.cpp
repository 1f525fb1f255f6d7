// Issue 16 item 4 on every backend: blocks are made once per contact or range, listed newest first,
// counted and removed per workspace.
#include "store_fixture.h"

namespace parley::test {
namespace {

using BlockStoreTest = BackendStoreTest;

Block blockOf(Id ws, BlockKind kind, Id contact, std::string range, Millis at) {
  Block b;
  b.workspace_id = ws;
  b.kind = kind;
  b.contact_id = contact;
  b.ip_range = std::move(range);
  b.reason = "spam";
  b.created_by = 4;
  b.created_at = at;
  return b;
}

TEST_P(BlockStoreTest, BlocksAreListedNewestFirstAndRemoved) {
  auto c = contact("v-1");
  auto byContact = store->createBlock(blockOf(ws.id, BlockKind::Contact, c.id, "", 1000));
  auto byRange = store->createBlock(blockOf(ws.id, BlockKind::Ip, 0, "203.0.113.0/24", 2000));
  EXPECT_GT(byRange.id, byContact.id);
  reopen();
  auto list = store->listBlocks(ws.id);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].kind, BlockKind::Ip);
  EXPECT_EQ(list[0].ip_range, "203.0.113.0/24");
  EXPECT_EQ(list[1].kind, BlockKind::Contact);
  EXPECT_EQ(list[1].contact_id, c.id);
  EXPECT_EQ(list[1].reason, "spam");
  EXPECT_EQ(list[1].created_by, 4);
  EXPECT_EQ(list[1].created_at, 1000);
  EXPECT_EQ(store->countBlocks(ws.id), 2u);

  Workspace other = workspace("Other");
  EXPECT_TRUE(store->listBlocks(other.id).empty());
  EXPECT_FALSE(store->deleteBlock(other.id, byRange.id)) << "another workspace cannot unblock";
  auto gone = store->deleteBlock(ws.id, byRange.id);
  ASSERT_TRUE(gone);
  EXPECT_EQ(gone->ip_range, "203.0.113.0/24");
  EXPECT_FALSE(store->deleteBlock(ws.id, byRange.id));
  EXPECT_EQ(store->countBlocks(ws.id), 1u);
}

TEST_P(BlockStoreTest, TheSameContactOrRangeIsBlockedOnce) {
  auto c = contact("v-1");
  store->createBlock(blockOf(ws.id, BlockKind::Contact, c.id, "", 1000));
  EXPECT_THROW(store->createBlock(blockOf(ws.id, BlockKind::Contact, c.id, "", 2000)), StoreConflict);
  store->createBlock(blockOf(ws.id, BlockKind::Ip, 0, "2001:db8::/32", 1000));
  EXPECT_THROW(store->createBlock(blockOf(ws.id, BlockKind::Ip, 0, "2001:db8::/32", 2000)), StoreConflict);
  Workspace other = workspace("Other");
  EXPECT_NO_THROW(store->createBlock(blockOf(other.id, BlockKind::Ip, 0, "2001:db8::/32", 2000)));
  EXPECT_EQ(store->countBlocks(ws.id), 2u);
}

PARLEY_ON_EVERY_STORE_BACKEND(BlockStoreTest);

}  // namespace
}  // namespace parley::test
