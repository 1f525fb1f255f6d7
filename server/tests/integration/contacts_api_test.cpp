// The contacts page's endpoints (issue 10): GET /api/v1/contacts (paged, searchable) and
// POST /api/v1/contacts/{id}/merge, with bad input and another workspace's ids.
#include <gtest/gtest.h>

#include "test_server.h"

namespace bj = boost::json;
using namespace parley::test;

namespace {

class ContactsApi : public ::testing::Test {
 protected:
  void SetUp() override { admin = server.login(); }

  // A visitor who wrote `body` (a conversation) or, with an empty body, only opened a page.
  struct Visitor {
    std::string token;
    std::int64_t contact_id = 0;
    std::int64_t conversation_id = 0;
  };
  Visitor visitor(const std::string& name, const std::string& body = {}) {
    Visitor v;
    v.token = server.newVisitor().first;
    auto me = server.patch("/api/v1/widget/visitor", bj::object{{"name", name}}, v.token);
    v.contact_id = me.json().at("visitor").at("id").as_int64();
    if (!body.empty()) {
      WsClient ws(server.port());
      ws.hello(v.token);
      ws.send(bj::object{{"type", "message.send"}, {"client_id", "c-" + name}, {"body", body}});
      v.conversation_id = ws.waitFor("message.ack")->at("conversation_id").as_int64();
    }
    return v;
  }

  static std::string field(const HttpResult& r) { return str(r.json().at("error").at("field")); }

  TestServer server;
  std::string admin;
};

}  // namespace

TEST_F(ContactsApi, ListsNewestSeenFirstInPagesWithSearchAndConversationCounts) {
  auto anna = visitor("Anna Berg", "Hello from Anna");
  auto ben = visitor("Ben Cho");
  auto cleo = visitor("Cleo Dahl", "Hi, Cleo here");
  auto page1 = server.get("/api/v1/contacts?limit=2", admin);
  ASSERT_EQ(page1.status, 200) << page1.body;
  auto list1 = page1.json().at("contacts").as_array();
  ASSERT_EQ(list1.size(), 2u);
  EXPECT_EQ(str(list1[0].at("name")), "Cleo Dahl");
  EXPECT_EQ(list1[0].at("conversation_count").as_int64(), 1);
  EXPECT_EQ(str(list1[1].at("name")), "Ben Cho");
  EXPECT_EQ(list1[1].at("conversation_count").as_int64(), 0);
  EXPECT_TRUE(list1[0].as_object().contains("last_seen_at"));
  EXPECT_TRUE(list1[0].as_object().contains("country"));
  auto cursor = str(page1.json().at("next_cursor"));
  ASSERT_FALSE(cursor.empty());
  auto page2 = server.get("/api/v1/contacts?limit=2&cursor=" + cursor, admin).json();
  auto list2 = page2.at("contacts").as_array();
  ASSERT_EQ(list2.size(), 1u);
  EXPECT_EQ(list2[0].at("id").as_int64(), anna.contact_id);
  EXPECT_TRUE(page2.at("next_cursor").is_null());

  auto found = server.get("/api/v1/contacts?q=ben%20c", admin).json().at("contacts").as_array();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].at("id").as_int64(), ben.contact_id);
  auto chatted = server.get("/api/v1/contacts?segment=chatted", admin).json().at("contacts").as_array();
  EXPECT_EQ(chatted.size(), 2u);
  (void)cleo;
}

TEST_F(ContactsApi, BadInputGetsA400NamingTheField) {
  EXPECT_EQ(server.get("/api/v1/contacts").status, 401);
  for (const auto& [query, name] : std::vector<std::pair<std::string, std::string>>{
           {"limit=0", "limit"}, {"limit=101", "limit"}, {"limit=ten", "limit"}, {"cursor=garbage", "cursor"},
           {"cursor=l1.0", "cursor"}, {"segment=vip", "segment"}, {"sort=name", "sort"},
           {"q=" + std::string(201, 'a'), "q"}}) {
    auto r = server.get("/api/v1/contacts?" + query, admin);
    EXPECT_EQ(r.status, 400) << query;
    EXPECT_EQ(field(r), name) << query << " " << r.body;
  }
  auto a = visitor("A");
  auto path = "/api/v1/contacts/" + std::to_string(a.contact_id) + "/merge";
  for (const auto& [body, name] : std::vector<std::pair<std::string, std::string>>{
           {"{}", "into_id"}, {R"({"into_id":"7"})", "into_id"}, {R"({"into_id":0})", "into_id"},
           {R"({"into_id":)" + std::to_string(a.contact_id) + "}", "into_id"}, {"[1]", "body"}, {"{", "body"}}) {
    auto r = httpRequest(server.port(), "POST", path, body, admin);
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_EQ(field(r), name) << body << " " << r.body;
  }
  auto missing = server.post(path, bj::object{{"into_id", 999999}}, admin);
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(field(missing), "into_id");
  EXPECT_EQ(server.post("/api/v1/contacts/999999/merge", bj::object{{"into_id", a.contact_id}}, admin).status, 404);
}

TEST_F(ContactsApi, MergeKeepsBothHistoriesAndTellsAgentsLive) {
  auto keep = visitor("Kim Lee", "First chat as Kim");
  auto dup = visitor("kim (second browser)", "Second chat, other browser");
  ASSERT_EQ(server.patch("/api/v1/contacts/" + std::to_string(dup.contact_id),
                         bj::object{{"email", "kim@example.com"}, {"attributes", bj::object{{"plan", "pro"}}}}, admin)
                .status,
            200);
  WsClient agent(server.port());
  agent.hello(admin);

  auto r = server.post("/api/v1/contacts/" + std::to_string(dup.contact_id) + "/merge",
                       bj::object{{"into_id", keep.contact_id}}, admin);
  ASSERT_EQ(r.status, 200) << r.body;
  auto survivor = r.json().at("contact");
  EXPECT_EQ(survivor.at("id").as_int64(), keep.contact_id);
  EXPECT_EQ(str(survivor.at("name")), "Kim Lee");
  EXPECT_EQ(str(survivor.at("email")), "kim@example.com");
  EXPECT_EQ(str(survivor.at("attributes").at("plan")), "pro");
  EXPECT_EQ(r.json().at("moved_conversations").as_int64(), 1);

  // Other updates of that conversation may come first (auto-assignment answers the agent's hello
  // in its own time): wait for the one that names the survivor.
  auto frame = agent.waitFor([&](const bj::object& f) {
    return str(f.at("type")) == "conversation.updated" &&
           f.at("conversation").at("id").as_int64() == dup.conversation_id &&
           f.at("conversation").at("contact_id").as_int64() == keep.contact_id;
  });
  ASSERT_TRUE(frame) << "agents learn that the conversation has a new contact";

  auto convs = server.get("/api/v1/contacts/" + std::to_string(keep.contact_id) + "/conversations", admin);
  EXPECT_EQ(convs.json().at("conversations").as_array().size(), 2u);
  EXPECT_EQ(server.get("/api/v1/contacts/" + std::to_string(dup.contact_id), admin).status, 404);
  // The duplicate's browser goes on as the survivor: its token still works and names Kim.
  auto again = server.post("/api/v1/widget/sessions",
                           bj::object{{"workspace_id", server.workspacePublicId()}, {"visitor_token", dup.token}});
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json().at("visitor").at("id").as_int64(), keep.contact_id);
}

TEST_F(ContactsApi, AnotherWorkspacesContactsAreNotFound) {
  ASSERT_EQ(server.runCli({"agent", "add", "--data", server.dataDir(), "--workspace", "Other Co", "--email",
                           "bob@other.test", "--name", "Bob", "--password", "bob-password", "--role", "admin"}),
            0);
  auto bob = server.login("bob@other.test", "bob-password");
  auto a = visitor("Ours A", "hello");
  auto b = visitor("Ours B");
  EXPECT_TRUE(server.get("/api/v1/contacts", bob).json().at("contacts").as_array().empty());
  EXPECT_TRUE(server.get("/api/v1/contacts?q=Ours", bob).json().at("contacts").as_array().empty());
  EXPECT_EQ(server.post("/api/v1/contacts/" + std::to_string(a.contact_id) + "/merge",
                        bj::object{{"into_id", b.contact_id}}, bob)
                .status,
            404);
  EXPECT_EQ(server.get("/api/v1/contacts", admin).json().at("contacts").as_array().size(), 2u) << "nothing merged";
}
