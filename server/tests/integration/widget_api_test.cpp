// Widget endpoints: identity verification, offline form, CSAT, uploads checked by magic bytes.
#include <gtest/gtest.h>

#include "security/hmac.h"
#include "test_server.h"

namespace bj = boost::json;
using namespace parley::test;

namespace {
class WidgetApi : public ::testing::Test {
 protected:
  void SetUp() override {
    adminToken = server.login();
    secret = str(server.get("/api/v1/workspace", adminToken).json().at("workspace").at("hmac_secret"));
    ASSERT_EQ(secret.size(), 64u);
  }
  TestServer server;
  std::string adminToken, secret;
};
}  // namespace

TEST_F(WidgetApi, IdentifyWithAValidHashMergesDevicesAndAForgedOneIsRefused) {
  // Device 1: the user writes, then identifies.
  auto [token1, ws] = server.newVisitor();
  WsClient d1(server.port());
  d1.hello(token1);
  d1.send(bj::object{{"type", "message.send"}, {"client_id", "d1"}, {"body", "from my laptop"}});
  auto convId = d1.waitFor("message.ack")->at("conversation_id").as_int64();
  auto hash = parley::hmacSha256Hex(secret, "user-42");
  auto r = server.post("/api/v1/widget/identify",
                       bj::object{{"user_id", "user-42"}, {"user_hash", hash}, {"name", "Grace"}, {"email", "grace@example.test"}},
                       token1);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(str(r.json().at("visitor").at("external_id")), "user-42");
  EXPECT_EQ(str(r.json().at("visitor").at("name")), "Grace");

  // Device 2: anonymous at first, identifies as the same user and finds the laptop's conversation.
  auto [token2, ws2] = server.newVisitor();
  auto forged = server.post("/api/v1/widget/identify", bj::object{{"user_id", "user-42"}, {"user_hash", std::string(64, 'a')}},
                            token2);
  EXPECT_EQ(forged.status, 403);
  EXPECT_EQ(str(forged.json().at("error").at("code")), "invalid_user_hash");
  EXPECT_EQ(str(forged.json().at("error").at("field")), "user_hash");
  auto missing = server.post("/api/v1/widget/identify", bj::object{{"user_id", "user-42"}}, token2);
  EXPECT_EQ(missing.status, 403);

  auto ok = server.post("/api/v1/widget/identify", bj::object{{"user_id", "user-42"}, {"user_hash", hash}}, token2);
  ASSERT_EQ(ok.status, 200) << ok.body;
  auto newToken = str(ok.json().at("visitor_token"));
  ASSERT_FALSE(ok.json().at("conversation").is_null());
  EXPECT_EQ(ok.json().at("conversation").at("id").as_int64(), convId);
  auto history = server.get("/api/v1/widget/conversations/" + std::to_string(convId) + "/messages", newToken);
  ASSERT_EQ(history.status, 200) << history.body;
  EXPECT_EQ(str(history.json().at("messages").at(0).at("body")), "from my laptop");

  // The laptop keeps its own token: both devices are the same contact now.
  auto laptop = server.post("/api/v1/widget/sessions", bj::object{{"workspace_id", ws}, {"visitor_token", token1}});
  ASSERT_EQ(laptop.status, 200) << "the first device's token must survive the second device's identify";
  auto phone = server.post("/api/v1/widget/sessions", bj::object{{"workspace_id", ws}, {"visitor_token", newToken}});
  ASSERT_EQ(phone.status, 200);
  EXPECT_EQ(laptop.json().at("visitor").at("id").as_int64(), phone.json().at("visitor").at("id").as_int64());
  EXPECT_EQ(server.post("/api/v1/widget/sessions", bj::object{{"workspace_id", ws}, {"visitor_token", token2}}).status, 201)
      << "the phone's anonymous token is gone with the anonymous contact: it starts afresh";
}

TEST_F(WidgetApi, OfflineFormBecomesAConversationTheAgentsSee) {
  auto [token, ws] = server.newVisitor();
  auto bad = server.post("/api/v1/widget/offline", bj::object{{"email", "nope"}, {"message", "hi"}, {"client_id", "o1"}}, token);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(str(bad.json().at("error").at("field")), "email");
  for (const auto& id : {bj::value(nullptr), bj::value(""), bj::value(std::string(60000, 'x'))}) {
    bj::object form{{"email", "lin@example.test"}, {"message", "hi"}};
    if (!id.is_null()) form["client_id"] = id;
    auto noId = server.post("/api/v1/widget/offline", form, token);
    EXPECT_EQ(noId.status, 400) << "a form without a sane client_id could be stored twice: " << noId.body;
    EXPECT_EQ(str(noId.json().at("error").at("field")), "client_id");
  }
  const bj::object form{{"email", "lin@example.test"}, {"name", "Lin"}, {"message", "Please call me back"}, {"client_id", "o1"}};
  auto r = server.post("/api/v1/widget/offline", form, token);
  ASSERT_EQ(r.status, 201) << r.body;
  auto again = server.post("/api/v1/widget/offline", form, token);
  ASSERT_EQ(again.status, 201) << "a retry is answered like the first";
  EXPECT_EQ(again.json().at("message").at("id"), r.json().at("message").at("id")) << "and stored once";
  auto convId = r.json().at("conversation").at("id").as_int64();
  auto conv = server.get("/api/v1/conversations/" + std::to_string(convId), adminToken).json().at("conversation");
  EXPECT_EQ(str(conv.at("contact").at("email")), "lin@example.test");
  EXPECT_EQ(str(conv.at("last_message").at("body")), "Please call me back");
}

TEST_F(WidgetApi, CsatAfterResolveReachesTheAgents) {
  auto [token, ws] = server.newVisitor();
  WsClient visitor(server.port());
  visitor.hello(token);
  visitor.send(bj::object{{"type", "message.send"}, {"client_id", "c"}, {"body", "thanks"}});
  auto convId = visitor.waitFor("message.ack")->at("conversation_id").as_int64();
  auto path = "/api/v1/conversations/" + std::to_string(convId);
  const auto csatPath = "/api/v1/widget/conversations/" + std::to_string(convId) + "/csat";
  auto early = server.post(csatPath, bj::object{{"score", 1}}, token);
  EXPECT_EQ(early.status, 409) << "an open conversation cannot be rated: " << early.body;
  EXPECT_EQ(str(early.json().at("error").at("code")), "not_resolved");
  ASSERT_EQ(server.patch(path, bj::object{{"status", "resolved"}}, adminToken).status, 200);
  auto update = visitor.waitFor("conversation.updated");
  ASSERT_TRUE(update) << "the widget learns of the resolve to ask for a rating";
  EXPECT_EQ(str(update->at("conversation").at("status")), "resolved");
  EXPECT_FALSE(update->at("conversation").as_object().contains("tags")) << "visitors see no internal fields";

  auto bad = server.post("/api/v1/widget/conversations/" + std::to_string(convId) + "/csat", bj::object{{"score", 9}}, token);
  EXPECT_EQ(bad.status, 400);
  auto r = server.post("/api/v1/widget/conversations/" + std::to_string(convId) + "/csat",
                       bj::object{{"score", 5}, {"comment", "Great help"}}, token);
  ASSERT_EQ(r.status, 204) << r.body;
  auto overwrite = server.post(csatPath, bj::object{{"score", 1}, {"comment", "changed my mind"}}, token);
  EXPECT_EQ(overwrite.status, 409) << "a rating is given once";
  EXPECT_EQ(str(overwrite.json().at("error").at("code")), "already_rated");
  auto conv = server.get(path, adminToken).json().at("conversation");
  EXPECT_EQ(conv.at("csat_score").as_int64(), 5);
  EXPECT_EQ(str(conv.at("csat_comment")), "Great help");
}

TEST_F(WidgetApi, UploadsAreTypedByTheirBytes) {
  auto [token, ws] = server.newVisitor();
  const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89", 33);
  auto r = httpRequest(server.port(), "POST", "/api/v1/widget/uploads", png, token, "text/html", {{"X-Filename", "dot.png"}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto url = str(r.json().at("url"));
  EXPECT_EQ(str(r.json().at("content_type")), "image/png");
  auto file = httpRequest(server.port(), "GET", url);
  EXPECT_EQ(file.status, 200);
  EXPECT_EQ(file.body, png);

  auto html = httpRequest(server.port(), "POST", "/api/v1/widget/uploads", std::string("\x00\x01<script>", 10), token,
                          "image/png", {{"X-Filename", "evil.png"}});
  EXPECT_EQ(html.status, 415);
  EXPECT_EQ(str(html.json().at("error").at("code")), "unsupported_type");
  auto anon = httpRequest(server.port(), "POST", "/api/v1/widget/uploads", png, "", "image/png");
  EXPECT_EQ(anon.status, 401);

  // The upload can ride on a message; a foreign URL cannot.
  WsClient visitor(server.port());
  visitor.hello(token);
  visitor.send(bj::object{{"type", "message.send"}, {"client_id", "f1"}, {"body", ""},
                          {"attachments", bj::array{bj::object{{"url", url}, {"name", "dot.png"}, {"size", 33}, {"content_type", "image/png"}}}}});
  ASSERT_TRUE(visitor.waitFor("message.ack"));
  visitor.send(bj::object{{"type", "message.send"}, {"client_id", "f2"}, {"body", "x"},
                          {"attachments", bj::array{bj::object{{"url", "javascript:alert(1)"}}}}});
  auto e = visitor.waitFor("error");
  ASSERT_TRUE(e);
  EXPECT_EQ(str(e->at("field")), "attachments");
}

TEST_F(WidgetApi, SettingsFromTheApiReachTheWidgetAndBadOnesAreRefused) {
  auto r = server.patch("/api/v1/workspace",
                        bj::object{{"settings", bj::object{{"color", "#ff5500"}, {"greeting", "Moin!"}, {"locale", "de"}}},
                                   {"allowed_origins", bj::array{"https://shop.example.com"}}},
                        adminToken);
  ASSERT_EQ(r.status, 200) << r.body;
  auto bad = server.patch("/api/v1/workspace", bj::object{{"settings", bj::object{{"color", "red; background:url(x)"}}}}, adminToken);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(str(bad.json().at("error").at("field")), "settings.color");
  auto refused = server.post("/api/v1/widget/sessions", bj::object{{"workspace_id", server.workspacePublicId()},
                                                                  {"embed_origin", "https://other.example.net"}});
  EXPECT_EQ(refused.status, 403) << "Settings > Allowed domains";
  EXPECT_EQ(str(refused.json().at("error").at("field")), "embed_origin");
  auto s = server.post("/api/v1/widget/sessions", bj::object{{"workspace_id", server.workspacePublicId()},
                                                            {"embed_origin", "https://shop.example.com"}});
  ASSERT_EQ(s.status, 201) << s.body;
  auto settings = s.json().at("settings");
  EXPECT_EQ(str(settings.at("color")), "#ff5500");
  EXPECT_EQ(str(settings.at("greeting")), "Moin!");
  EXPECT_EQ(str(settings.at("position")), "right") << "unset keys keep their defaults";
  // The frame may only be embedded by the allowed site.
  auto frame = httpRequest(server.port(), "GET", "/widget/frame.html?ws=" + server.workspacePublicId());
  ASSERT_EQ(frame.status, 200) << "build the widget first (cd web && npm run build:widget)";
  auto csp = frame.headers["content-security-policy"];
  EXPECT_NE(csp.find("frame-ancestors"), std::string::npos) << csp;
  EXPECT_NE(csp.find("https://shop.example.com"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("*"), std::string::npos) << csp;
}

TEST_F(WidgetApi, WebSocketFromAForeignOriginIsRefusedWhenOriginsAreSet) {
  auto [token, ws] = server.newVisitor();
  server.patch("/api/v1/workspace", bj::object{{"allowed_origins", bj::array{"https://shop.example.com"}}}, adminToken);
  WsClient evil(server.port(), "https://evil.example.net");
  auto w = evil.hello(token);
  EXPECT_EQ(str(w.at("code")), "forbidden");
  WsClient good(server.port(), "https://shop.example.com");
  EXPECT_EQ(str(good.hello(token).at("type")), "welcome");
  // Our own frame's socket (no foreign Origin) names the page it sits on.
  WsClient framed(server.port());
  framed.send(bj::object{{"type", "hello"}, {"token", token}, {"embed_origin", "https://evil.example.net"}});
  EXPECT_EQ(str(framed.next()->at("code")), "forbidden");
  WsClient unnamed(server.port());
  EXPECT_EQ(str(unnamed.hello(token).at("code")), "forbidden") << "an unnamed site is not an allowed one";
  WsClient shopFrame(server.port());
  shopFrame.send(bj::object{{"type", "hello"}, {"token", token}, {"embed_origin", "https://shop.example.com"}});
  EXPECT_EQ(str(shopFrame.next()->at("type")), "welcome");
}
