// JSON of knowledge-base articles and categories for the REST API (docs/openapi.json: Article,
// ArticleCategory, WidgetArticleSummary, WidgetArticle), and the public URL of an article.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <string_view>

#include "store/article_store.h"

namespace parley {

// "/help/{public_id}/articles/{slug}": absolute path of the article's help-center page.
std::string articleUrl(std::string_view workspace_public_id, std::string_view slug);

boost::json::object articleJson(const Article& a, std::string_view workspace_public_id);
boost::json::object articleCategoryJson(const ArticleCategory& c);
// What a visitor's widget lists: {id, title, excerpt, url}.
boost::json::object widgetArticleSummaryJson(const Article& a, std::string_view workspace_public_id);
// What a visitor's widget opens: {id, title, body_html, url, updated_at}.
boost::json::object widgetArticleJson(const Article& a, std::string_view workspace_public_id);

}  // namespace parley
