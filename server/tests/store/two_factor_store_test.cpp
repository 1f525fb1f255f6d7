// Issue 16 item 5 on every backend: an agent's two-factor row is pending until confirmed, a TOTP
// step is accepted once and never an older one, a recovery code is used once, new codes replace
// the old, turning it off forgets everything, and an enabled set-up cannot be replaced.
#include "store_fixture.h"

namespace parley::test {
namespace {

using TwoFactorStoreTest = BackendStoreTest;

TEST_P(TwoFactorStoreTest, PendingUntilConfirmedThenEnabledWithItsCodes) {
  auto a = agent("ana@example.com");
  EXPECT_FALSE(store->agentTwoFactor(a.id));
  EXPECT_FALSE(store->twoFactorEnabled(a.id));
  EXPECT_TRUE(store->beginTwoFactorSetup(a.id, "sealed-1", 1000));
  EXPECT_TRUE(store->beginTwoFactorSetup(a.id, "sealed-2", 2000)) << "an abandoned set-up is replaced";
  auto tf = store->agentTwoFactor(a.id);
  ASSERT_TRUE(tf);
  EXPECT_EQ(tf->sealed_secret, "sealed-2");
  EXPECT_FALSE(tf->enabled);
  EXPECT_FALSE(store->twoFactorEnabled(a.id));

  EXPECT_TRUE(store->enableTwoFactor(a.id, 100, {"h1", "h2", "h3"}, 3000));
  EXPECT_FALSE(store->enableTwoFactor(a.id, 101, {"h4"}, 3100)) << "already enabled";
  reopen();
  tf = store->agentTwoFactor(a.id);
  ASSERT_TRUE(tf);
  EXPECT_TRUE(tf->enabled);
  EXPECT_EQ(tf->enabled_at, 3000);
  EXPECT_EQ(tf->last_step, 100);
  EXPECT_EQ(tf->recovery_codes_left, 3u);
  EXPECT_TRUE(store->twoFactorEnabled(a.id));
  EXPECT_FALSE(store->beginTwoFactorSetup(a.id, "sealed-3", 4000)) << "an enabled secret is not replaced";
  EXPECT_EQ(store->agentTwoFactor(a.id)->sealed_secret, "sealed-2");
}

TEST_P(TwoFactorStoreTest, AStepIsAcceptedOnceAndNeverAnOlderOne) {
  auto a = agent("ana@example.com");
  EXPECT_FALSE(store->claimTotpStep(a.id, 5)) << "no row";
  store->beginTwoFactorSetup(a.id, "s", 1000);
  store->enableTwoFactor(a.id, 100, {}, 1000);
  EXPECT_FALSE(store->claimTotpStep(a.id, 100)) << "the confirming code's step";
  EXPECT_TRUE(store->claimTotpStep(a.id, 101));
  auto other = another();
  EXPECT_FALSE(other->claimTotpStep(a.id, 101)) << "a replay on another node";
  EXPECT_FALSE(store->claimTotpStep(a.id, 100));
  EXPECT_TRUE(other->claimTotpStep(a.id, 103));
}

TEST_P(TwoFactorStoreTest, RecoveryCodesAreUsedOnceAndReplacedTogether) {
  auto a = agent("ana@example.com");
  auto b = agent("bo@example.com");
  store->beginTwoFactorSetup(a.id, "s", 1000);
  store->enableTwoFactor(a.id, 1, {"h1", "h2"}, 1000);
  EXPECT_FALSE(store->useRecoveryCode(b.id, "h1")) << "another agent's code";
  EXPECT_TRUE(store->useRecoveryCode(a.id, "h1"));
  EXPECT_FALSE(store->useRecoveryCode(a.id, "h1"));
  EXPECT_EQ(store->agentTwoFactor(a.id)->recovery_codes_left, 1u);
  store->replaceRecoveryCodes(a.id, {"n1", "n2", "n3"});
  EXPECT_FALSE(store->useRecoveryCode(a.id, "h2")) << "the old codes are gone";
  EXPECT_TRUE(store->useRecoveryCode(a.id, "n2"));
  EXPECT_EQ(store->agentTwoFactor(a.id)->recovery_codes_left, 2u);
}

TEST_P(TwoFactorStoreTest, TurningItOffForgetsTheSecretAndTheCodes) {
  auto a = agent("ana@example.com");
  EXPECT_FALSE(store->disableTwoFactor(a.id));
  store->beginTwoFactorSetup(a.id, "s", 1000);
  store->enableTwoFactor(a.id, 1, {"h1"}, 1000);
  EXPECT_TRUE(store->disableTwoFactor(a.id));
  EXPECT_FALSE(store->agentTwoFactor(a.id));
  EXPECT_FALSE(store->twoFactorEnabled(a.id));
  EXPECT_FALSE(store->useRecoveryCode(a.id, "h1"));
  EXPECT_TRUE(store->beginTwoFactorSetup(a.id, "again", 2000));
  EXPECT_EQ(store->agentTwoFactor(a.id)->recovery_codes_left, 0u);
}

PARLEY_ON_EVERY_STORE_BACKEND(TwoFactorStoreTest);

}  // namespace
}  // namespace parley::test
