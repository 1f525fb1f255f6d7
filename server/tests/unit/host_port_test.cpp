#include <gtest/gtest.h>

#include "domain/host_port.h"

using namespace parley;

TEST(MetricsAddress, ParsesHostAndPort) {
  auto a = parseHostPort("127.0.0.1:9100");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->host, "127.0.0.1");
  EXPECT_EQ(a->port, 9100);
  auto b = parseHostPort("[::1]:0");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->host, "::1");
  EXPECT_EQ(b->port, 0);
  for (const char* bad : {"", "9100", ":9100", "host:", "::1:9100", "h:65536", "h:12a", "[]:1", "h:123456"})
    EXPECT_FALSE(parseHostPort(bad)) << bad;
}
