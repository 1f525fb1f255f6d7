// Input the server used to take too trustingly (issue 9, findings 5, 7 and 8): each test failed
// before its fix. Real server, real HTTP and WebSocket clients.
#include <gtest/gtest.h>

#include <thread>

#include "abuse_kit.h"
#include "raw_websocket.h"
#include "test_server.h"

using namespace parley::test;
using namespace std::chrono_literals;
namespace bj = boost::json;

namespace {

std::string png(std::size_t size) {
  std::string p("\x89PNG\r\n\x1a\n", 8);
  p.resize(size, '\0');
  return p;
}

HttpResult upload(TestServer& s, const std::string& token, const std::string& bytes) {
  return httpRequest(s.port(), "POST", "/api/v1/widget/uploads", bytes, token, "image/png");
}

}  // namespace

// Finding 5: Beast's 1 MiB default applied while the header was parsed: a 2 MB photo dropped the
// connection with no answer ("Could not reach the server" in the widget).
TEST(HardeningInput, UploadsOverOneMegabyteWorkAndOverTheLimitGet413) {
  TestServer server;
  auto [token, ws] = server.newVisitor();
  auto photo = upload(server, token, png(2 * 1024 * 1024));
  ASSERT_EQ(photo.status, 201) << photo.body;
  EXPECT_EQ(photo.json().at("size").as_int64(), 2 * 1024 * 1024);
  auto huge = upload(server, token, png(11 * 1024 * 1024));
  EXPECT_EQ(huge.status, 413);
  EXPECT_EQ(str(huge.json().at("error").at("code")), "too_large");
  auto bigJson = server.post("/api/v1/widget/pageviews", bj::object{{"url", std::string(100 * 1024, 'u')}}, token);
  EXPECT_EQ(bigJson.status, 413) << "other routes keep their 64 KiB";
}

// Finding 7: one visitor token stored 200 x 1 MB uploads in 2.6 s.
TEST(HardeningInput, AVisitorHasAnUploadBudget) {
  TestServer server;
  auto [token, ws] = server.newVisitor();
  int stored = 0;
  HttpResult last;
  for (int i = 0; i < 25; ++i) {
    last = upload(server, token, png(1000));
    if (last.status != 201) break;
    ++stored;
  }
  EXPECT_EQ(stored, 20);
  EXPECT_EQ(last.status, 429);
  EXPECT_FALSE(last.headers["retry-after"].empty());
  auto [other, ws2] = server.newVisitor();
  EXPECT_EQ(upload(server, other, png(1000)).status, 201) << "the budget is per visitor";
  // And in bytes: 100 MiB at once.
  auto [third, ws3] = server.newVisitor();
  int big = 0;
  for (int i = 0; i < 12; ++i)
    if (upload(server, third, png(9 * 1024 * 1024)).status == 201) ++big;
  EXPECT_EQ(big, 11) << "11 x 9 MiB fit in 100 MiB, the 12th does not";
}

// Finding 7: 20,000 page views in 11 s (+93 MB, no retention) from one token.
TEST(HardeningInput, PageViewsAreLimitedPerVisitor) {
  TestServer server;
  auto [token, ws] = server.newVisitor();
  int accepted = 0, limited = 0;
  for (int i = 0; i < 60; ++i) {
    auto r = server.post("/api/v1/widget/pageviews", bj::object{{"url", "https://shop.test/p" + std::to_string(i)}}, token);
    if (r.status == 204) ++accepted;
    if (r.status == 429) {
      ++limited;
      EXPECT_FALSE(r.headers["retry-after"].empty());
    }
  }
  EXPECT_LE(accepted, 32);
  EXPECT_GE(limited, 28);
}

// Finding 7: 5,000 typing frames with 2 KB drafts were all forwarded to every agent.
TEST(HardeningInput, ATypingFloodReachesAgentsAsATrickle) {
  TestServer server;
  auto agent = std::make_unique<WsClient>(server.port());
  agent->hello(server.login());
  auto [token, ws] = server.newVisitor();
  WsClient visitor(server.port());
  visitor.hello(token);
  visitor.send(bj::object{{"type", "message.send"}, {"client_id", "t0"}, {"body", "hello"}});
  auto convId = visitor.waitFor("message.ack")->at("conversation_id").as_int64();
  for (int i = 0; i < 300; ++i)
    visitor.send(bj::object{{"type", "typing"}, {"conversation_id", convId}, {"typing", true},
                            {"draft", std::string(2000, 'd')}});
  int typing = 0;
  while (auto f = agent->next(700ms))
    if (str(f->at("type")) == "typing") ++typing;
  EXPECT_GE(typing, 1) << "typing still reaches the agent";
  EXPECT_LE(typing, 16) << "a burst of 10, then 4 a second";
}

// Finding 8: invalid UTF-8 in a text frame got an error frame instead of close 1007.
TEST(HardeningInput, TextThatIsNotUtf8ClosesWith1007) {
  TestServer server;
  rawws::RawWs ws(server.port());
  ASSERT_TRUE(ws.upgrade().starts_with("HTTP/1.1 101"));
  ASSERT_TRUE(ws.write(rawws::frame(rawws::Text, "{\"type\":\"hello\",\"token\":\"\xff\xfe\"}")));
  auto f = ws.readFrame();
  ASSERT_TRUE(f);
  EXPECT_EQ(f->opcode, rawws::Close);
  EXPECT_EQ(f->closeCode(), 1007);
}

// Finding 8: "/uploads/%2e%2e/app" passed the attachment check, and clients chose an attachment's
// type, name and size (a negative size was stored).
TEST(HardeningInput, AttachmentsAreUploadsAndDescribedByTheServer) {
  TestServer server;
  auto [token, ws] = server.newVisitor();
  auto up = upload(server, token, png(3000));
  ASSERT_EQ(up.status, 201);
  const auto url = str(up.json().at("url"));
  WsClient visitor(server.port());
  visitor.hello(token);
  for (const char* bad : {"/uploads/%2e%2e/app", "/uploads/../app", "/uploads/x.html", "/uploads/"}) {
    visitor.send(bj::object{{"type", "message.send"}, {"client_id", std::string("bad") + bad}, {"body", "x"},
                            {"attachments", bj::array{bj::object{{"url", bad}}}}});
    auto e = visitor.waitFor("error");
    ASSERT_TRUE(e) << bad;
    EXPECT_EQ(str(e->at("field")), "attachments") << bad;
  }
  visitor.send(bj::object{{"type", "message.send"}, {"client_id", "good"}, {"body", ""},
                          {"attachments", bj::array{bj::object{{"url", url}, {"name", "../../cat <b>.png"},
                                                               {"size", -5}, {"content_type", "text/html"}}}}});
  auto ack = visitor.waitFor("message.ack");
  ASSERT_TRUE(ack);
  auto convId = ack->at("conversation_id").as_int64();
  auto msgs = server.get("/api/v1/conversations/" + std::to_string(convId) + "/messages", server.login()).json();
  const auto& a = msgs.at("messages").as_array().back().at("attachments").as_array().at(0);
  EXPECT_EQ(a.at("size").as_int64(), 3000) << "the file's real size";
  EXPECT_EQ(str(a.at("content_type")), "image/png") << "the type the bytes decided";
  EXPECT_EQ(str(a.at("name")).find('/'), std::string::npos) << str(a.at("name"));
  EXPECT_EQ(str(a.at("name")).find('<'), std::string::npos) << str(a.at("name"));
}

TEST(HardeningInput, AvatarsAreHttpsOrUploads) {
  TestServer server;
  auto admin = server.login();
  auto me = server.get("/api/v1/me", admin).json().at("agent").at("id").as_int64();
  const auto path = "/api/v1/agents/" + std::to_string(me);
  for (const char* bad : {"/uploads/%2e%2e/app", "javascript:alert(1)", "http://plain.test/a.png",
                          "https://x.test/a.png\" onload=\"alert(1)"}) {
    auto r = server.patch(path, bj::object{{"avatar_url", bad}}, admin);
    EXPECT_EQ(r.status, 400) << bad;
  }
  EXPECT_EQ(server.patch(path, bj::object{{"avatar_url", "https://cdn.test/me.png"}}, admin).status, 200);
}

// Finding 8: /app could be framed by any site (clickjacking an agent's session).
TEST(HardeningInput, TheDashboardCannotBeFramed) {
  TestServer server;
  auto r = server.get("/app");
  ASSERT_EQ(r.status, 200) << "build the dashboard first (cd web && npm run build)";
  EXPECT_EQ(r.headers["x-frame-options"], "DENY");
  EXPECT_EQ(r.headers["content-security-policy"], "frame-ancestors 'none'");
}

// Finding 8: a 409 carried SQLite's own text ("UNIQUE constraint failed: agents.email").
TEST(HardeningInput, AConflictIsASentenceNamingTheField) {
  TestServer server;
  auto r = server.post("/api/v1/agents",
                       bj::object{{"email", "ADMIN@test.local"}, {"name", "Twin"}, {"password", "twin-password"}},
                       server.login());
  ASSERT_EQ(r.status, 409);
  const auto err = r.json().at("error");
  EXPECT_EQ(str(err.at("field")), "email");
  EXPECT_EQ(str(err.at("message")).find("UNIQUE"), std::string::npos) << str(err.at("message"));
  EXPECT_EQ(str(err.at("message")).find("agents."), std::string::npos);
}

// Finding 8: HTTP/1.1 without Host was accepted, and Host was not checked (DNS rebinding passed
// the WebSocket's same-origin check).
TEST(HardeningInput, HostIsRequiredAndCheckedAgainstThePublicUrl) {
  TestServer server({"--public-url", "http://chat.test"});
  using namespace parley::test::abuse;
  int fd = connectFrom("127.0.0.1", server.port());
  sendAll(fd, "GET /healthz HTTP/1.1\r\n\r\n");
  auto noHost = readFor(fd, 2000ms);
  ::close(fd);
  EXPECT_EQ(noHost.rfind("HTTP/1.1 400", 0), 0u) << noHost;
  EXPECT_NE(noHost.find("\"field\":\"Host\""), std::string::npos);

  auto named = httpRequest(server.port(), "GET", "/healthz", {}, {}, "application/json", {{"Host", "chat.test:80"}});
  EXPECT_EQ(named.status, 200);
  auto rebinding = httpRequest(server.port(), "GET", "/api/v1/me", {}, {}, "application/json", {{"Host", "evil.test:8080"}});
  EXPECT_EQ(rebinding.status, 421);
  EXPECT_EQ(httpRequest(server.port(), "GET", "/healthz").status, 200) << "an IP literal is fine";

  fd = connectFrom("127.0.0.1", server.port());
  sendAll(fd, "GET /ws HTTP/1.1\r\nHost: evil.test:8080\r\nOrigin: http://evil.test:8080\r\nUpgrade: websocket\r\n"
              "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
  auto ws = readFor(fd, 2000ms);
  ::close(fd);
  EXPECT_EQ(ws.rfind("HTTP/1.1 421", 0), 0u) << "a rebinding page's socket: " << ws;
}

// Finding 8: visitors could count private notes: last_seq (and the gaps between message seqs)
// went up with every note. The visitor now counts public messages only.
TEST(HardeningInput, VisitorsCannotCountPrivateNotes) {
  TestServer server;
  auto agentToken = server.login();
  WsClient agent(server.port());
  agent.hello(agentToken);
  auto [token, ws] = server.newVisitor();
  WsClient visitor(server.port());
  visitor.hello(token);
  visitor.send(bj::object{{"type", "message.send"}, {"client_id", "v1"}, {"body", "my order is late"}});
  auto ack = visitor.waitFor("message.ack");
  ASSERT_TRUE(ack);
  EXPECT_EQ(ack->at("seq").as_int64(), 1);
  const auto convId = ack->at("conversation_id").as_int64();
  for (int i = 0; i < 3; ++i)
    agent.send(bj::object{{"type", "message.send"}, {"conversation_id", convId}, {"client_id", "n" + std::to_string(i)},
                          {"body", "internal note"}, {"private", true}});
  agent.send(bj::object{{"type", "message.send"}, {"conversation_id", convId}, {"client_id", "r1"}, {"body", "On its way!"}});
  auto reply = visitor.waitFor([](const bj::object& f) {
    return str(f.at("type")) == "message.created" && str(f.at("message").at("body")) == "On its way!";
  });
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->at("message").at("seq").as_int64(), 2) << "no gap for the three notes";
  EXPECT_EQ(reply->at("conversation").at("last_seq").as_int64(), 2);

  auto history = server.get("/api/v1/widget/conversations/" + std::to_string(convId) + "/messages", token).json();
  ASSERT_EQ(history.at("messages").as_array().size(), 2u);
  EXPECT_EQ(history.at("messages").as_array()[1].at("seq").as_int64(), 2);
  EXPECT_EQ(history.at("conversation").at("last_seq").as_int64(), 2);

  // Agents still see every message in their own count.
  auto agentView = server.get("/api/v1/conversations/" + std::to_string(convId), agentToken).json();
  EXPECT_EQ(agentView.at("conversation").at("last_seq").as_int64(), 5);

  // A reconnecting visitor resumes in its own count.
  WsClient again(server.port());
  again.hello(token);
  again.send(bj::object{{"type", "resume"}, {"conversation_id", convId}, {"after_seq", 1}});
  auto replayed = again.waitFor("message.created");
  ASSERT_TRUE(replayed);
  EXPECT_EQ(str(replayed->at("message").at("body")), "On its way!");
  EXPECT_EQ(replayed->at("message").at("seq").as_int64(), 2);
  auto done = again.waitFor("resume.done");
  ASSERT_TRUE(done);
  EXPECT_EQ(done->at("last_seq").as_int64(), 2);
}

// What the fuzzers found (server/fuzz/crashes): a number too big for a double ("1e400" is infinity)
// or for an integer (1e19), and a request target that is not a path.
TEST(HardeningInput, FuzzerFindsAreAnsweredAs400) {
  TestServer server;
  auto [token, ws] = server.newVisitor();
  auto inf = httpRequest(server.port(), "PATCH", "/api/v1/widget/visitor", R"({"attributes":{"x":1e400}})", token);
  EXPECT_EQ(inf.status, 400) << inf.body;
  EXPECT_EQ(str(inf.json().at("error").at("code")), "bad_json");
  auto huge = httpRequest(server.port(), "POST", "/api/v1/widget/conversations/1e19/csat", R"({"score":1e19})", token);
  EXPECT_EQ(huge.status, 404) << "an id that cannot exist";
  WsClient visitor(server.port());
  visitor.hello(token);
  visitor.sendRaw(R"({"type":"read","conversation_id":1e19,"seq":1})");
  auto e = visitor.waitFor("error");
  ASSERT_TRUE(e);
  EXPECT_EQ(str(e->at("field")), "conversation_id");
  visitor.sendRaw(R"({"type":"ping","t":1e400})");
  auto e2 = visitor.waitFor("error");
  ASSERT_TRUE(e2) << "an infinite number is refused, not echoed";
  EXPECT_EQ(str(e2->at("code")), "bad_json");

  using namespace parley::test::abuse;
  int fd = connectFrom("127.0.0.1", server.port());
  sendAll(fd, "GET ?x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  auto answer = readFor(fd, 2000ms);
  ::close(fd);
  EXPECT_EQ(answer.rfind("HTTP/1.1 400", 0), 0u) << answer;
}

// Found by the HTTP fuzzer: a NUL byte in a search query reached SQLite's full-text search (500).
TEST(HardeningInput, QueryParametersMustBeText) {
  TestServer server;
  auto token = server.login();
  for (const char* q : {"/api/v1/search?q=%00", "/api/v1/search?q=%ff%fe", "/api/v1/search?%00=x"}) {
    auto r = server.get(q, token);
    EXPECT_EQ(r.status, 400) << q << " " << r.body;
  }
  EXPECT_EQ(server.get("/api/v1/search?q=caf%C3%A9", token).status, 200);
}
