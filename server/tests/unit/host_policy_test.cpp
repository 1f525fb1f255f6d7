#include "security/host_policy.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace parley {
namespace {

TEST(HostPolicy, WithoutPublicUrlsEveryNonEmptyHostIsAnswered) {
  HostPolicy p;
  EXPECT_FALSE(p.configured());
  EXPECT_TRUE(p.allowed("anything.example:8080"));
  EXPECT_FALSE(p.allowed("")) << "HTTP/1.1 needs a Host";
}

TEST(HostPolicy, WithPublicUrlsARebindingNameIsRefused) {
  HostPolicy p({"https://Chat.Example.com", "http://localhost:8080"});
  EXPECT_TRUE(p.configured());
  EXPECT_TRUE(p.allowed("chat.example.com"));
  EXPECT_TRUE(p.allowed("CHAT.example.com:443"));
  EXPECT_FALSE(p.allowed("evil.example")) << "a DNS-rebinding page sends its own name";
  EXPECT_FALSE(p.allowed("chat.example.com.evil.example"));
  EXPECT_FALSE(p.allowed("example.com"));
  // Names a rebinding page cannot send: an IP literal or localhost (health checks use them).
  EXPECT_TRUE(p.allowed("127.0.0.1:8080"));
  EXPECT_TRUE(p.allowed("[::1]:8080"));
  EXPECT_TRUE(p.allowed("10.1.2.3"));
  EXPECT_TRUE(p.allowed("localhost"));
  EXPECT_FALSE(p.allowed("127.0.0.1.evil.example"));
}

TEST(HostPolicy, ABadPublicUrlIsRefusedAtStart) {
  EXPECT_THROW(HostPolicy({"https://*.example.com"}), std::invalid_argument);
  EXPECT_THROW(HostPolicy({"not a url"}), std::invalid_argument);
}

TEST(HostPolicy, HostNameDropsThePort) {
  EXPECT_EQ(hostName("Example.COM:8080"), "example.com");
  EXPECT_EQ(hostName("[::1]:80"), "[::1]");
  EXPECT_EQ(hostName("plain"), "plain");
}

}  // namespace
}  // namespace parley
