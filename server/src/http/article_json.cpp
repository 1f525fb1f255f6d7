#include "http/article_json.h"

namespace parley {

namespace bj = boost::json;

std::string articleUrl(std::string_view workspace_public_id, std::string_view slug) {
  return "/help/" + std::string(workspace_public_id) + "/articles/" + std::string(slug);
}

bj::object articleJson(const Article& a, std::string_view pid) {
  return bj::object{{"id", a.id},
                    {"title", a.title},
                    {"slug", a.slug},
                    {"body_markdown", a.body_markdown},
                    {"body_html", a.body_html},
                    {"excerpt", a.excerpt},
                    {"category_id", a.category_id ? bj::value(*a.category_id) : bj::value(nullptr)},
                    {"status", toString(a.status)},
                    {"created_at", a.created_at},
                    {"updated_at", a.updated_at},
                    {"published_at", a.published_at ? bj::value(*a.published_at) : bj::value(nullptr)},
                    {"views", a.views},
                    {"helpful_yes", a.helpful_yes},
                    {"helpful_no", a.helpful_no},
                    {"url", articleUrl(pid, a.slug)}};
}

bj::object articleCategoryJson(const ArticleCategory& c) {
  return bj::object{{"id", c.id},
                    {"name", c.name},
                    {"slug", c.slug},
                    {"description", c.description},
                    {"position", c.position},
                    {"article_count", c.article_count}};
}

bj::object widgetArticleSummaryJson(const Article& a, std::string_view pid) {
  return bj::object{{"id", a.id}, {"title", a.title}, {"excerpt", a.excerpt}, {"url", articleUrl(pid, a.slug)}};
}

bj::object widgetArticleJson(const Article& a, std::string_view pid) {
  return bj::object{{"id", a.id},
                    {"title", a.title},
                    {"body_html", a.body_html},
                    {"url", articleUrl(pid, a.slug)},
                    {"updated_at", a.updated_at}};
}

}  // namespace parley
