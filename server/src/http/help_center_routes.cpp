// The public help center (issue 14, item 2): /help/{public id} and its category, article and
// search pages, the sitemap, and the "Was this helpful?" form. A workspace whose settings name a
// help_center_domain gets the same pages at "/" when a request's Host is that domain (the
// static files' fallback asks first). Drafts and other workspaces' articles are 404s.
#include <chrono>
#include <mutex>
#include <unordered_map>

#include <boost/json.hpp>

#include "domain/ascii.h"
#include "domain/clock.h"
#include "http/help_center_pages.h"
#include "http/responses.h"
#include "http/routes.h"
#include "http/widget_settings.h"
#include "security/token.h"

namespace parley {

namespace {

constexpr std::size_t kMaxListed = 500;          // articles on a category page
constexpr std::size_t kSearchResults = 20;
constexpr std::size_t kMaxDomainCache = 1'000;   // hosts remembered (a bad Host costs one query a minute)
constexpr Millis kDomainCacheMs = 10'000;
constexpr const char* kVoterCookie = "parley_hc";

HttpResponse html(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(body);
  r.headers.emplace_back("Cache-Control", "no-cache");
  return r;
}

// The request's host without the port, lowercased.
std::string hostOf(const HttpRequest& req) {
  std::string host = asciiLower(req.header("host"));
  if (auto colon = host.rfind(':'); colon != std::string::npos && host.find(']') == std::string::npos)
    host.resize(colon);
  return host;
}

std::string originOf(const HttpRequest& req) {
  const auto proto = req.header("x-forwarded-proto");
  const std::string scheme = proto == "https" ? "https" : proto == "http" ? "http" : "http";
  std::string host(req.header("host"));
  for (char c : host)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']'))
      return scheme + "://localhost";  // a Host that is no host name: never echoed into pages
  return scheme + "://" + host;
}

HelpSite siteFor(const Workspace& ws, const HttpRequest& req, bool own_domain) {
  HelpSite s;
  s.name = ws.name;
  const auto settings = widgetSettings(ws);
  if (auto* c = settings.if_contains("color"); c && c->is_string()) s.color = std::string(c->get_string());
  s.public_id = ws.public_id;
  s.base = own_domain ? "" : "/help/" + ws.public_id;
  s.origin = originOf(req);
  return s;
}

// Every published article of the workspace, newest update first (at most the workspace limit).
std::vector<Article> published(ArticleStore& store, Id workspace_id, std::optional<Id> category, std::size_t max) {
  std::vector<Article> out;
  ArticleQuery q;
  q.status = ArticleStatus::Published;
  q.category_id = category;
  q.limit = 100;
  while (out.size() < max) {
    auto page = store.listArticles(workspace_id, q);
    for (auto& a : page.items) out.push_back(std::move(a));
    if (!page.next_cursor) break;
    q.cursor = *page.next_cursor;
  }
  if (out.size() > max) out.resize(max);
  return out;
}

std::string cookieValue(const HttpRequest& req, std::string_view name) {
  std::string_view all = req.header("cookie");
  while (!all.empty()) {
    auto semi = all.find(';');
    auto part = trimOws(all.substr(0, semi));
    if (part.size() > name.size() && part.substr(0, name.size()) == name && part[name.size()] == '=')
      return std::string(part.substr(name.size() + 1));
    if (semi == std::string_view::npos) break;
    all.remove_prefix(semi + 1);
  }
  return {};
}

// Host -> the workspace whose help_center_domain it is, remembered for a few seconds.
class HelpDomains {
 public:
  explicit HelpDomains(ArticleStore& store) : store_(store) {}
  std::optional<Id> lookup(const std::string& host) {
    if (host.empty()) return std::nullopt;
    const Millis now = nowMillis();
    {
      std::lock_guard lock(mu_);
      if (auto it = cache_.find(host); it != cache_.end() && now - it->second.at < kDomainCacheMs) return it->second.id;
    }
    auto id = store_.workspaceWithHelpDomain(host);
    std::lock_guard lock(mu_);
    if (cache_.size() >= kMaxDomainCache) cache_.clear();
    cache_[host] = {id, now};
    return id;
  }

 private:
  struct Entry {
    std::optional<Id> id;
    Millis at = 0;
  };
  ArticleStore& store_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> cache_;
};

struct HelpCenter {
  explicit HelpCenter(HelpCenterRouteDeps d) : deps(d) {}
  HelpCenterRouteDeps deps;
  // The public pages need no sign-in, so what costs most is limited per address: a search (a
  // full-text search each: 30 at once, then one a second) and a vote (a write each: 10 at once, then
  // one every 6 s). Over it: 429 with Retry-After.
  mutable RateLimiter searches_per_ip{"help_center_searches", 1.0, 30.0};
  mutable RateLimiter votes_per_ip{"help_center_votes", 10.0 / 60.0, 10.0};

  bool overLimit(RateLimiter& limiter, const HttpRequest& req, const Reply& reply) const {
    const Millis now = nowMillis();
    if (limiter.allow(req.peer_ip, now)) return false;
    const auto wait_s = std::to_string((limiter.retryAfter(req.peer_ip, now) + 999) / 1000);
    HttpResponse r;
    r.status = 429;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "Too many requests from this address: try again in " + wait_s + " s.\n";
    r.headers.emplace_back("Retry-After", wait_s);
    reply(std::move(r));
    return true;
  }

  // path: what follows the help center's base ("", "/search", "/articles/x", ...).
  void serve(const Workspace& ws, bool own_domain, const std::string& method, std::string_view path, HttpRequest& req,
             const Reply& reply) const {
    const HelpSite site = siteFor(ws, req, own_domain);
    auto& store = deps.articles;
    if (method == "POST") {
      constexpr std::string_view kArticles = "/articles/", kFeedback = "/feedback";
      if (path.starts_with(kArticles) && path.ends_with(kFeedback) && path.size() > kArticles.size() + kFeedback.size())
        return feedback(ws, site, std::string(path.substr(kArticles.size(), path.size() - kArticles.size() - kFeedback.size())),
                        req, reply);
      return reply(html(404, helpNotFoundPage(site)));
    }
    if (path.empty() || path == "/") {
      return reply(html(200, helpHomePage(site, store.listArticleCategories(ws.id), store.popularArticles(ws.id, 8))));
    }
    if (path == "/search") {
      if (overLimit(searches_per_ip, req, reply)) return;
      std::string q = req.queryParam("q").value_or("");
      if (q.size() > 200) q = q.substr(0, 200);
      return reply(html(200, helpSearchPage(site, q, store.searchPublishedArticles(ws.id, q, kSearchResults))));
    }
    if (path == "/sitemap.xml") {
      HttpResponse r;
      r.content_type = "application/xml; charset=utf-8";
      r.body = helpSitemap(site, store.listArticleCategories(ws.id), published(store, ws.id, std::nullopt, kMaxArticlesPerWorkspace));
      return reply(std::move(r));
    }
    if (path.starts_with("/categories/")) {
      auto c = store.articleCategoryBySlug(ws.id, path.substr(12));
      if (!c || c->published_count == 0) return reply(html(404, helpNotFoundPage(site)));
      return reply(html(200, helpCategoryPage(site, *c, published(store, ws.id, c->id, kMaxListed))));
    }
    if (path.starts_with("/articles/")) {
      auto a = store.articleBySlug(ws.id, path.substr(10));
      if (!a || a->status != ArticleStatus::Published) return reply(html(404, helpNotFoundPage(site)));
      store.countArticleView(ws.id, a->id);
      std::optional<ArticleCategory> c;
      if (a->category_id) c = store.articleCategoryById(ws.id, *a->category_id);
      return reply(html(200, helpArticlePage(site, *a, c ? &*c : nullptr, req.queryParam("voted").has_value())));
    }
    reply(html(404, helpNotFoundPage(site)));
  }

  // The form's POST: counts the vote (one per browser and article, by a random cookie) and sends
  // the browser back to the article (303), which then thanks them.
  void feedback(const Workspace& ws, const HelpSite& site, const std::string& slug, HttpRequest& req,
                const Reply& reply) const {
    if (overLimit(votes_per_ip, req, reply)) return;
    auto a = deps.articles.articleBySlug(ws.id, slug);
    if (!a || a->status != ArticleStatus::Published) return reply(html(404, helpNotFoundPage(site)));
    const auto form = parseQuery(req.body);
    auto it = form.find("helpful");
    if (it == form.end() || (it->second != "yes" && it->second != "no"))
      return reply(html(400, helpNotFoundPage(site)));
    std::string voter = cookieValue(req, kVoterCookie);
    const bool new_voter = voter.size() != 43 || voter.find_first_not_of(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != std::string::npos;
    if (new_voter) voter = randomToken("");
    deps.articles.voteArticle(ws.id, a->id, "h:" + sha256Hex(voter), it->second == "yes", nowMillis());
    HttpResponse r;
    r.status = 303;
    r.content_type = "text/plain";
    r.headers.emplace_back("Location", site.base + "/articles/" + slug + "?voted=1");
    if (new_voter)
      r.headers.emplace_back("Set-Cookie", std::string(kVoterCookie) + "=" + voter +
                                               "; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax");
    reply(std::move(r));
  }
};

}  // namespace

void registerHelpCenterRoutes(Router& r, HelpCenterRouteDeps deps) {
  auto center = std::make_shared<HelpCenter>(deps);
  auto byPublicId = [center](HttpRequest& req, const Reply& reply, std::string_view rest) {
    auto ws = center->deps.workspaces.workspaceByPublicId(req.params["pid"]);
    if (!ws) return reply(html(404, "<!doctype html><title>Not found</title><h1>Not found</h1>\n"));
    center->serve(*ws, false, req.method, rest, req, reply);
  };
  r.add("GET", "/help/{pid}", [byPublicId](HttpRequest& req, const Reply& reply) { byPublicId(req, reply, ""); });
  r.add("GET", "/help/{pid}/search", [byPublicId](HttpRequest& req, const Reply& reply) { byPublicId(req, reply, "/search"); });
  r.add("GET", "/help/{pid}/sitemap.xml",
        [byPublicId](HttpRequest& req, const Reply& reply) { byPublicId(req, reply, "/sitemap.xml"); });
  r.add("GET", "/help/{pid}/categories/{slug}", [byPublicId](HttpRequest& req, const Reply& reply) {
    byPublicId(req, reply, "/categories/" + req.params["slug"]);
  });
  r.add("GET", "/help/{pid}/articles/{slug}", [byPublicId](HttpRequest& req, const Reply& reply) {
    byPublicId(req, reply, "/articles/" + req.params["slug"]);
  });
  r.add("POST", "/help/{pid}/articles/{slug}/feedback", [byPublicId](HttpRequest& req, const Reply& reply) {
    byPublicId(req, reply, "/articles/" + req.params["slug"] + "/feedback");
  });

  // On a workspace's own help domain, the pages are at "/"; everything else (the widget's files,
  // uploads, the API) goes on to the static files as before. The router hands only GET and HEAD
  // to the fallback, so the form's POST has a route of its own, for help domains only.
  auto domains = std::make_shared<HelpDomains>(deps.articles);
  r.add("POST", "/articles/{slug}/feedback", [center, domains](HttpRequest& req, const Reply& reply) {
    auto id = domains->lookup(hostOf(req));
    auto ws = id ? center->deps.workspaces.workspaceById(*id) : std::nullopt;
    if (!ws) return reply(errorResponse(404, "not_found", "no such endpoint"));
    center->serve(*ws, true, "POST", "/articles/" + req.params["slug"] + "/feedback", req, reply);
  });
  r.setFallback([center, domains, next = r.fallback()](HttpRequest& req, const Reply& reply) {
    const std::string_view p = req.path;
    const bool help_path = p == "/" || p == "/search" || p == "/sitemap.xml" || p.starts_with("/articles/") ||
                           p.starts_with("/categories/");
    if (help_path && (req.method == "GET" || req.method == "HEAD" || req.method == "POST")) {
      if (auto id = domains->lookup(hostOf(req))) {
        if (auto ws = center->deps.workspaces.workspaceById(*id))
          return center->serve(*ws, true, req.method == "POST" ? "POST" : "GET", p, req, reply);
      }
    }
    if (next) next(req, reply);
  });
}

}  // namespace parley
