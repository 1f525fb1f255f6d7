// `--log-format json` (observability/json_log_formatter.h): every line one JSON object that
// Boost.JSON parses back to the very text logged, however nasty the message.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

#include <chrono>
#include <sstream>
#include <string>
#include <vector>

#include "observability/json_log_formatter.h"

using namespace parley;
namespace bj = boost::json;

namespace {

bj::object parseLine(const std::string& line) {
  EXPECT_FALSE(line.empty());
  EXPECT_EQ(line.back(), '\n');
  EXPECT_EQ(line.find('\n'), line.size() - 1) << "one line: " << line;
  boost::system::error_code ec;
  auto v = bj::parse(line, ec);
  EXPECT_FALSE(ec) << ec.message() << ": " << line;
  EXPECT_TRUE(v.is_object()) << line;
  return v.is_object() ? v.as_object() : bj::object{};
}

TEST(JsonLogFormatter, WritesTheFields) {
  const auto t = std::chrono::system_clock::time_point(std::chrono::milliseconds(1'796'255'822'123));
  auto o = parseLine(formatJsonLogLine({t, "info", "store", 42, "hello"}));
  EXPECT_EQ(o["ts"].as_string(), "2026-12-02T23:57:02.123Z");
  EXPECT_EQ(o["level"].as_string(), "info");
  EXPECT_EQ(o["logger"].as_string(), "store");
  EXPECT_EQ(o["thread"].as_int64(), 42);
  EXPECT_EQ(o["msg"].as_string(), "hello");
  EXPECT_FALSE(parseLine(formatJsonLogLine({t, "warning", "", 1, "x"})).contains("logger"))
      << "the default logger has no name: no empty field";
}

constexpr char kControls[] = "nul \0 bell \a esc \x1b del \x7f";  // the NUL inside counts too

TEST(JsonLogFormatter, KeepsEveryNastyMessageOneParsableLine) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      // {logged, what the parsed "msg" must be}
      {"quote \" backslash \\ slash /", "quote \" backslash \\ slash /"},
      {"new\nline\r\ttab", "new\nline\r\ttab"},
      {std::string(kControls, sizeof kControls - 1), std::string(kControls, sizeof kControls - 1)},
      {"\xc3\xa9t\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "\xc3\xa9t\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"},
      {"bad \xff byte", "bad \xEF\xBF\xBD byte"},
      {"cut \xe2\x82", "cut \xEF\xBF\xBD\xEF\xBF\xBD"},
      {"overlong \xc0\xaf", "overlong \xEF\xBF\xBD\xEF\xBF\xBD"},
      {"surrogate \xed\xa0\x80", "surrogate \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
      {"too high \xf4\x90\x80\x80", "too high \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
      {"", ""},
      {"}{\"msg\":\"forged\"}", "}{\"msg\":\"forged\"}"},
  };
  for (const auto& [logged, expected] : cases) {
    auto o = parseLine(formatJsonLogLine({std::chrono::system_clock::now(), "error", "a\"b\n", 7, logged}));
    EXPECT_EQ(std::string(o["msg"].as_string()), expected) << logged;
    EXPECT_EQ(std::string(o["logger"].as_string()), "a\"b\n");
  }
}

TEST(JsonLogFormatter, FormatsThroughSpdlog) {
  std::ostringstream out;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
  spdlog::logger logger("net", sink);
  logger.set_formatter(std::make_unique<JsonLogFormatter>());
  logger.warn("peer {} sent \"{}\"", "10.0.0.1", "a\nb\xff");
  logger.info("second line");
  std::istringstream lines(out.str());
  std::vector<bj::object> parsed;
  for (std::string line; std::getline(lines, line);) parsed.push_back(parseLine(line + "\n"));
  ASSERT_EQ(parsed.size(), 2u) << out.str();
  EXPECT_EQ(parsed[0]["level"].as_string(), "warning");
  EXPECT_EQ(parsed[0]["logger"].as_string(), "net");
  EXPECT_EQ(parsed[0]["msg"].as_string(), "peer 10.0.0.1 sent \"a\nb\xEF\xBF\xBD\"");
  EXPECT_EQ(parsed[1]["msg"].as_string(), "second line");
  const std::string ts(parsed[1]["ts"].as_string());
  EXPECT_EQ(ts.size(), 24u) << ts;
  EXPECT_EQ(ts.back(), 'Z');
}

TEST(JsonLogFormatter, DatesBefore1970KeepPositiveMilliseconds) {
  EXPECT_EQ(isoUtcMillis(std::chrono::system_clock::time_point(std::chrono::milliseconds(-1))), "1969-12-31T23:59:59.999Z");
}

}  // namespace
