// The server records who the visitor is: country from the IP, browser and OS, language, time zone, pages.
#include <gtest/gtest.h>

#include "test_server.h"

namespace bj = boost::json;
using namespace parley::test;

TEST(VisitorContext, SessionRecordsCountryBrowserLanguageAndPages) {
  TestServer server;  // started with --trusted-proxy 127.0.0.1
  auto agentToken = server.login();
  auto ws = server.workspacePublicId();
  const std::string ua =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
  auto r = httpRequest(server.port(), "POST", "/api/v1/widget/sessions",
                       bj::serialize(bj::object{{"workspace_id", ws},
                                                {"language", "de-DE"},
                                                {"timezone", "Europe/Berlin"},
                                                {"url", "https://shop.example/products/42"},
                                                {"title", "Blue mug"},
                                                {"referrer", "https://search.example/?q=mug"}}),
                       "", "application/json", {{"User-Agent", ua}, {"X-Forwarded-For", "8.8.8.8"}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto token = str(r.json().at("visitor_token"));
  auto visitorId = r.json().at("visitor").at("id").as_int64();
  EXPECT_TRUE(r.json().at("settings").at("color").is_string());

  auto pv = server.post("/api/v1/widget/pageviews", bj::object{{"url", "https://shop.example/cart"}, {"title", "Cart"}}, token);
  EXPECT_EQ(pv.status, 204) << pv.body;

  auto contact = server.get("/api/v1/contacts/" + std::to_string(visitorId), agentToken);
  ASSERT_EQ(contact.status, 200) << contact.body;
  auto c = contact.json().at("contact");
  EXPECT_EQ(str(c.at("country")), "US");
  EXPECT_EQ(str(c.at("browser")), "Chrome 120");
  EXPECT_EQ(str(c.at("os")), "Windows 10");
  EXPECT_EQ(str(c.at("language")), "de-DE");
  EXPECT_EQ(str(c.at("timezone")), "Europe/Berlin");
  EXPECT_EQ(str(c.at("current_url")), "https://shop.example/cart");

  auto views = server.get("/api/v1/contacts/" + std::to_string(visitorId) + "/pageviews", agentToken).json();
  auto list = views.at("pageviews").as_array();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(str(list[0].at("url")), "https://shop.example/cart") << "newest first";
  EXPECT_EQ(str(list[1].at("referrer")), "https://search.example/?q=mug");

  // The same token on the next page load is the same visitor.
  auto again = server.post("/api/v1/widget/sessions", bj::object{{"workspace_id", ws}, {"visitor_token", token}});
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.json().at("visitor").at("id").as_int64(), visitorId);
}

TEST(VisitorContext, OnlyTheRightMostUntrustedHopCounts) {
  TestServer server;
  auto ws = server.workspacePublicId();
  // 127.0.0.1 is trusted in TestServer; a header chain whose right-most hop is private stays unknown.
  auto r = httpRequest(server.port(), "POST", "/api/v1/widget/sessions", bj::serialize(bj::object{{"workspace_id", ws}}), "",
                       "application/json", {{"X-Forwarded-For", "8.8.8.8, 10.1.2.3"}});
  ASSERT_EQ(r.status, 201);
  EXPECT_TRUE(r.json().at("visitor").at("country").is_null()) << "8.8.8.8 was claimed by the untrusted 10.1.2.3";
}

TEST(VisitorContext, CrawlersGetNoSession) {
  TestServer server;
  auto ws = server.workspacePublicId();
  auto r = httpRequest(server.port(), "POST", "/api/v1/widget/sessions", bj::serialize(bj::object{{"workspace_id", ws}}), "",
                       "application/json",
                       {{"User-Agent", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"}});
  EXPECT_EQ(r.status, 403);
  auto missing = server.post("/api/v1/widget/sessions", bj::object{{"workspace_id", "ws_nope"}});
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(str(missing.json().at("error").at("field")), "workspace_id");
}
