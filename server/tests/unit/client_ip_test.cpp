#include "security/client_ip.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

using List = std::vector<std::string>;

TEST(ClientIpTest, UntrustedPeerIgnoresForwardedFor) {
  EXPECT_EQ(clientIp("203.0.114.9", "1.2.3.4", {}), "203.0.114.9");
  EXPECT_EQ(clientIp("203.0.114.9", "1.2.3.4", List{"10.0.0.1"}), "203.0.114.9");
}

TEST(ClientIpTest, TrustedPeerUsesRightMostUntrustedHop) {
  List proxies{"127.0.0.1"};
  EXPECT_EQ(clientIp("127.0.0.1", "198.51.100.7", proxies), "198.51.100.7");
  // The visitor wrote "6.6.6.6" themselves; nginx appended their real address.
  EXPECT_EQ(clientIp("127.0.0.1", "6.6.6.6, 198.51.100.7", proxies), "198.51.100.7");
}

TEST(ClientIpTest, ChainOfTrustedProxiesWithCidr) {
  List proxies{"10.0.0.0/8", "2001:db8:1::/48"};
  EXPECT_EQ(clientIp("10.0.0.2", "6.6.6.6, 198.51.100.7, 10.1.1.1, 10.2.2.2", proxies), "198.51.100.7");
  EXPECT_EQ(clientIp("2001:db8:1::5", "2a00:1450::1", proxies), "2a00:1450::1");
  EXPECT_EQ(clientIp("10.0.0.2", "10.9.9.9, 10.1.1.1", proxies), "10.9.9.9");  // all trusted: left-most
}

TEST(ClientIpTest, EmptyOrMalformedForwardedFor) {
  List proxies{"127.0.0.1"};
  EXPECT_EQ(clientIp("127.0.0.1", "", proxies), "127.0.0.1");
  EXPECT_EQ(clientIp("127.0.0.1", "   ", proxies), "127.0.0.1");
  EXPECT_EQ(clientIp("127.0.0.1", "unknown", proxies), "127.0.0.1");
  // A malformed hop stops the walk: anything left of it was not written by our proxy.
  EXPECT_EQ(clientIp("127.0.0.1", "198.51.100.7, garbage", proxies), "127.0.0.1");
  EXPECT_EQ(clientIp("127.0.0.1", "198.51.100.7, , ", proxies), "198.51.100.7");
}

TEST(ClientIpTest, PortsAndBracketsInHops) {
  List proxies{"127.0.0.1"};
  EXPECT_EQ(clientIp("127.0.0.1", "198.51.100.7:53122", proxies), "198.51.100.7");
  EXPECT_EQ(clientIp("127.0.0.1", "[2a00:1450::1]:443", proxies), "2a00:1450::1");
  EXPECT_EQ(clientIp("127.0.0.1", "2a00:1450::1", proxies), "2a00:1450::1");
}

TEST(ClientIpTest, MappedAddressesAreCanonical) {
  EXPECT_EQ(clientIp("::ffff:203.0.114.9", "", {}), "203.0.114.9");
  // A dual-stack listener reports the IPv4 proxy as mapped; it must still count as trusted.
  EXPECT_EQ(clientIp("::ffff:127.0.0.1", "198.51.100.7", List{"127.0.0.1"}), "198.51.100.7");
  EXPECT_EQ(clientIp("127.0.0.1", "::ffff:198.51.100.7", List{"127.0.0.1"}), "198.51.100.7");
}

TEST(ClientIpTest, InvalidTrustEntriesAreIgnoredAndOddPeersPassThrough) {
  EXPECT_EQ(clientIp("127.0.0.1", "198.51.100.7", List{"not-an-ip", "10.0.0.0/99"}), "127.0.0.1");
  EXPECT_EQ(clientIp("unix-socket", "198.51.100.7", List{"127.0.0.1"}), "unix-socket");
}

}  // namespace
}  // namespace parley
