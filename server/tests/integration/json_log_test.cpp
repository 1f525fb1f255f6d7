// `parley serve --log-format json`: every line the server writes is a JSON object (journald, Loki).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include "test_server.h"

namespace bj = boost::json;
using namespace parley::test;

TEST(JsonLogOutput, EveryServerLineIsAJsonObject) {
  TestServer server({"--log-format", "json"});
  // Something worth a warning line: a refused WebSocket hello is not logged, but a start and a stop are.
  EXPECT_EQ(server.get("/healthz").status, 200);
  server.stop();
  const auto log = server.logText();
  std::istringstream in(log);
  int lines = 0;
  bool sawListening = false;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    ++lines;
    boost::system::error_code ec;
    auto v = bj::parse(line, ec);
    ASSERT_FALSE(ec) << "not JSON: " << line;
    ASSERT_TRUE(v.is_object()) << line;
    const auto& o = v.as_object();
    for (const auto* key : {"ts", "level", "thread", "msg"}) EXPECT_TRUE(o.contains(key)) << key << " in " << line;
    const std::string ts(o.at("ts").as_string());
    EXPECT_EQ(ts.size(), 24u) << ts;
    EXPECT_EQ(ts.back(), 'Z') << ts;
    if (std::string(o.at("msg").as_string()).starts_with("parley listening on")) sawListening = true;
  }
  EXPECT_GE(lines, 3) << log;
  EXPECT_TRUE(sawListening) << log;
}

TEST(JsonLogOutput, AnUnknownFormatIsRefusedNamingTheFlag) {
  const auto out = (std::filesystem::temp_directory_path() / ("parley-logfmt-" + std::to_string(::getpid()))).string();
  int pid = 0;
  const int code = spawnWait({PARLEY_BINARY, "serve", "--log-format", "xml", "--port", "0"}, true, &pid, out);
  std::ifstream in(out);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(out);
  EXPECT_NE(code, 0);
  EXPECT_NE(text.find("--log-format"), std::string::npos) << text;
}
