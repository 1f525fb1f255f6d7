// The knowledge base's REST API on a real server (issue 14): agents read, admins write; Markdown is
// rendered safely; search, pages and categories; the widget sees published articles only, counts
// views and takes one vote per visitor; bad input names its field.
#include <gtest/gtest.h>

#include <set>

#include "test_server.h"

namespace bj = boost::json;
using namespace parley::test;

namespace {

class ArticlesApi : public ::testing::Test {
 protected:
  void SetUp() override {
    admin = server.login();
    auto r = server.post("/api/v1/agents",
                         bj::object{{"email", "sam@test.local"}, {"name", "Sam"}, {"password", "sam-password"},
                                    {"role", "agent"}, {"capacity", 5}},
                         admin);
    ASSERT_EQ(r.status, 201) << r.body;
    agent = server.login("sam@test.local", "sam-password");
  }

  bj::object create(const bj::object& body, int expect = 201) {
    auto r = server.post("/api/v1/articles", body, admin);
    EXPECT_EQ(r.status, expect) << r.body;
    return r.status == 201 ? r.json().as_object() : bj::object{};
  }

  HttpResult del(const std::string& target, const std::string& token) {
    return httpRequest(server.port(), "DELETE", target, {}, token);
  }

  TestServer server;
  std::string admin, agent;
};

std::string fieldOf(const HttpResult& r) { return str(r.json().at("error").at("field")); }

TEST_F(ArticlesApi, AdminsWriteAgentsReadAndBodiesAreRenderedSafely) {
  auto a = create(bj::object{{"title", "Reset your password"},
                             {"body_markdown", "# Steps\n\nOpen **Settings**. <script>alert(1)</script> [x](javascript:alert(1))"},
                             {"status", "published"}});
  EXPECT_EQ(str(a.at("slug")), "reset-your-password");
  EXPECT_EQ(str(a.at("status")), "published");
  const auto html = str(a.at("body_html"));
  EXPECT_NE(html.find("<h1>Steps</h1>"), std::string::npos) << html;
  EXPECT_EQ(html.find("<script"), std::string::npos) << html;
  EXPECT_EQ(html.find("javascript:"), std::string::npos) << html;
  EXPECT_EQ(str(a.at("url")), "/help/" + server.workspacePublicId() + "/articles/reset-your-password");
  EXPECT_FALSE(a.at("published_at").is_null());
  const auto id = std::to_string(a.at("id").as_int64());

  EXPECT_EQ(server.post("/api/v1/articles", bj::object{{"title", "x"}, {"body_markdown", ""}}, agent).status, 403);
  EXPECT_EQ(server.patch("/api/v1/articles/" + id, bj::object{{"title", "x"}}, agent).status, 403);
  EXPECT_EQ(del("/api/v1/articles/" + id, agent).status, 403);
  EXPECT_EQ(server.get("/api/v1/articles/" + id, agent).status, 200) << "any agent reads";
  EXPECT_EQ(server.get("/api/v1/articles/" + id).status, 401);

  auto second = create(bj::object{{"title", "Reset your password"}, {"body_markdown", "again"}});
  EXPECT_EQ(str(second.at("slug")), "reset-your-password-2") << "a slug made from the title steps aside";
  EXPECT_EQ(str(second.at("status")), "draft");
  auto taken = server.post("/api/v1/articles",
                           bj::object{{"title", "T"}, {"body_markdown", ""}, {"slug", "reset-your-password"}}, admin);
  EXPECT_EQ(taken.status, 409);
  EXPECT_EQ(fieldOf(taken), "slug");

  auto patched = server.patch("/api/v1/articles/" + id, bj::object{{"title", "Change your password"}}, admin);
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(str(patched.json().at("slug")), "reset-your-password") << "published links keep working";

  auto preview = server.post("/api/v1/articles/preview", bj::object{{"body_markdown", "*hi* <b>x</b>"}}, agent);
  ASSERT_EQ(preview.status, 200);
  EXPECT_NE(str(preview.json().at("html")).find("<em>hi</em>"), std::string::npos);
  EXPECT_EQ(str(preview.json().at("html")).find("<b>"), std::string::npos);

  EXPECT_EQ(del("/api/v1/articles/" + id, admin).status, 204);
  EXPECT_EQ(server.get("/api/v1/articles/" + id, admin).status, 404);
}

TEST_F(ArticlesApi, BadInputNamesTheField) {
  struct Case {
    bj::object body;
    std::string field;
  };
  const std::vector<Case> cases = {
      {{{"body_markdown", "x"}}, "title"},
      {{{"title", ""}, {"body_markdown", "x"}}, "title"},
      {{{"title", std::string(201, 'a')}, {"body_markdown", "x"}}, "title"},
      {{{"title", "T"}}, "body_markdown"},
      {{{"title", "T"}, {"body_markdown", 5}}, "body_markdown"},
      {{{"title", "T"}, {"body_markdown", "x"}, {"status", "live"}}, "status"},
      {{{"title", "T"}, {"body_markdown", "x"}, {"slug", "Not A Slug"}}, "slug"},
      {{{"title", "T"}, {"body_markdown", "x"}, {"category_id", 999}}, "category_id"},
      {{{"title", "T"}, {"body_markdown", "x"}, {"category_id", "1"}}, "category_id"},
  };
  for (const auto& c : cases) {
    auto r = server.post("/api/v1/articles", c.body, admin);
    EXPECT_EQ(r.status, 400) << bj::serialize(c.body) << " " << r.body;
    EXPECT_EQ(fieldOf(r), c.field) << bj::serialize(c.body);
  }
  auto big = server.post("/api/v1/articles", bj::object{{"title", "T"}, {"body_markdown", std::string(100'001, 'a')}}, admin);
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(fieldOf(big), "body_markdown");
  EXPECT_EQ(fieldOf(server.get("/api/v1/articles?limit=0", admin)), "limit");
  EXPECT_EQ(fieldOf(server.get("/api/v1/articles?status=x", admin)), "status");
  EXPECT_EQ(fieldOf(server.get("/api/v1/articles?cursor=nope", admin)), "cursor");
  EXPECT_EQ(fieldOf(server.post("/api/v1/article-categories", bj::object{{"name", ""}}, admin)), "name");
  EXPECT_EQ(fieldOf(server.post("/api/v1/article-categories", bj::object{{"name", "A"}, {"position", -1}}, admin)),
            "position");
  EXPECT_EQ(fieldOf(server.post("/api/v1/article-categories",
                                bj::object{{"name", "A"}, {"description", std::string(501, 'd')}}, admin)),
            "description");
}

TEST_F(ArticlesApi, SearchPagesAndCategories) {
  auto billing = server.post("/api/v1/article-categories", bj::object{{"name", "Billing"}, {"position", 2}}, admin);
  ASSERT_EQ(billing.status, 201) << billing.body;
  auto start = server.post("/api/v1/article-categories", bj::object{{"name", "Getting started"}, {"position", 1}}, admin);
  ASSERT_EQ(start.status, 201);
  const auto billingId = billing.json().at("id").as_int64();
  create(bj::object{{"title", "Invoices"}, {"body_markdown", "Download an invoice as PDF."}, {"category_id", billingId},
                    {"status", "published"}});
  create(bj::object{{"title", "Refunds"}, {"body_markdown", "Refunds take five days."}, {"category_id", billingId}});
  for (int i = 0; i < 4; ++i) create(bj::object{{"title", "Note " + std::to_string(i)}, {"body_markdown", "plain"}});

  auto cats = server.get("/api/v1/article-categories", agent).json().at("items").as_array();
  ASSERT_EQ(cats.size(), 2u);
  EXPECT_EQ(str(cats[0].at("name")), "Getting started");
  EXPECT_EQ(cats[1].at("article_count").as_int64(), 2);

  auto found = server.get("/api/v1/articles?q=invoice", agent).json().at("items").as_array();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(str(found[0].at("title")), "Invoices");
  EXPECT_EQ(server.get("/api/v1/articles?category_id=" + std::to_string(billingId) + "&status=draft", agent)
                .json().at("items").as_array().size(), 1u);

  std::set<std::string> seen;
  std::string cursor;
  for (int i = 0; i < 5; ++i) {
    auto page = server.get("/api/v1/articles?limit=4" + (cursor.empty() ? "" : "&cursor=" + cursor), agent).json();
    for (const auto& a : page.at("items").as_array()) seen.insert(str(a.at("title")));
    if (page.at("next_cursor").is_null()) break;
    cursor = str(page.at("next_cursor"));
  }
  EXPECT_EQ(seen.size(), 6u) << "two pages hold all six";

  auto renamed = server.patch("/api/v1/article-categories/" + std::to_string(billingId),
                              bj::object{{"name", "Payments"}, {"position", 0}}, admin);
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(str(renamed.json().at("slug")), "billing");
  EXPECT_EQ(del("/api/v1/article-categories/" + std::to_string(billingId), agent).status, 403);
  EXPECT_EQ(del("/api/v1/article-categories/" + std::to_string(billingId), admin).status, 204);
  auto left = server.get("/api/v1/articles?q=invoice", agent).json().at("items").as_array();
  ASSERT_EQ(left.size(), 1u);
  EXPECT_TRUE(left[0].at("category_id").is_null()) << "its articles stay, uncategorised";
}

TEST_F(ArticlesApi, TheWidgetSeesPublishedArticlesCountsViewsAndTakesOneVoteEach) {
  auto pub = create(bj::object{{"title", "Shipping times"}, {"body_markdown", "Parcels leave within two days."},
                               {"status", "published"}});
  auto draft = create(bj::object{{"title", "Shipping secrets"}, {"body_markdown", "Draft."}});
  const auto pubId = std::to_string(pub.at("id").as_int64());
  const auto draftId = std::to_string(draft.at("id").as_int64());
  auto [visitor, ws] = server.newVisitor();

  auto hits = server.get("/api/v1/widget/articles?q=shipp", visitor);
  ASSERT_EQ(hits.status, 200) << hits.body;
  auto items = hits.json().at("items").as_array();
  ASSERT_EQ(items.size(), 1u) << "drafts are not found: " << hits.body;
  EXPECT_EQ(str(items[0].at("title")), "Shipping times");
  EXPECT_FALSE(items[0].as_object().contains("body_markdown"));
  EXPECT_EQ(server.get("/api/v1/widget/articles?q=shipping", admin).status, 401) << "a visitor's token only";
  EXPECT_EQ(fieldOf(server.get("/api/v1/widget/articles?limit=11", visitor)), "limit");

  auto open = server.get("/api/v1/widget/articles/" + pubId, visitor);
  ASSERT_EQ(open.status, 200);
  EXPECT_NE(str(open.json().at("body_html")).find("Parcels"), std::string::npos);
  EXPECT_EQ(server.get("/api/v1/widget/articles/" + draftId, visitor).status, 404);
  auto popular = server.get("/api/v1/widget/articles", visitor).json().at("items").as_array();
  ASSERT_EQ(popular.size(), 1u);

  EXPECT_EQ(server.post("/api/v1/widget/articles/" + pubId + "/feedback", bj::object{{"helpful", true}}, visitor).status, 204);
  EXPECT_EQ(server.post("/api/v1/widget/articles/" + pubId + "/feedback", bj::object{{"helpful", true}}, visitor).status, 204);
  auto [other, ws2] = server.newVisitor();
  server.post("/api/v1/widget/articles/" + pubId + "/feedback", bj::object{{"helpful", false}}, other);
  EXPECT_EQ(fieldOf(server.post("/api/v1/widget/articles/" + pubId + "/feedback", bj::object{{"helpful", "yes"}}, other)),
            "helpful");
  EXPECT_EQ(server.post("/api/v1/widget/articles/" + draftId + "/feedback", bj::object{{"helpful", true}}, other).status, 404);

  auto now = server.get("/api/v1/articles/" + pubId, admin).json();
  EXPECT_EQ(now.at("views").as_int64(), 1);
  EXPECT_EQ(now.at("helpful_yes").as_int64(), 1) << "one vote per visitor";
  EXPECT_EQ(now.at("helpful_no").as_int64(), 1);
}

}  // namespace

// Help in the widget: each search, article and vote costs the visitor from a budget (30 at once,
// then 2 a second); past it, 429 rate_limited with Retry-After, and another visitor is not affected.
TEST_F(ArticlesApi, AVisitorsHelpRequestsHaveABudget) {
  create(bj::object{{"title", "Shipping times"}, {"body_markdown", "Parcels leave within two days."}, {"status", "published"}});
  auto [visitor, ws] = server.newVisitor();
  int ok = 0;
  HttpResult last;
  for (int i = 0; i < 40; ++i) {
    last = server.get("/api/v1/widget/articles?q=ship", visitor);
    if (last.status != 200) break;
    ++ok;
  }
  EXPECT_GE(ok, 30);
  EXPECT_LT(ok, 40) << "the budget ends";
  EXPECT_EQ(last.status, 429);
  EXPECT_EQ(std::string(last.json().at("error").at("code").as_string()), "rate_limited");
  EXPECT_FALSE(last.headers["retry-after"].empty());
  auto [other, ws2] = server.newVisitor();
  EXPECT_EQ(server.get("/api/v1/widget/articles?q=ship", other).status, 200);
}
