// domain/email_address.h: what may reach the outbox as a transcript's address (issue 15).
#include <gtest/gtest.h>

#include <string>

#include "domain/email_address.h"

using parley::isPlainEmailAddress;

TEST(EmailAddress, OnePlainAddressPasses) {
  for (const char* ok : {"jo@example.com", "a.b+tag@mail.example.co.uk", "x@y.z"})
    EXPECT_TRUE(isPlainEmailAddress(ok)) << ok;
  EXPECT_TRUE(isPlainEmailAddress("jo@" + std::string(237, 'a') + ".example.com"));  // 252 bytes
}

TEST(EmailAddress, AnythingThatCouldBendAHeaderOrAnEnvelopeIsRefused) {
  for (const char* bad : {"", "jo", "jo@", "@example.com", "jo@example", "jo@@example.com", "jo@a@example.com",
                          "jo smith@example.com", "jo@example.com ", "<jo@example.com>", "Jo <jo@example.com>",
                          "jo@example.com,eve@example.com", "jo@example.com;eve@example.com", "\"jo\"@example.com",
                          "jo\\@example.com", "jo@example.com\r\nBcc: eve@example.com", "jo@example.com\n",
                          "jo\t@example.com", "jo@.example.com", "jo@example.com.", "jo@example..com", "jo(x)@example.com"})
    EXPECT_FALSE(isPlainEmailAddress(bad)) << bad;
  EXPECT_FALSE(isPlainEmailAddress("jo@" + std::string(240, 'a') + ".example.com"));  // 255 bytes
  EXPECT_FALSE(isPlainEmailAddress(std::string(65, 'a') + "@example.com")) << "local part over 64";
  EXPECT_FALSE(isPlainEmailAddress("ü@exämple.de")) << "no SMTPUTF8";
  EXPECT_FALSE(isPlainEmailAddress(std::string("jo@exa\0mple.com", 15)));
}
