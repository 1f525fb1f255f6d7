// Content negotiation and revalidation of static files (http/static_delivery.h).
#include "http/static_delivery.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

using Coding = ContentCoding;

TEST(StaticDelivery, BrotliWhenAcceptedThenGzipThenIdentity) {
  EXPECT_EQ(chooseContentCoding("gzip, deflate, br, zstd", true, true), Coding::br);  // what Chromium sends
  EXPECT_EQ(chooseContentCoding("gzip, deflate", true, true), Coding::gzip);
  EXPECT_EQ(chooseContentCoding("deflate", true, true), Coding::identity);
  EXPECT_EQ(chooseContentCoding("", true, true), Coding::identity);
  EXPECT_EQ(chooseContentCoding("BR", true, true), Coding::br) << "codings are case-insensitive";
  EXPECT_EQ(chooseContentCoding("x-gzip", true, true), Coding::gzip);
}

TEST(StaticDelivery, OnlyCopiesThatExist) {
  EXPECT_EQ(chooseContentCoding("br, gzip", false, true), Coding::gzip);
  EXPECT_EQ(chooseContentCoding("br", false, true), Coding::identity);
  EXPECT_EQ(chooseContentCoding("br, gzip", false, false), Coding::identity);
}

TEST(StaticDelivery, QValuesWeighAndZeroRefuses) {
  EXPECT_EQ(chooseContentCoding("br;q=0, gzip", true, true), Coding::gzip);
  EXPECT_EQ(chooseContentCoding("br; q=0.000, gzip;q=0.1", true, true), Coding::gzip);
  EXPECT_EQ(chooseContentCoding("br;q=0.5, gzip;q=0.8", true, true), Coding::gzip) << "higher q wins";
  EXPECT_EQ(chooseContentCoding("br;q=0.8, gzip;q=0.8", true, true), Coding::br) << "a tie goes to the smaller copy";
  EXPECT_EQ(chooseContentCoding("gzip;q=0, br;q=0", true, true), Coding::identity);
  EXPECT_EQ(chooseContentCoding("gzip;q=0.5, identity", true, true), Coding::identity) << "identity is q=1 here";
  EXPECT_EQ(chooseContentCoding("*", true, true), Coding::br);
  EXPECT_EQ(chooseContentCoding("*;q=0, gzip", true, true), Coding::gzip);
  EXPECT_EQ(chooseContentCoding("gzip;q=0, *", true, true), Coding::br);
  EXPECT_EQ(chooseContentCoding("identity;q=0, gzip;q=0.2", false, true), Coding::gzip);
  EXPECT_EQ(chooseContentCoding("Gzip ; Q=1.0 ,  br ; q=0.9", true, true), Coding::gzip);
}

TEST(StaticDelivery, MalformedEntriesAreIgnored) {
  EXPECT_EQ(chooseContentCoding("br;q=2, gzip", true, true), Coding::gzip);
  EXPECT_EQ(chooseContentCoding("br;q=abc, gzip;q=0.5", true, true), Coding::gzip);
  EXPECT_EQ(chooseContentCoding("br;q=0.12345", true, true), Coding::identity);
  EXPECT_EQ(chooseContentCoding(",,; ;,br", true, true), Coding::br);
  EXPECT_EQ(chooseContentCoding(std::string(10000, ','), true, true), Coding::identity);
}

TEST(StaticDelivery, IfNoneMatchUsesWeakComparison) {
  const std::string tag = "\"e5-1a2b\"";
  EXPECT_TRUE(ifNoneMatchHits(tag, tag));
  EXPECT_TRUE(ifNoneMatchHits("W/" + tag, tag));
  EXPECT_TRUE(ifNoneMatchHits("\"other\", " + tag, tag));
  EXPECT_TRUE(ifNoneMatchHits(" * ", tag));
  EXPECT_FALSE(ifNoneMatchHits("\"e5-1a2b-br\"", tag));
  EXPECT_FALSE(ifNoneMatchHits("e5-1a2b", tag)) << "an unquoted value is not the tag";
  EXPECT_FALSE(ifNoneMatchHits("", tag));
  EXPECT_FALSE(ifNoneMatchHits(tag, ""));
}

}  // namespace
}  // namespace parley
