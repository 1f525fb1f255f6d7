// TOTP (RFC 6238) and HOTP (RFC 4226) against the RFCs' own test vectors, base32 (RFC 4648), the
// otpauth:// URI, and the ±1 step window.
#include <gtest/gtest.h>

#include "security/totp.h"

namespace parley {
namespace {

const std::string kRfcSha1Key = "12345678901234567890";  // the SHA1 key of both RFCs' appendices

TEST(Hotp, Rfc4226AppendixDVectors) {
  const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                            "254676", "287922", "162583", "399871", "520489"};
  for (std::uint64_t i = 0; i < 10; ++i) EXPECT_EQ(hotp(kRfcSha1Key, i), expected[i]) << "counter " << i;
}

TEST(Totp, Rfc6238AppendixBSha1Vectors) {
  struct Vector {
    std::int64_t unix_seconds;
    const char* code;
  };
  const Vector vectors[] = {{59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
                            {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"}};
  for (const auto& v : vectors) {
    const auto step = totpStep(v.unix_seconds * 1000);
    EXPECT_EQ(hotp(kRfcSha1Key, static_cast<std::uint64_t>(step), 8), v.code) << "T = " << v.unix_seconds;
  }
  EXPECT_EQ(totpStep(59'000), 1);
  EXPECT_EQ(totpStep(1111111109'000), 0x23523EC);  // the RFC's T column
}

TEST(Totp, AcceptsTheStepBeforeAndAfterOnly) {
  const Millis now = 59'000;  // step 1
  EXPECT_EQ(matchTotp(kRfcSha1Key, hotp(kRfcSha1Key, 1), now), 1);
  EXPECT_EQ(matchTotp(kRfcSha1Key, hotp(kRfcSha1Key, 0), now), 0);
  EXPECT_EQ(matchTotp(kRfcSha1Key, hotp(kRfcSha1Key, 2), now), 2);
  EXPECT_FALSE(matchTotp(kRfcSha1Key, hotp(kRfcSha1Key, 3), now));
  EXPECT_FALSE(matchTotp(kRfcSha1Key, hotp(kRfcSha1Key, 1), 120'000)) << "step 4: step 1 is too old";
  EXPECT_FALSE(matchTotp(kRfcSha1Key, "28708", now)) << "5 digits";
  EXPECT_FALSE(matchTotp(kRfcSha1Key, "28708a", now));
  EXPECT_FALSE(matchTotp(kRfcSha1Key, "", now));
}

TEST(Base32, Rfc4648VectorsWithoutPadding) {
  const std::pair<const char*, const char*> vectors[] = {{"", ""},          {"f", "MY"},         {"fo", "MZXQ"},
                                                         {"foo", "MZXW6"},  {"foob", "MZXW6YQ"}, {"fooba", "MZXW6YTB"},
                                                         {"foobar", "MZXW6YTBOI"}};
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(base32Encode(plain), encoded);
    EXPECT_EQ(base32Decode(encoded), std::string(plain));
  }
}

TEST(Base32, DecodingIsLenientAboutCaseSpacesAndPaddingOnly) {
  EXPECT_EQ(base32Decode("mzxw 6ytb-oi======"), std::string("foobar"));
  EXPECT_FALSE(base32Decode("MZXW1")) << "1 is not in the alphabet";
  EXPECT_FALSE(base32Decode("MZ")) << "non-zero trailing bits";
  EXPECT_FALSE(base32Decode("M")) << "5 bits are no byte";
  const auto secret = newTotpSecret();
  EXPECT_EQ(secret.size(), kTotpSecretBytes);
  EXPECT_EQ(base32Decode(base32Encode(secret)), secret);
  EXPECT_EQ(base32Encode(secret).size(), 32u);
}

TEST(OtpauthUri, NamesIssuerAccountAndTheParameters) {
  EXPECT_EQ(otpauthUri("Acme Support", "ana@example.com", "JBSWY3DPEHPK3PXP"),
            "otpauth://totp/Acme%20Support:ana@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme%20Support"
            "&algorithm=SHA1&digits=6&period=30");
  EXPECT_EQ(otpauthUri("A:B&C", "x", "K"), "otpauth://totp/A%3AB%26C:x?secret=K&issuer=A%3AB%26C&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace parley
