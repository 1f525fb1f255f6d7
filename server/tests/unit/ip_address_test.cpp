#include "domain/ip_address.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

TEST(IpAddressTest, ParsesAndCanonicalises) {
  auto v4 = parseIp("203.0.114.7");
  ASSERT_TRUE(v4);
  EXPECT_TRUE(v4->v4);
  EXPECT_EQ(toString(*v4), "203.0.114.7");

  auto v6 = parseIp("2001:0DB8:0000:0000:0000:0000:0000:0001");
  ASSERT_TRUE(v6);
  EXPECT_FALSE(v6->v4);
  EXPECT_EQ(toString(*v6), "2001:db8::1");
  EXPECT_EQ(toString(*parseIp("[2606:4700::1111]")), "2606:4700::1111");

  auto mapped = parseIp("::ffff:8.8.8.8");
  ASSERT_TRUE(mapped);
  EXPECT_TRUE(mapped->v4);
  EXPECT_EQ(*mapped, *parseIp("8.8.8.8"));
  EXPECT_EQ(toString(*mapped), "8.8.8.8");
}

TEST(IpAddressTest, RejectsNonAddresses) {
  for (const char* bad : {"", "localhost", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4x", "0x7f.0.0.1",
                          "1.2.3.4:80", "fe80::1%eth0", "[::1", "::1]", "8.8.8.8 ", "example.com",
                          "1111:2222:3333:4444:5555:6666:7777:8888:9999"}) {
    EXPECT_FALSE(parseIp(bad)) << bad;
  }
  EXPECT_FALSE(parseIp(std::string(100, '1')));
}

TEST(IpAddressTest, PublicOrNot) {
  for (const char* pub : {"8.8.8.8", "1.1.1.1", "203.0.114.1", "172.32.0.1", "100.128.0.1", "2606:4700::1111",
                          "2a00:1450:4001:80b::200e", "::ffff:8.8.4.4"}) {
    EXPECT_TRUE(isPublicIp(*parseIp(pub))) << pub;
  }
  for (const char* priv : {"127.0.0.1", "127.255.0.9", "10.1.2.3", "172.16.0.1", "172.31.255.255",
                           "192.168.1.10", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1",
                           "255.255.255.255", "192.0.2.5", "198.51.100.5", "203.0.113.5", "::1", "::",
                           "fd12:3456::1", "fe80::1", "ff02::1", "2001:db8::5", "::ffff:192.168.0.1"}) {
    EXPECT_FALSE(isPublicIp(*parseIp(priv))) << priv;
  }
}

TEST(IpAddressTest, Networks) {
  auto n = parseNetwork("10.0.0.0/8");
  ASSERT_TRUE(n);
  EXPECT_TRUE(contains(*n, *parseIp("10.255.1.2")));
  EXPECT_FALSE(contains(*n, *parseIp("11.0.0.1")));
  EXPECT_FALSE(contains(*n, *parseIp("::ffff:b00:1")));  // 11.0.0.1 mapped

  auto odd = parseNetwork("172.16.0.0/12");
  ASSERT_TRUE(odd);
  EXPECT_TRUE(contains(*odd, *parseIp("172.31.0.1")));
  EXPECT_FALSE(contains(*odd, *parseIp("172.32.0.1")));

  auto v6 = parseNetwork("2001:db8::/33");
  ASSERT_TRUE(v6);
  EXPECT_TRUE(contains(*v6, *parseIp("2001:db8:7fff::1")));
  EXPECT_FALSE(contains(*v6, *parseIp("2001:db8:8000::1")));
  EXPECT_FALSE(contains(*v6, *parseIp("10.0.0.1")));

  auto host = parseNetwork("192.168.1.5");
  ASSERT_TRUE(host);
  EXPECT_EQ(host->prefix, 32);
  EXPECT_TRUE(contains(*host, *parseIp("192.168.1.5")));
  EXPECT_FALSE(contains(*host, *parseIp("192.168.1.6")));

  auto all = parseNetwork("0.0.0.0/0");
  ASSERT_TRUE(all);
  EXPECT_TRUE(contains(*all, *parseIp("8.8.8.8")));

  for (const char* bad : {"10.0.0.0/33", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8x", "::/129", "nope/8"})
    EXPECT_FALSE(parseNetwork(bad)) << bad;
}

}  // namespace
}  // namespace parley
