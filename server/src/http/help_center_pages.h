// The public help center's HTML (issue 14, item 2): server-rendered pages that need no JavaScript
// (the widget's snippet is the only script), one small inline stylesheet with the workspace's
// colour as a CSS variable, readable at phone width. Every value from the workspace or the
// visitor is escaped here (domain/html_escape.h); article bodies are the renderer's safe HTML.
#pragma once

#include <string>
#include <vector>

#include "store/article_store.h"

namespace parley {

// What every page of one workspace's help center shares.
struct HelpSite {
  std::string name;       // the workspace's
  std::string color;      // #rrggbb (validated by the widget settings)
  std::string public_id;  // for the widget snippet
  std::string base;       // "/help/{public_id}", or "" on the workspace's own help domain
  std::string origin;     // "https://help.example.com": canonical links and the sitemap
};

std::string helpHomePage(const HelpSite& site, const std::vector<ArticleCategory>& categories,
                         const std::vector<Article>& popular);
std::string helpCategoryPage(const HelpSite& site, const ArticleCategory& category, const std::vector<Article>& articles);
// `voted`: the visitor's vote was just counted (after the form's redirect).
std::string helpArticlePage(const HelpSite& site, const Article& article, const ArticleCategory* category, bool voted);
std::string helpSearchPage(const HelpSite& site, const std::string& query, const std::vector<ArticleMatch>& hits);
std::string helpNotFoundPage(const HelpSite& site);
std::string helpSitemap(const HelpSite& site, const std::vector<ArticleCategory>& categories,
                        const std::vector<Article>& articles);

// "2026-12-02" (UTC) for the "Updated" line and the sitemap's lastmod.
std::string isoDate(Millis at);

}  // namespace parley
