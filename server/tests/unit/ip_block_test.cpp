// Issue 16, item 4: what an admin may block (domain/ip_block.h) and how an address matches, at the
// byte and bit boundaries of IPv4 and IPv6 ranges.
#include "domain/ip_block.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

bool inRange(std::string_view range, std::string_view address) {
  auto net = parseBlockedRange(range);
  auto ip = parseIp(address);
  EXPECT_TRUE(net) << range;
  EXPECT_TRUE(ip) << address;
  return net && ip && contains(*net, *ip);
}

TEST(IpBlockTest, ASingleAddressIsItsOwnRange) {
  auto net = parseBlockedRange("203.0.113.7");
  ASSERT_TRUE(net);
  EXPECT_EQ(net->prefix, 32);
  EXPECT_EQ(blockedRangeText(*net), "203.0.113.7");
  EXPECT_TRUE(inRange("203.0.113.7", "203.0.113.7"));
  EXPECT_FALSE(inRange("203.0.113.7", "203.0.113.6"));
  EXPECT_FALSE(inRange("203.0.113.7", "203.0.113.8"));
  EXPECT_EQ(blockedRangeText(*parseBlockedRange("2001:DB8::0001")), "2001:db8::1");
  EXPECT_EQ(parseBlockedRange("2001:db8::1")->prefix, 128);
}

TEST(IpBlockTest, HostBitsAreClearedSoARangeHasOneText) {
  EXPECT_EQ(blockedRangeText(*parseBlockedRange("10.1.2.3/8")), "10.0.0.0/8");
  EXPECT_EQ(blockedRangeText(*parseBlockedRange("192.168.77.200/20")), "192.168.64.0/20");
  EXPECT_EQ(blockedRangeText(*parseBlockedRange("203.0.113.255/25")), "203.0.113.128/25");
  EXPECT_EQ(blockedRangeText(*parseBlockedRange("203.0.113.7/31")), "203.0.113.6/31");
  EXPECT_EQ(blockedRangeText(*parseBlockedRange("2001:db8:abcd:ef01::1/48")), "2001:db8:abcd::/48");
  EXPECT_EQ(blockedRangeText(*parseBlockedRange("2001:db8:ffff::/35")), "2001:db8:e000::/35");
  EXPECT_EQ(blockedRangeText(*parseBlockedRange("2001:db8::ff/127")), "2001:db8::fe/127");
  // An IPv4-mapped address is the IPv4 address (what a dual-stack socket reports).
  EXPECT_EQ(blockedRangeText(*parseBlockedRange("::ffff:203.0.113.9")), "203.0.113.9");
}

TEST(IpBlockTest, IPv4RangesMatchAtEveryBitBoundary) {
  // /24: the whole last byte.
  EXPECT_TRUE(inRange("203.0.113.0/24", "203.0.113.0"));
  EXPECT_TRUE(inRange("203.0.113.0/24", "203.0.113.255"));
  EXPECT_FALSE(inRange("203.0.113.0/24", "203.0.112.255"));
  EXPECT_FALSE(inRange("203.0.113.0/24", "203.0.114.0"));
  // /25: the top bit of the last byte.
  EXPECT_TRUE(inRange("203.0.113.128/25", "203.0.113.128"));
  EXPECT_TRUE(inRange("203.0.113.128/25", "203.0.113.255"));
  EXPECT_FALSE(inRange("203.0.113.128/25", "203.0.113.127"));
  // /31: two addresses.
  EXPECT_TRUE(inRange("203.0.113.6/31", "203.0.113.6"));
  EXPECT_TRUE(inRange("203.0.113.6/31", "203.0.113.7"));
  EXPECT_FALSE(inRange("203.0.113.6/31", "203.0.113.5"));
  EXPECT_FALSE(inRange("203.0.113.6/31", "203.0.113.8"));
  // /12 crosses the second byte: 172.16.0.0 - 172.31.255.255.
  EXPECT_TRUE(inRange("172.16.0.0/12", "172.16.0.0"));
  EXPECT_TRUE(inRange("172.16.0.0/12", "172.31.255.255"));
  EXPECT_FALSE(inRange("172.16.0.0/12", "172.15.255.255"));
  EXPECT_FALSE(inRange("172.16.0.0/12", "172.32.0.0"));
  // /8, the widest allowed.
  EXPECT_TRUE(inRange("10.0.0.0/8", "10.255.255.255"));
  EXPECT_FALSE(inRange("10.0.0.0/8", "11.0.0.0"));
  EXPECT_FALSE(inRange("10.0.0.0/8", "9.255.255.255"));
}

TEST(IpBlockTest, IPv6RangesMatchAtEveryBitBoundary) {
  EXPECT_TRUE(inRange("2001:db8::/32", "2001:db8::"));
  EXPECT_TRUE(inRange("2001:db8::/32", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"));
  EXPECT_FALSE(inRange("2001:db8::/32", "2001:db9::"));
  EXPECT_FALSE(inRange("2001:db8::/32", "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff"));
  // /33 is the top bit of the fifth byte.
  EXPECT_TRUE(inRange("2001:db8:8000::/33", "2001:db8:8000::1"));
  EXPECT_TRUE(inRange("2001:db8:8000::/33", "2001:db8:ffff::"));
  EXPECT_FALSE(inRange("2001:db8:8000::/33", "2001:db8:7fff:ffff::"));
  // /64, a typical customer network.
  EXPECT_TRUE(inRange("2001:db8:1:2::/64", "2001:db8:1:2:ffff:ffff:ffff:ffff"));
  EXPECT_FALSE(inRange("2001:db8:1:2::/64", "2001:db8:1:3::"));
  // /127: two addresses.
  EXPECT_TRUE(inRange("2001:db8::fe/127", "2001:db8::ff"));
  EXPECT_FALSE(inRange("2001:db8::fe/127", "2001:db8::100"));
  EXPECT_FALSE(inRange("2001:db8::fe/127", "2001:db8::fd"));
  // /16, the widest allowed.
  EXPECT_TRUE(inRange("2001::/16", "2001:ffff::1"));
  EXPECT_FALSE(inRange("2001::/16", "2002::"));
}

TEST(IpBlockTest, FamiliesNeverMatchEachOther) {
  EXPECT_FALSE(inRange("10.0.0.0/8", "::a00:1"));       // the bytes of 10.0.0.1 in IPv6
  EXPECT_FALSE(inRange("::/16", "0.0.0.1"));
  EXPECT_TRUE(inRange("203.0.113.0/24", "::ffff:203.0.113.50"));  // mapped is IPv4
}

TEST(IpBlockTest, RefusesWhatIsNotARangeOrIsTooWide) {
  for (std::string_view bad : {"", "/24", "203.0.113.0/", "203.0.113.0/33", "203.0.113.0/-1", "203.0.113.0/8x",
                               "203.0.113", "203.0.113.0.1", "example.com", "203.0.113.0/24/1", "2001:db8::/129",
                               "2001:db8::g", "0.0.0.0/0", "10.0.0.0/7", "::/0", "2000::/15", " 203.0.113.1",
                               "203.0.113.1 ", "01.2.3.4"})
    EXPECT_FALSE(parseBlockedRange(bad)) << "'" << bad << "'";
}

}  // namespace
}  // namespace parley
