// Field readers on hostile numbers (found by the JSON fuzzer).
#include "wire/json_codec.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "http/websocket_frame.h"

namespace parley {
namespace {

namespace bj = boost::json;

TEST(JsonCodec, IntegersComeOnlyFromWholeNumbersInRange) {
  EXPECT_EQ(json::optInt(bj::parse(R"({"n":42})").as_object(), "n"), 42);
  EXPECT_EQ(json::optInt(bj::parse(R"({"n":42.0})").as_object(), "n"), 42);
  EXPECT_EQ(json::optInt(bj::parse(R"({"n":-9.2e18})").as_object(), "n"), static_cast<std::int64_t>(-9.2e18));
  for (const char* bad : {R"({"n":1e19})", R"({"n":-1e19})", R"({"n":1.5})", R"({"n":1e400})", R"({"n":"7"})",
                          R"({"n":18446744073709551615})"})
    EXPECT_THROW(json::optInt(bj::parse(bad).as_object(), "n"), json::FieldError) << bad;
}

TEST(JsonCodec, NonFiniteNumbersAreFoundAnywhere) {
  EXPECT_FALSE(json::hasNonFiniteNumber(bj::parse(R"({"a":[1,2.5,{"b":-3e300}]})")));
  EXPECT_TRUE(json::hasNonFiniteNumber(bj::parse(R"({"a":[1,{"b":1e400}]})")));
  EXPECT_TRUE(json::hasNonFiniteNumber(bj::parse(R"([-1e999])")));
}

TEST(WebSocketFrameFuzzFinds, ACloseFrameWithoutAReasonIsJustTheCode) {
  std::string out;
  appendCloseFrame(out, 1000, std::string_view());
  EXPECT_EQ(out, std::string("\x88\x02\x03\xe8", 4));
}

}  // namespace
}  // namespace parley
