// GET /metrics against the real server (docs/deploy.md, "Metrics"): off by default, guarded by its
// token, or on a listener of its own; and the numbers move when the server works.
#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>

#include "test_server.h"

namespace bj = boost::json;
using namespace parley::test;

namespace {

// "name{labels} value" lines into {"name{labels}": value}; comments skipped.
std::map<std::string, double> parseMetrics(const std::string& text) {
  std::map<std::string, double> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto space = line.rfind(' ');
    if (space == std::string::npos) continue;
    out[line.substr(0, space)] = std::stod(line.substr(space + 1));
  }
  return out;
}

double valueOf(const std::map<std::string, double>& m, const std::string& key) {
  auto it = m.find(key);
  return it == m.end() ? 0.0 : it->second;
}

const std::string kToken = "metrics-secret-token";

std::map<std::string, double> scrape(int port) {
  auto r = httpRequest(port, "GET", "/metrics", {}, kToken);
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["content-type"], "text/plain; version=0.0.4; charset=utf-8");
  return parseMetrics(r.body);
}

}  // namespace

TEST(MetricsEndpoint, IsOffByDefault) {
  TestServer server;
  EXPECT_EQ(server.get("/metrics").status, 404);
  EXPECT_EQ(server.get("/metrics", kToken).status, 404);
}

TEST(MetricsEndpoint, AsksForItsToken) {
  TestServer server({"--metrics-token", kToken});
  auto none = server.get("/metrics");
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(none.headers["www-authenticate"], "Bearer");
  EXPECT_EQ(server.get("/metrics", "wrong-token").status, 401);
  EXPECT_EQ(server.get("/metrics", kToken.substr(0, kToken.size() - 1)).status, 401);
  auto ok = server.get("/metrics", kToken);
  EXPECT_EQ(ok.status, 200);
  EXPECT_NE(ok.body.find("# TYPE parley_messages_stored_total counter\n"), std::string::npos) << ok.body;
  EXPECT_NE(ok.body.find("# TYPE parley_fsync_seconds histogram\n"), std::string::npos);
}

TEST(MetricsEndpoint, CountsSocketsMessagesCommitsResponsesAndRefusals) {
  TestServer server({"--metrics-token", kToken});
  const auto before = scrape(server.port());

  auto agentToken = server.login();
  WsClient agent(server.port());
  ASSERT_EQ(str(agent.hello(agentToken).at("role")), "agent");
  auto [visitorToken, ws] = server.newVisitor();
  WsClient visitor(server.port());
  ASSERT_EQ(str(visitor.hello(visitorToken).at("role")), "visitor");

  // A visitor may send 20 messages at once (security/visitor_limits.h); the rest are refused.
  int acked = 0, refused = 0;
  for (int i = 0; i < 24; ++i) {
    visitor.send(bj::object{{"type", "message.send"}, {"client_id", "m" + std::to_string(i)}, {"body", "hello"}});
    auto answer = visitor.waitFor([](const bj::object& f) {
      auto t = str(f.at("type"));
      return t == "message.ack" || t == "error";
    });
    ASSERT_TRUE(answer);
    (str(answer->at("type")) == "message.ack" ? acked : refused)++;
  }
  EXPECT_GE(acked, 20);
  EXPECT_GE(refused, 1);
  EXPECT_EQ(server.get("/api/v1/no-such-endpoint").status, 404);

  const auto after = scrape(server.port());
  EXPECT_EQ(valueOf(after, "parley_open_sockets{role=\"agent\"}"), 1);
  EXPECT_EQ(valueOf(after, "parley_open_sockets{role=\"visitor\"}"), 1);
  EXPECT_GE(valueOf(after, "parley_messages_stored_total") - valueOf(before, "parley_messages_stored_total"), acked);
  const double commits = valueOf(after, "parley_commit_batch_size_count") - valueOf(before, "parley_commit_batch_size_count");
  EXPECT_GE(commits, 1);
  EXPECT_LE(commits, acked);
  EXPECT_GE(valueOf(after, "parley_commit_seconds_count") - valueOf(before, "parley_commit_seconds_count"), 1);
  EXPECT_GE(valueOf(after, "parley_fsync_seconds_count") - valueOf(before, "parley_fsync_seconds_count"), 1);
  EXPECT_EQ(valueOf(after, "parley_fsync_seconds_bucket{le=\"+Inf\"}"), valueOf(after, "parley_fsync_seconds_count"));
  EXPECT_GE(valueOf(after, "parley_http_responses_total{status=\"404\"}") -
                valueOf(before, "parley_http_responses_total{status=\"404\"}"),
            1);
  EXPECT_GE(valueOf(after, "parley_http_responses_total{status=\"101\"}"), 2) << "the two WebSocket upgrades";
  EXPECT_EQ(valueOf(after, "parley_rate_limited_total{limiter=\"visitor_messages\"}") -
                valueOf(before, "parley_rate_limited_total{limiter=\"visitor_messages\"}"),
            refused);
  EXPECT_EQ(valueOf(after, "parley_send_queue_bytes"), 0) << "nothing is waiting for a reader that reads";

  visitor.close();
  agent.close();
  double agents = 1, visitors = 1;
  for (int i = 0; i < 100 && (agents > 0 || visitors > 0); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const auto now = scrape(server.port());
    agents = valueOf(now, "parley_open_sockets{role=\"agent\"}");
    visitors = valueOf(now, "parley_open_sockets{role=\"visitor\"}");
  }
  EXPECT_EQ(agents, 0);
  EXPECT_EQ(visitors, 0);
}

TEST(MetricsEndpoint, ServesASeparateListenerOnly) {
  const int metricsPort = freePort();
  TestServer server({"--metrics-address", "127.0.0.1:" + std::to_string(metricsPort)});
  EXPECT_EQ(server.get("/metrics").status, 404) << "the public port has no /metrics then";
  auto r = httpRequest(metricsPort, "GET", "/metrics");
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("parley_open_sockets{role=\"agent\"} 0\n"), std::string::npos) << r.body;
  EXPECT_EQ(httpRequest(metricsPort, "GET", "/healthz").status, 404) << "only /metrics there";
  EXPECT_EQ(httpRequest(metricsPort, "GET", "/app").status, 404);
  EXPECT_EQ(httpRequest(metricsPort, "GET", "/ws", {}, {},
                        "application/json", {{"Upgrade", "websocket"}, {"Connection", "Upgrade"},
                                             {"Sec-WebSocket-Version", "13"},
                                             {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="}})
                .status,
            404)
      << "no WebSocket on the metrics listener";
}

TEST(MetricsEndpoint, SeparateListenerWithATokenAsksForIt) {
  const int metricsPort = freePort();
  TestServer server({"--metrics-address", "127.0.0.1:" + std::to_string(metricsPort), "--metrics-token", kToken});
  EXPECT_EQ(server.get("/metrics", kToken).status, 404);
  EXPECT_EQ(httpRequest(metricsPort, "GET", "/metrics").status, 401);
  EXPECT_EQ(httpRequest(metricsPort, "GET", "/metrics", {}, kToken).status, 200);
}
