// The public help center on a real server (issue 14, item 2): pages with the workspace's name and
// colour, canonical links and meta descriptions, escaped text, drafts and other workspaces' slugs
// as 404s, search, the sitemap with absolute URLs from the Host, the feedback form (one vote per
// browser), and the same pages at "/" on the workspace's help_center_domain.
#include <gtest/gtest.h>

#include "test_server.h"

namespace bj = boost::json;
using namespace parley::test;

namespace {

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

class HelpCenter : public ::testing::Test {
 protected:
  void SetUp() override {
    admin = server.login();
    pid = server.workspacePublicId();
    auto ws = server.patch("/api/v1/workspace",
                           bj::object{{"name", "Acme <Shop>"}, {"settings", bj::object{{"color", "#112233"}}}}, admin);
    ASSERT_EQ(ws.status, 200) << ws.body;
    auto c = server.post("/api/v1/article-categories", bj::object{{"name", "Billing"}, {"description", "Money matters"}}, admin);
    ASSERT_EQ(c.status, 201) << c.body;
    article(bj::object{{"title", "Refunds & returns"}, {"body_markdown", "Send it back within **30 days**. <script>x()</script>"},
                       {"status", "published"}, {"category_id", c.json().at("id")}});
    article(bj::object{{"title", "Secret plans"}, {"body_markdown", "draft"}});
  }

  void article(const bj::object& body) {
    auto r = server.post("/api/v1/articles", body, admin);
    ASSERT_EQ(r.status, 201) << r.body;
  }

  HttpResult get(const std::string& target, const std::string& host = {}) {
    std::vector<std::pair<std::string, std::string>> headers;
    if (!host.empty()) headers.emplace_back("Host", host);
    return httpRequest(server.port(), "GET", target, {}, {}, "application/json", headers);
  }

  HttpResult vote(const std::string& target, const std::string& value, const std::string& cookie = {},
                  const std::string& host = {}) {
    std::vector<std::pair<std::string, std::string>> headers;
    if (!cookie.empty()) headers.emplace_back("Cookie", cookie);
    if (!host.empty()) headers.emplace_back("Host", host);
    return httpRequest(server.port(), "POST", target, "helpful=" + value, {}, "application/x-www-form-urlencoded", headers);
  }

  bj::object articleJson(const std::string& q) {
    return server.get("/api/v1/articles?q=" + q, admin).json().at("items").as_array().at(0).as_object();
  }

  TestServer server;
  std::string admin, pid;
};

TEST_F(HelpCenter, PagesShowPublishedArticlesEscapedWithCanonicalLinks) {
  const std::string base = "/help/" + pid;
  auto home = get(base);
  ASSERT_EQ(home.status, 200) << home.body;
  EXPECT_TRUE(has(home.headers["content-type"], "text/html"));
  EXPECT_TRUE(has(home.body, "<title>Acme &lt;Shop&gt; Help Center</title>")) << "the name is escaped";
  EXPECT_FALSE(has(home.body, "Acme <Shop>"));
  EXPECT_TRUE(has(home.body, "--accent:#112233")) << "the workspace's colour";
  EXPECT_TRUE(has(home.body, "<link rel=\"canonical\" href=\"http://127.0.0.1:" + std::to_string(server.port()) + base + "\">"));
  EXPECT_TRUE(has(home.body, "name=\"viewport\""));
  EXPECT_TRUE(has(home.body, "<script async src=\"/widget.js\" data-workspace=\"" + pid + "\"></script>")) << "the snippet";
  EXPECT_TRUE(has(home.body, "href=\"" + base + "/categories/billing\""));
  EXPECT_TRUE(has(home.body, "Refunds &amp; returns"));
  EXPECT_FALSE(has(home.body, "Secret plans")) << "drafts are not listed";

  auto page = get(base + "/articles/refunds-returns");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(has(page.body, "<strong>30 days</strong>"));
  EXPECT_FALSE(has(page.body, "<script>x()")) << "raw HTML in the body is dropped";
  EXPECT_TRUE(has(page.body, "<meta name=\"description\" content=\"Send it back within 30 days."));
  EXPECT_TRUE(has(page.body, "Updated <time datetime=\""));
  EXPECT_TRUE(has(page.body, "Was this article helpful?"));
  EXPECT_TRUE(has(page.body, "href=\"" + base + "/categories/billing\">Billing</a>")) << "breadcrumbs";
  EXPECT_EQ(articleJson("refunds").at("views").as_int64(), 1) << "a page view counts";

  auto category = get(base + "/categories/billing");
  ASSERT_EQ(category.status, 200);
  EXPECT_TRUE(has(category.body, "Money matters"));
  EXPECT_TRUE(has(category.body, "/articles/refunds-returns"));

  EXPECT_EQ(get(base + "/articles/secret-plans").status, 404) << "a draft";
  EXPECT_EQ(get(base + "/articles/nope").status, 404);
  EXPECT_EQ(get(base + "/categories/nope").status, 404);
  EXPECT_EQ(get("/help/ws_nope").status, 404);
}

TEST_F(HelpCenter, SearchAndSitemap) {
  const std::string base = "/help/" + pid;
  auto found = get(base + "/search?q=refund%20%3Cb%3E");
  ASSERT_EQ(found.status, 200);
  EXPECT_TRUE(has(found.body, "/articles/refunds-returns"));
  EXPECT_TRUE(has(found.body, "Results for \"refund &lt;b&gt;\"")) << "the query is escaped";
  EXPECT_TRUE(has(found.body, "noindex"));
  EXPECT_FALSE(has(get(base + "/search?q=secret").body, "/articles/secret-plans"));

  auto map = get(base + "/sitemap.xml", "help.acme.test:8080");
  ASSERT_EQ(map.status, 200);
  EXPECT_TRUE(has(map.headers["content-type"], "xml"));
  EXPECT_TRUE(has(map.body, "<loc>http://help.acme.test:8080" + base + "/articles/refunds-returns</loc><lastmod>"));
  EXPECT_TRUE(has(map.body, "<loc>http://help.acme.test:8080" + base + "/categories/billing</loc>"));
  EXPECT_FALSE(has(map.body, "secret-plans"));
}

TEST_F(HelpCenter, FeedbackCountsOneVotePerBrowserAndRedirectsBack) {
  const std::string target = "/help/" + pid + "/articles/refunds-returns/feedback";
  auto first = vote(target, "yes");
  ASSERT_EQ(first.status, 303) << first.body;
  EXPECT_EQ(first.headers["location"], "/help/" + pid + "/articles/refunds-returns?voted=1");
  const auto cookie = first.headers["set-cookie"].substr(0, first.headers["set-cookie"].find(';'));
  ASSERT_TRUE(has(cookie, "parley_hc=")) << first.headers["set-cookie"];
  EXPECT_EQ(vote(target, "yes", cookie).status, 303);
  EXPECT_EQ(vote(target, "no").status, 303) << "another browser";
  auto a = articleJson("refunds");
  EXPECT_EQ(a.at("helpful_yes").as_int64(), 1) << "the same browser counts once";
  EXPECT_EQ(a.at("helpful_no").as_int64(), 1);
  EXPECT_TRUE(has(get("/help/" + pid + "/articles/refunds-returns?voted=1").body, "Thanks for your feedback"));
  EXPECT_EQ(vote(target, "maybe").status, 400);
  EXPECT_EQ(vote("/help/" + pid + "/articles/secret-plans/feedback", "yes").status, 404);
}

TEST_F(HelpCenter, ServedAtTheRootOfTheWorkspacesOwnDomain) {
  auto bad = server.patch("/api/v1/workspace", bj::object{{"settings", bj::object{{"help_center_domain", "Help.Acme.Test:80"}}}}, admin);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(str(bad.json().at("error").at("field")), "settings.help_center_domain");
  auto ok = server.patch("/api/v1/workspace", bj::object{{"settings", bj::object{{"help_center_domain", "help.acme.test"}}}}, admin);
  ASSERT_EQ(ok.status, 200) << ok.body;

  auto home = get("/", "help.acme.test");
  ASSERT_EQ(home.status, 200);
  EXPECT_TRUE(has(home.body, "Acme &lt;Shop&gt; Help Center"));
  EXPECT_TRUE(has(home.body, "<link rel=\"canonical\" href=\"http://help.acme.test/\">"));
  EXPECT_TRUE(has(home.body, "href=\"/articles/refunds-returns\""));
  auto page = get("/articles/refunds-returns", "help.acme.test:443");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "action=\"/articles/refunds-returns/feedback\""));
  EXPECT_EQ(vote("/articles/refunds-returns/feedback", "no", {}, "help.acme.test").status, 303);
  EXPECT_EQ(articleJson("refunds").at("helpful_no").as_int64(), 1);
  EXPECT_TRUE(has(get("/sitemap.xml", "help.acme.test").body, "<loc>http://help.acme.test/articles/refunds-returns</loc>"));
  EXPECT_EQ(get("/articles/secret-plans", "help.acme.test").status, 404);

  auto shop = get("/");
  EXPECT_FALSE(has(shop.body, "Help Center")) << "other hosts still get the site as before";
  EXPECT_EQ(get("/api/v1/articles", "help.acme.test").status, 401) << "the API is the API on any host";
}

}  // namespace

// The pages need no sign-in: what costs most is limited per address (a search runs a full-text
// search, a vote writes), and the limit answers 429 with Retry-After; the other pages stay open.
TEST_F(HelpCenter, SearchesAndVotesAreLimitedPerAddress) {
  const std::string search = "/help/" + pid + "/search?q=refunds";
  for (int i = 0; i < 30; ++i) ASSERT_EQ(get(search).status, 200) << "search " << i;
  auto over = get(search);
  EXPECT_EQ(over.status, 429);
  EXPECT_GE(std::stoi(over.headers["retry-after"]), 1);
  EXPECT_EQ(get("/help/" + pid + "/articles/refunds-returns").status, 200) << "reading is not limited";

  const std::string target = "/help/" + pid + "/articles/refunds-returns/feedback";
  for (int i = 0; i < 10; ++i) ASSERT_EQ(vote(target, "yes").status, 303) << "vote " << i;
  auto tooMany = vote(target, "yes");
  EXPECT_EQ(tooMany.status, 429);
  EXPECT_FALSE(tooMany.headers["retry-after"].empty());
  EXPECT_EQ(articleJson("refunds").at("helpful_yes").as_int64(), 10) << "the refused vote is not counted";
}
