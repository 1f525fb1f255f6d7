// Issue 16 item 4 on a real server: a blocked contact or address range cannot write (WebSocket
// message.send, the offline form, uploads) and is told only "You can't send messages in this chat.";
// other visitors can; the agents still read the history; unblocking restores; each change is in
// the audit log. Addresses come from X-Forwarded-For (the test server trusts 127.0.0.1).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "test_server.h"

namespace bj = boost::json;
using namespace parley::test;

namespace {

class BlocksApi : public ::testing::Test {
 protected:
  void SetUp() override { admin = server.login(); }

  std::string visitorFrom(const std::string& ip) {
    auto r = httpRequest(server.port(), "POST", "/api/v1/widget/sessions",
                         bj::serialize(bj::object{{"workspace_id", server.workspacePublicId()}}), {}, "application/json",
                         {{"X-Forwarded-For", ip}});
    EXPECT_EQ(r.status, 201) << r.body;
    return str(r.json().at("visitor_token"));
  }
  HttpResult offline(const std::string& token, const std::string& ip, const std::string& client_id) {
    return httpRequest(server.port(), "POST", "/api/v1/widget/offline",
                       bj::serialize(bj::object{{"email", "v@example.test"}, {"message", "hello"}, {"client_id", client_id}}),
                       token, "application/json", {{"X-Forwarded-For", ip}});
  }
  HttpResult upload(const std::string& token, const std::string& ip) {
    return httpRequest(server.port(), "POST", "/api/v1/widget/uploads", "plain text file", token, "text/plain",
                       {{"X-Forwarded-For", ip}, {"X-Filename", "a.txt"}});
  }
  // Sends over the socket; returns the ack or the error frame.
  bj::object wsSend(const std::string& token, const std::string& client_id) {
    WsClient ws(server.port());
    ws.hello(token);
    ws.send(bj::object{{"type", "message.send"}, {"client_id", client_id}, {"body", "hi there"}});
    auto f = ws.waitFor([](const bj::object& o) { return o.at("type") == "message.ack" || o.at("type") == "error"; });
    return f ? *f : bj::object{};
  }
  std::int64_t block(const bj::object& body) {
    auto r = server.post("/api/v1/blocks", body, admin);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.json().at("block").at("id").as_int64() : 0;
  }
  int unblock(std::int64_t id) {
    return httpRequest(server.port(), "DELETE", "/api/v1/blocks/" + std::to_string(id), {}, admin).status;
  }

  TestServer server;
  std::string admin;
};

TEST_F(BlocksApi, ABlockedContactIsRefusedEverywhereAndOthersAreNot) {
  const auto token = visitorFrom("203.0.113.10");
  const auto other = visitorFrom("203.0.113.11");
  auto ack = wsSend(token, "first");
  ASSERT_EQ(str(ack.at("type")), "message.ack") << ack;
  const auto convId = ack.at("conversation_id").as_int64();
  const auto contactId =
      server.get("/api/v1/conversations/" + std::to_string(convId), admin).json().at("conversation").at("contact_id").as_int64();

  const auto id = block(bj::object{{"contact_id", contactId}, {"reason", "abusive language"}});
  auto refused = wsSend(token, "second");
  EXPECT_EQ(str(refused.at("type")), "error") << refused;
  EXPECT_EQ(str(refused.at("code")), "cannot_send");
  EXPECT_EQ(str(refused.at("message")), "You can't send messages in this chat.");
  auto form = offline(token, "203.0.113.10", "o1");
  EXPECT_EQ(form.status, 403) << form.body;
  EXPECT_EQ(str(form.json().at("error").at("code")), "cannot_send");
  EXPECT_EQ(str(form.json().at("error").at("message")), "You can't send messages in this chat.");
  EXPECT_EQ(upload(token, "203.0.113.10").status, 403);

  // Not the others; and the agents still read the whole history.
  EXPECT_EQ(str(wsSend(other, "o-1").at("type")), "message.ack");
  EXPECT_EQ(upload(other, "203.0.113.11").status, 201);
  auto history = server.get("/api/v1/conversations/" + std::to_string(convId) + "/messages", admin);
  ASSERT_EQ(history.status, 200);
  EXPECT_NE(history.body.find("hi there"), std::string::npos);

  // Listed (with the contact's filter), then removed by an admin: the visitor writes again.
  auto listed = server.get("/api/v1/blocks?contact_id=" + std::to_string(contactId), admin).json().at("blocks").as_array();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(str(listed[0].at("reason")), "abusive language");
  EXPECT_EQ(server.post("/api/v1/blocks", bj::object{{"contact_id", contactId}}, admin).status, 409);
  EXPECT_EQ(unblock(id), 204);
  EXPECT_EQ(unblock(id), 404);
  EXPECT_EQ(str(wsSend(token, "third").at("type")), "message.ack");
  EXPECT_EQ(offline(token, "203.0.113.10", "o2").status, 201);

  auto created = server.get("/api/v1/audit-log?action=block.created", admin).json().at("entries").as_array();
  ASSERT_EQ(created.size(), 1u);
  EXPECT_EQ(created[0].at("target").at("id").as_int64(), id);
  EXPECT_EQ(str(created[0].at("details").at("reason")), "abusive language");
  EXPECT_EQ(server.get("/api/v1/audit-log?action=block.removed", admin).json().at("entries").as_array().size(), 1u);
}

TEST_F(BlocksApi, AnAddressRangeBlocksEveryVisitorInItOverRestAndWebSocket) {
  const auto inside = visitorFrom("198.51.100.77");
  const auto outside = visitorFrom("198.51.101.1");
  const auto id = block(bj::object{{"ip", "198.51.100.9/24"}});
  auto listed = server.get("/api/v1/blocks", admin).json().at("blocks").as_array();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(str(listed[0].at("ip")), "198.51.100.0/24") << "host bits cleared";
  EXPECT_EQ(offline(inside, "198.51.100.77", "a").status, 403);
  EXPECT_EQ(upload(inside, "198.51.100.200").status, 403);
  EXPECT_EQ(offline(inside, "198.51.101.2", "b").status, 201) << "the same visitor from elsewhere is not the range";
  EXPECT_EQ(offline(outside, "198.51.101.1", "c").status, 201);

  // The socket's address: loopback in this test.
  const auto loopback = block(bj::object{{"ip", "127.0.0.1"}});
  EXPECT_EQ(str(wsSend(outside, "ws-1").at("code")), "cannot_send");
  EXPECT_EQ(unblock(loopback), 204);
  EXPECT_EQ(str(wsSend(outside, "ws-2").at("type")), "message.ack");
  EXPECT_EQ(unblock(id), 204);
  EXPECT_EQ(offline(inside, "198.51.100.77", "d").status, 201);
}

TEST_F(BlocksApi, BadInputNamesItsFieldAndOnlyAdminsUnblock) {
  for (const auto& [body, field] : std::vector<std::pair<bj::object, std::string>>{
           {bj::object{}, "contact_id"},
           {bj::object{{"ip", "0.0.0.0/0"}}, "ip"},
           {bj::object{{"ip", "example.com"}}, "ip"},
           {bj::object{{"ip", "10.0.0.1"}, {"contact_id", 1}}, "ip"},
           {bj::object{{"contact_id", 999999}}, "contact_id"},
           {bj::object{{"ip", "10.0.0.1"}, {"reason", std::string(501, 'x')}}, "reason"}}) {
    auto r = server.post("/api/v1/blocks", body, admin);
    EXPECT_EQ(r.status, 400) << bj::serialize(body) << " " << r.body;
    EXPECT_EQ(str(r.json().at("error").at("field")), field) << bj::serialize(body);
  }
  ASSERT_EQ(server.post("/api/v1/agents", bj::object{{"email", "ag@test.local"}, {"name", "Ag"}, {"password", "ag-password"}}, admin).status, 201);
  const auto agent = server.login("ag@test.local", "ag-password");
  auto r = server.post("/api/v1/blocks", bj::object{{"ip", "2001:db8::/48"}}, agent);
  ASSERT_EQ(r.status, 201) << "an agent may block from a conversation";
  const auto id = r.json().at("block").at("id").as_int64();
  EXPECT_EQ(httpRequest(server.port(), "DELETE", "/api/v1/blocks/" + std::to_string(id), {}, agent).status, 403);
  EXPECT_EQ(server.get("/api/v1/blocks").status, 401);
}

}  // namespace
