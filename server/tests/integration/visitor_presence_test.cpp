// Visitors coming online in a burst (a restart reconnects them all) reach agents as a few
// frames, not one per visitor, and no visitor is lost on the way.
#include <gtest/gtest.h>

#include <set>

#include "test_server.h"

namespace bj = boost::json;
using namespace parley::test;
using namespace std::chrono_literals;

TEST(VisitorPresence, ABurstOfArrivalsReachesAgentsAsFewFrames) {
  TestServer server;
  WsClient agent(server.port());
  agent.hello(server.login());
  std::vector<std::string> tokens;
  for (int i = 0; i < 25; ++i) tokens.push_back(server.newVisitor().first);  // the per-IP burst allows 30

  std::vector<std::unique_ptr<WsClient>> visitors;
  for (const auto& t : tokens) {
    visitors.push_back(std::make_unique<WsClient>(server.port()));
    auto w = visitors.back()->hello(t);
    ASSERT_EQ(str(w.at("type")), "welcome") << bj::serialize(w);
  }

  std::set<std::int64_t> online;
  int frames = 0;
  const auto until = std::chrono::steady_clock::now() + 2s;
  while (online.size() < tokens.size() && std::chrono::steady_clock::now() < until) {
    auto f = agent.next(200ms);
    if (!f) continue;
    const auto type = str(f->at("type"));
    if (type == "presence" && f->contains("contact_id")) {
      ++frames;
      if (f->at("online").as_bool()) online.insert(f->at("contact_id").as_int64());
    } else if (type == "presence.visitors") {
      ++frames;
      for (const auto& v : f->at("visitors").as_array()) {
        const auto& o = v.as_object();
        EXPECT_TRUE(o.contains("url") && o.contains("title")) << bj::serialize(o);
        if (o.at("online").as_bool()) online.insert(o.at("contact_id").as_int64());
      }
    }
  }
  EXPECT_EQ(online.size(), tokens.size()) << "every visitor that came online was told";
  EXPECT_LE(frames, 10) << "25 arrivals within a second should not be 25 frames";

  // One visitor leaving on its own, once things are quiet, is told at once as a plain frame.
  std::this_thread::sleep_for(400ms);
  while (agent.next(50ms)) {
  }
  visitors.front()->close();
  auto left = agent.waitFor([](const bj::object& f) { return str(f.at("type")) == "presence" && f.contains("contact_id"); },
                            1000ms);
  ASSERT_TRUE(left);
  EXPECT_FALSE(left->at("online").as_bool());
}
