// The pieces of two-factor authentication around TOTP: the QR code and its SVG, the sealed secret,
// the login challenge and the remembered device, recovery codes and the workspace setting.
#include <gtest/gtest.h>

#include <set>

#include "domain/two_factor_policy.h"
#include "security/qr_code.h"
#include "security/secret_box.h"
#include "security/two_factor_tokens.h"

namespace parley {
namespace {

TEST(QrSvg, DrawsOneSquarePerDarkModuleInsideTheQuietZone) {
  QrMatrix m{2, {true, false, false, true}};
  auto svg = qrSvg(m, 1);
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 4 4\"", 0), 0u) << svg;
  EXPECT_NE(svg.find("<rect width=\"4\" height=\"4\" fill=\"#fff\"/>"), std::string::npos);
  EXPECT_NE(svg.find("d=\"M1 1h1v1h-1zM2 2h1v1h-1z\""), std::string::npos) << svg;
  EXPECT_EQ(svg.find("M2 1"), std::string::npos);
  EXPECT_EQ(svg.substr(svg.size() - 6), "</svg>");
}

TEST(QrCode, EncodesAnOtpauthUriWithFinderPatterns) {
  auto m = encodeQr("otpauth://totp/Acme:ana@example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Acme");
  ASSERT_TRUE(m);
  EXPECT_GE(m->width, 21);
  EXPECT_EQ((m->width - 17) % 4, 0) << "QR versions are 21, 25, 29... modules wide";
  ASSERT_EQ(m->dark.size(), static_cast<std::size_t>(m->width * m->width));
  for (int x = 0; x < 7; ++x) {
    EXPECT_TRUE(m->dark[x]) << "top-left finder, top row";
    EXPECT_TRUE(m->dark[static_cast<std::size_t>(m->width - 1 - x)]) << "top-right finder, top row";
  }
  EXPECT_FALSE(m->dark[static_cast<std::size_t>(m->width + 1)]) << "the finder's white ring";
  EXPECT_FALSE(encodeQr(""));
  auto svg = qrSvg(*m);
  EXPECT_NE(svg.find("viewBox=\"0 0 " + std::to_string(m->width + 8)), std::string::npos);
}

TEST(SecretBox, OpensWhatItSealedAndNothingElse) {
  auto sealed = sealSecret("installation key", "ctx", "20 bytes of a secret");
  EXPECT_EQ(openSecret("installation key", "ctx", sealed), std::string("20 bytes of a secret"));
  EXPECT_NE(sealSecret("installation key", "ctx", "20 bytes of a secret"), sealed) << "a new nonce each time";
  EXPECT_FALSE(openSecret("other key", "ctx", sealed));
  EXPECT_FALSE(openSecret("installation key", "other", sealed));
  auto tampered = sealed;
  tampered[tampered.size() - 1] = tampered.back() == '0' ? '1' : '0';
  EXPECT_FALSE(openSecret("installation key", "ctx", tampered));
  EXPECT_FALSE(openSecret("installation key", "ctx", "zz"));
  EXPECT_EQ(sealed.find("20 bytes"), std::string::npos);
}

TEST(TwoFactorChallenge, NamesTheAgentForFiveMinutes) {
  auto t = makeTwoFactorChallenge("k", {3, 42}, 1000);
  EXPECT_EQ(t.rfind("p2c_3.42.", 0), 0u);
  auto who = verifyTwoFactorChallenge("k", t, 1000 + kTwoFactorChallengeLifetime - 1);
  ASSERT_TRUE(who);
  EXPECT_EQ(who->workspace_id, 3);
  EXPECT_EQ(who->agent_id, 42);
  EXPECT_FALSE(verifyTwoFactorChallenge("k", t, 1000 + kTwoFactorChallengeLifetime));
  EXPECT_FALSE(verifyTwoFactorChallenge("other", t, 1000));
  auto device = makeRememberedDevice("k", 42, 500, 1000);
  EXPECT_FALSE(verifyTwoFactorChallenge("k", device, 1000)) << "a remembered device is no challenge";
}

TEST(RememberedDevice, LastsThirtyDaysAndEndsWhenTwoFactorIsReset) {
  auto t = makeRememberedDevice("k", 42, 500, 1000);
  EXPECT_TRUE(verifyRememberedDevice("k", t, 42, 500, 1000 + kRememberedDeviceLifetime - 1));
  EXPECT_FALSE(verifyRememberedDevice("k", t, 42, 500, 1000 + kRememberedDeviceLifetime));
  EXPECT_FALSE(verifyRememberedDevice("k", t, 43, 500, 1000)) << "another agent";
  EXPECT_FALSE(verifyRememberedDevice("k", t, 42, 900, 1000)) << "2FA enabled again since";
  EXPECT_FALSE(verifyRememberedDevice("k", "", 42, 500, 1000));
  EXPECT_FALSE(verifyRememberedDevice("k", makeTwoFactorChallenge("k", {1, 42}, 1000), 42, 500, 1000));
}

TEST(RecoveryCodes, TenDistinctCodesHashedWithoutCaseOrHyphens) {
  auto codes = newRecoveryCodes();
  ASSERT_EQ(codes.size(), 10u);
  std::set<std::string> distinct(codes.begin(), codes.end());
  EXPECT_EQ(distinct.size(), 10u);
  for (const auto& c : codes) {
    ASSERT_EQ(c.size(), 11u) << c;
    EXPECT_EQ(c[5], '-');
  }
  EXPECT_EQ(recoveryCodeHash("abcde-fghij"), recoveryCodeHash("ABCDE FGHIJ"));
  EXPECT_EQ(recoveryCodeHash("abcde-fghij"), recoveryCodeHash("abcdefghij"));
  EXPECT_NE(recoveryCodeHash("abcde-fghij"), recoveryCodeHash("abcde-fghik"));
}

TEST(TwoFactorPolicy, TheWorkspaceSettingDecidesWhatASessionReaches) {
  EXPECT_FALSE(requiresTwoFactor("{}"));
  EXPECT_FALSE(requiresTwoFactor("{\"require_two_factor\":false}"));
  EXPECT_TRUE(requiresTwoFactor("{\"color\":\"#fff\",\"require_two_factor\":true}"));
  EXPECT_FALSE(requiresTwoFactor("{\"require_two_factor\":\"yes\"}"));
  EXPECT_FALSE(requiresTwoFactor("not json require_two_factor"));
  EXPECT_EQ(sessionReach(true, false), SessionReach::EnrolmentOnly);
  EXPECT_EQ(sessionReach(true, true), SessionReach::Full);
  EXPECT_EQ(sessionReach(false, false), SessionReach::Full);
}

}  // namespace
}  // namespace parley
