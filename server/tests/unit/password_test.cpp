#include "security/password.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

class PasswordTest : public ::testing::Test {
 protected:
  void SetUp() override { setPasswordHashingCost(true); }
};

TEST_F(PasswordTest, HashIsArgon2idAndVerifies) {
  auto hash = hashPassword("correct horse battery staple");
  EXPECT_TRUE(hash.starts_with("$argon2id$v=19$")) << hash;
  EXPECT_TRUE(verifyPassword(hash, "correct horse battery staple"));
  EXPECT_FALSE(verifyPassword(hash, "correct horse battery stapl"));
  EXPECT_FALSE(verifyPassword(hash, ""));
}

TEST_F(PasswordTest, SameInputGivesDifferentSaltedHashes) {
  auto a = hashPassword("hunter2");
  auto b = hashPassword("hunter2");
  EXPECT_NE(a, b);
  EXPECT_TRUE(verifyPassword(a, "hunter2"));
  EXPECT_TRUE(verifyPassword(b, "hunter2"));
}

TEST_F(PasswordTest, UnicodeAndEmbeddedNulPasswordsAreExact) {
  std::string with_nul("pa\0ss", 5);
  auto hash = hashPassword(with_nul);
  EXPECT_TRUE(verifyPassword(hash, with_nul));
  EXPECT_FALSE(verifyPassword(hash, "pa"));  // a C-string API would have stopped at the NUL

  auto umlaut = hashPassword("Grüße");
  EXPECT_TRUE(verifyPassword(umlaut, "Grüße"));
  EXPECT_FALSE(verifyPassword(umlaut, "Grusse"));
}

TEST_F(PasswordTest, GarbageHashesAreRejectedWithoutThrowing) {
  EXPECT_FALSE(verifyPassword("", "x"));
  EXPECT_FALSE(verifyPassword("not a hash", "not a hash"));
  EXPECT_FALSE(verifyPassword(std::string(500, 'a'), "x"));
  auto hash = hashPassword("x");
  EXPECT_FALSE(verifyPassword(hash.substr(0, hash.size() - 4), "x"));
  std::string with_nul = hash;
  with_nul.insert(10, 1, '\0');
  EXPECT_FALSE(verifyPassword(with_nul, "x"));
}

TEST_F(PasswordTest, CostSettingChangesParametersAndOldHashesStillVerify) {
  auto fast = hashPassword("pw");
  EXPECT_NE(fast.find("m=8,t=1"), std::string::npos) << fast;  // libsodium's minimum: 8 KiB, one pass
  EXPECT_FALSE(passwordNeedsRehash(fast));

  setPasswordHashingCost(false);
  EXPECT_TRUE(passwordNeedsRehash(fast));
  auto slow = hashPassword("pw");
  EXPECT_NE(slow.find("m=65536,t=2"), std::string::npos) << slow;  // interactive: 64 MiB, two passes
  EXPECT_TRUE(verifyPassword(slow, "pw"));
  EXPECT_TRUE(verifyPassword(fast, "pw"));  // parameters travel with the hash
  EXPECT_FALSE(passwordNeedsRehash(slow));
}

}  // namespace
}  // namespace parley
