#include "http/help_center_pages.h"

#include <ctime>

#include "domain/html_escape.h"

namespace parley {

namespace {

// One stylesheet for every page: system fonts, the workspace colour as --accent, a 46rem column.
constexpr const char* kStyle = R"css(
:root{--accent:#4f46e5;--text:#1f2328;--muted:#59636e;--line:#d8dee4;--bg:#fff;--soft:#f6f8fa}
*{box-sizing:border-box}
body{margin:0;font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--text);background:var(--bg)}
a{color:var(--accent)}
.top{background:var(--accent);color:#fff;padding:1.5rem 1rem 2rem}
.top a{color:#fff;text-decoration:none}
.wrap{max-width:46rem;margin:0 auto;padding:0 1rem}
.brand{font-weight:700;font-size:1.1rem}
.top h1{margin:.75rem 0 1rem;font-size:1.75rem;line-height:1.25}
form.search{display:flex;gap:.5rem}
form.search input{flex:1;min-width:0;font:inherit;padding:.6rem .8rem;border:1px solid var(--line);border-radius:.5rem}
button{font:inherit;padding:.6rem 1rem;border-radius:.5rem;border:1px solid var(--line);background:var(--soft);color:var(--text);cursor:pointer}
.top button{background:#fff;border-color:#fff}
main.wrap{padding-top:1.5rem;padding-bottom:3rem}
h2{font-size:1.2rem;margin:2rem 0 .75rem}
ul.cards{list-style:none;padding:0;margin:0;display:grid;gap:.75rem}
@media(min-width:40rem){ul.cards.grid{grid-template-columns:1fr 1fr}}
.cards li{border:1px solid var(--line);border-radius:.75rem;padding:.9rem 1rem}
.cards a{font-weight:600;text-decoration:none}
.cards p{margin:.25rem 0 0;color:var(--muted);font-size:.95rem}
.crumbs{font-size:.9rem;color:var(--muted);margin-bottom:.5rem}
.crumbs a{color:var(--muted)}
article h1{font-size:1.9rem;line-height:1.25;margin:.25rem 0}
.meta{color:var(--muted);font-size:.9rem}
.body img{max-width:100%;height:auto}
.body blockquote{margin:1rem 0;padding:.25rem 1rem;border-left:4px solid var(--accent);background:var(--soft);color:var(--muted)}
.body pre{background:var(--soft);padding:.75rem;border-radius:.5rem;overflow-x:auto}
.body table{border-collapse:collapse;display:block;overflow-x:auto}
.body th,.body td{border:1px solid var(--line);padding:.35rem .6rem}
.helpful{margin-top:2.5rem;padding:1rem;border:1px solid var(--line);border-radius:.75rem;display:flex;flex-wrap:wrap;gap:.75rem;align-items:center}
.helpful form{display:flex;gap:.5rem;margin:0}
.empty{color:var(--muted)}
footer{border-top:1px solid var(--line);color:var(--muted);font-size:.85rem;padding:1rem 0 2rem}
)css";

std::string e(std::string_view s) { return escapeHtml(s); }

// The home page is base itself ("/help/{id}", or "/" on the workspace's own domain).
std::string absolute(const HelpSite& site, const std::string& path) {
  const std::string p = site.base + path;
  return site.origin + (p.empty() ? "/" : p);
}

std::string page(const HelpSite& site, const std::string& title, const std::string& description,
                 const std::string& canonical_path, const std::string& header, const std::string& main,
                 bool index = true) {
  std::string h;
  h += "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  h += "<title>" + e(title) + "</title>\n";
  h += "<meta name=\"description\" content=\"" + e(description) + "\">\n";
  if (index) h += "<link rel=\"canonical\" href=\"" + e(absolute(site, canonical_path)) + "\">\n";
  else h += "<meta name=\"robots\" content=\"noindex\">\n";
  h += "<style>" + std::string(kStyle) + ":root{--accent:" + e(site.color) + "}</style>\n</head>\n<body>\n";
  h += "<header class=\"top\"><div class=\"wrap\">\n<a class=\"brand\" href=\"" + e(site.base.empty() ? "/" : site.base) +
       "\">" + e(site.name) + " Help Center</a>\n" + header + "</div></header>\n";
  h += "<main class=\"wrap\">\n" + main + "</main>\n";
  h += "<footer class=\"wrap\">" + e(site.name) + "</footer>\n";
  // The same snippet the dashboard hands out (Settings > Widget), so visitors can chat from here.
  h += "<script async src=\"/widget.js\" data-workspace=\"" + e(site.public_id) + "\"></script>\n";
  h += "</body>\n</html>\n";
  return h;
}

std::string searchForm(const HelpSite& site, const std::string& query) {
  return "<form class=\"search\" role=\"search\" method=\"get\" action=\"" + e(site.base + "/search") +
         "\">\n<label for=\"q\" hidden>Search articles</label>\n<input id=\"q\" type=\"search\" name=\"q\" value=\"" +
         e(query) + "\" placeholder=\"Search for answers\" maxlength=\"200\">\n<button type=\"submit\">Search</button>\n</form>\n";
}

std::string articleList(const HelpSite& site, const std::vector<const Article*>& articles, const char* empty) {
  if (articles.empty()) return std::string("<p class=\"empty\">") + empty + "</p>\n";
  std::string h = "<ul class=\"cards\">\n";
  for (const auto* a : articles)
    h += "<li><a href=\"" + e(site.base + "/articles/" + a->slug) + "\">" + e(a->title) + "</a><p>" + e(a->excerpt) +
         "</p></li>\n";
  return h + "</ul>\n";
}

std::vector<const Article*> pointers(const std::vector<Article>& v) {
  std::vector<const Article*> out;
  for (const auto& a : v) out.push_back(&a);
  return out;
}

}  // namespace

std::string isoDate(Millis at) {
  const std::time_t t = static_cast<std::time_t>(at / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::string helpHomePage(const HelpSite& site, const std::vector<ArticleCategory>& categories,
                         const std::vector<Article>& popular) {
  std::string main;
  main += "<h2>Categories</h2>\n";
  std::string cards;
  for (const auto& c : categories) {
    if (c.published_count == 0) continue;
    cards += "<li><a href=\"" + e(site.base + "/categories/" + c.slug) + "\">" + e(c.name) + "</a><p>" +
             e(c.description.empty() ? std::to_string(c.published_count) + " articles" : c.description) + "</p></li>\n";
  }
  main += cards.empty() ? "<p class=\"empty\">No categories yet.</p>\n" : "<ul class=\"cards grid\">\n" + cards + "</ul>\n";
  main += "<h2>Popular articles</h2>\n" + articleList(site, pointers(popular), "No articles yet.");
  return page(site, site.name + " Help Center", "Answers and guides from " + site.name + ".", "",
              "<h1>How can we help?</h1>\n" + searchForm(site, ""), main);
}

std::string helpCategoryPage(const HelpSite& site, const ArticleCategory& c, const std::vector<Article>& articles) {
  std::string main = "<div class=\"crumbs\"><a href=\"" + e(site.base.empty() ? "/" : site.base) + "\">Home</a></div>\n";
  main += "<h1>" + e(c.name) + "</h1>\n";
  if (!c.description.empty()) main += "<p class=\"meta\">" + e(c.description) + "</p>\n";
  main += articleList(site, pointers(articles), "No articles in this category yet.");
  return page(site, c.name + " - " + site.name + " Help Center",
              c.description.empty() ? c.name + ": articles from " + site.name + "." : c.description,
              "/categories/" + c.slug, searchForm(site, ""), main);
}

std::string helpArticlePage(const HelpSite& site, const Article& a, const ArticleCategory* category, bool voted) {
  std::string main = "<article>\n<div class=\"crumbs\"><a href=\"" + e(site.base.empty() ? "/" : site.base) + "\">Home</a>";
  if (category)
    main += " / <a href=\"" + e(site.base + "/categories/" + category->slug) + "\">" + e(category->name) + "</a>";
  main += "</div>\n<h1>" + e(a.title) + "</h1>\n";
  main += "<p class=\"meta\">Updated <time datetime=\"" + isoDate(a.updated_at) + "\">" + isoDate(a.updated_at) +
          "</time></p>\n";
  main += "<div class=\"body\">\n" + a.body_html + "</div>\n</article>\n";
  main += "<section class=\"helpful\" aria-label=\"Feedback\">\n";
  if (voted) {
    main += "<p role=\"status\">Thanks for your feedback!</p>\n";
  } else {
    main += "<span id=\"helpful-q\">Was this article helpful?</span>\n<form method=\"post\" action=\"" +
            e(site.base + "/articles/" + a.slug + "/feedback") +
            "\" aria-labelledby=\"helpful-q\">\n<button type=\"submit\" name=\"helpful\" value=\"yes\">Yes</button>\n"
            "<button type=\"submit\" name=\"helpful\" value=\"no\">No</button>\n</form>\n";
  }
  main += "</section>\n";
  return page(site, a.title + " - " + site.name + " Help Center", a.excerpt, "/articles/" + a.slug,
              searchForm(site, ""), main);
}

std::string helpSearchPage(const HelpSite& site, const std::string& query, const std::vector<ArticleMatch>& hits) {
  std::vector<const Article*> found;
  for (const auto& m : hits) found.push_back(&m.article);
  std::string main = "<h1>Results for \"" + e(query) + "\"</h1>\n";
  main += articleList(site, found, "No articles match. Try other words, or chat with us.");
  return page(site, "Search: " + query + " - " + site.name + " Help Center", "Search the " + site.name + " help center.",
              "/search", searchForm(site, query), main, false);
}

std::string helpNotFoundPage(const HelpSite& site) {
  return page(site, "Not found - " + site.name + " Help Center", "This page does not exist.", "", searchForm(site, ""),
              "<h1>We could not find that page</h1>\n<p>It may have moved. Try searching, or go to the <a href=\"" +
                  e(site.base.empty() ? "/" : site.base) + "\">help center's home</a>.</p>\n",
              false);
}

std::string helpSitemap(const HelpSite& site, const std::vector<ArticleCategory>& categories,
                        const std::vector<Article>& articles) {
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  x += "<url><loc>" + e(absolute(site, "")) + "</loc></url>\n";
  for (const auto& c : categories)
    if (c.published_count > 0) x += "<url><loc>" + e(absolute(site, "/categories/" + c.slug)) + "</loc></url>\n";
  for (const auto& a : articles)
    x += "<url><loc>" + e(absolute(site, "/articles/" + a.slug)) + "</loc><lastmod>" + isoDate(a.updated_at) +
         "</lastmod></url>\n";
  return x + "</urlset>\n";
}

}  // namespace parley
