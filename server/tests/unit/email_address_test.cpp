// domain/email_address.h: what may reach the outbox as a transcript's address (issue 15).
#include <gtest/gtest.h>

#include <string>

#include "domain/email_address.h"

using parley::isPlausibleEmailAddress;

TEST(EmailAddress, OnePlainAddressPasses) {
  for (const char* ok : {"jo@example.com", "a.b+tag@mail.example.co.uk", "x@y.z", "ü@exämple.de"})
    EXPECT_TRUE(isPlausibleEmailAddress(ok)) << ok;
  EXPECT_TRUE(isPlausibleEmailAddress(std::string(240, 'a') + "@example.com"));  // 252 bytes
}

TEST(EmailAddress, AnythingThatCouldBendAHeaderOrAnEnvelopeIsRefused) {
  for (const char* bad : {"", "jo", "jo@", "@example.com", "jo@example", "jo@@example.com", "jo@a@example.com",
                          "jo smith@example.com", "jo@example.com ", "<jo@example.com>", "Jo <jo@example.com>",
                          "jo@example.com,eve@example.com", "jo@example.com;eve@example.com", "\"jo\"@example.com",
                          "jo\\@example.com", "jo@example.com\r\nBcc: eve@example.com", "jo@example.com\n",
                          "jo\t@example.com", "jo@.example.com", "jo@example.com.", "jo@example..com", "jo(x)@example.com"})
    EXPECT_FALSE(isPlausibleEmailAddress(bad)) << bad;
  EXPECT_FALSE(isPlausibleEmailAddress(std::string(243, 'a') + "@example.com"));  // 255 bytes
  EXPECT_FALSE(isPlausibleEmailAddress(std::string("jo@exa\0mple.com", 15)));
}
