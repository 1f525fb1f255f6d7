// The knowledge base for agents (issue 14): articles and categories. Any agent reads; admins
// write. Bodies are rendered here, on write, by security/markdown_renderer (the store keeps the
// Markdown, the safe HTML and the plain text search indexes).
#include <boost/json.hpp>

#include "domain/clock.h"
#include "domain/text_limits.h"
#include "http/api_support.h"
#include "http/article_json.h"
#include "http/responses.h"
#include "http/routes.h"
#include "security/markdown_renderer.h"
#include "wire/json_codec.h"

namespace parley {

namespace bj = boost::json;

namespace {

constexpr int kMaxSlugTries = 50;  // "slug-2" ... "slug-50"; past that the admin picks one

std::string checkedText(const bj::object& body, std::string_view key, std::size_t min_chars, std::size_t max_chars) {
  auto text = json::reqString(body, key);
  const std::string field(key);
  if (!isValidUtf8(text)) throw ApiError(400, "invalid", field + " must be UTF-8 text", field);
  const auto n = countCodePoints(text);
  if (n < min_chars || n > max_chars || (min_chars > 0 && isBlank(text)))
    throw ApiError(400, "invalid",
                   field + " must be " + std::to_string(min_chars) + " to " + std::to_string(max_chars) + " characters",
                   field);
  return text;
}

std::string checkedBody(const bj::object& body) {
  auto md = json::reqString(body, "body_markdown");
  if (md.size() > kMaxArticleBodyBytes)
    throw ApiError(413, "too_large", "body_markdown must be at most " + std::to_string(kMaxArticleBodyBytes) + " bytes",
                   "body_markdown");
  if (!isValidUtf8(md)) throw ApiError(400, "invalid", "body_markdown must be UTF-8 text", "body_markdown");
  return md;
}

std::string checkedSlug(const bj::object& body) {
  auto slug = json::reqString(body, "slug");
  if (!isValidSlug(slug))
    throw ApiError(400, "invalid", "slug must be 1 to 120 of a-z, 0-9 and single hyphens inside", "slug");
  return slug;
}

ArticleStatus checkedStatus(const bj::object& body) {
  auto s = parseArticleStatus(json::reqString(body, "status"));
  if (!s) throw ApiError(400, "invalid", "status must be draft or published", "status");
  return *s;
}

// category_id: an id of this workspace's categories, or null.
std::optional<Id> checkedCategory(ArticleStore& store, Id workspace_id, const bj::object& body) {
  if (json::isNull(body, "category_id")) return std::nullopt;
  const auto id = json::reqInt(body, "category_id");
  if (!store.articleCategoryById(workspace_id, id))
    throw ApiError(400, "invalid", "category_id is not a category of this workspace", "category_id");
  return id;
}

int checkedPosition(const bj::object& body) {
  const auto p = json::reqInt(body, "position");
  if (p < 0 || p > 10'000) throw ApiError(400, "invalid", "position must be 0 to 10000", "position");
  return static_cast<int>(p);
}

void setBody(Article& a, std::string markdown) {
  auto rendered = renderMarkdown(markdown);
  a.body_markdown = std::move(markdown);
  a.body_html = std::move(rendered.html);
  a.excerpt = excerptOf(rendered.text);
  a.body_text = std::move(rendered.text);
}

// The store's conflicts as the contract names them: 409 "limit" past a workspace's limit.
[[noreturn]] void rethrowConflict(const StoreConflict& e) {
  if (e.field == "limit") throw ApiError(409, "limit", e.what(), "limit");
  throw ApiError(409, "conflict", e.what(), e.field);
}

// Creates the article; a slug made from the title gets "-2", "-3"... while taken.
Article createWithSlug(ArticleStore& store, Article a, bool slug_given) {
  const std::string base = a.slug;
  for (int n = 1;; ++n) {
    try {
      return store.createArticle(a);
    } catch (const StoreConflict& e) {
      if (e.field != "slug" || slug_given || n >= kMaxSlugTries) rethrowConflict(e);
      a.slug = slugWithSuffix(base, n + 1);
    }
  }
}

ArticleQuery listQuery(const HttpRequest& req) {
  ArticleQuery q;
  if (auto v = req.queryParam("q")) {
    if (v->size() > 200) throw ApiError(400, "invalid", "q must be at most 200 bytes", "q");
    q.q = *v;
  }
  if (auto v = req.queryParam("category_id"); v && !v->empty())
    q.category_id = queryInt(req, "category_id", 0, 1, INT64_MAX);
  if (auto v = req.queryParam("status"); v && !v->empty()) {
    q.status = parseArticleStatus(*v);
    if (!q.status) throw ApiError(400, "invalid", "status must be draft or published", "status");
  }
  q.limit = static_cast<int>(queryInt(req, "limit", 50, 1, 100));
  if (auto v = req.queryParam("cursor")) {
    if (v->size() > 100) throw ApiError(400, "invalid", "cursor is not one this list gave", "cursor");
    q.cursor = *v;
  }
  return q;
}

}  // namespace

void registerArticleRoutes(Router& r, ArticleRouteDeps deps) {
  r.add("GET", "/api/v1/articles", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgent(deps.auth, req);
    auto q = listQuery(req);
    ArticlePage page;
    try {
      page = deps.articles.listArticles(auth.workspace.id, q);
    } catch (const std::invalid_argument&) {
      throw ApiError(400, "invalid", "cursor is not one this list gave", "cursor");
    }
    bj::array items;
    for (const auto& a : page.items) items.push_back(articleJson(a, auth.workspace.public_id));
    reply(jsonResponse(200, bj::object{{"items", std::move(items)},
                                       {"next_cursor", page.next_cursor ? bj::value(*page.next_cursor) : nullptr}}));
  });

  r.add("POST", "/api/v1/articles", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    auto body = jsonBody(req);
    Article a;
    a.workspace_id = auth.workspace.id;
    a.title = checkedText(body, "title", 1, kMaxArticleTitleChars);
    setBody(a, checkedBody(body));
    const bool slug_given = body.contains("slug") && !json::isNull(body, "slug");
    if (slug_given) {
      a.slug = checkedSlug(body);
    } else {
      a.slug = slugify(a.title);
      if (a.slug.empty()) a.slug = "article";
    }
    if (body.contains("category_id")) a.category_id = checkedCategory(deps.articles, a.workspace_id, body);
    if (body.contains("status")) a.status = checkedStatus(body);
    a.created_at = a.updated_at = nowMillis();
    if (a.status == ArticleStatus::Published) a.published_at = a.created_at;
    reply(jsonResponse(201, articleJson(createWithSlug(deps.articles, a, slug_given), auth.workspace.public_id)));
  });

  // Before the {id} routes: "preview" is not an id.
  r.add("POST", "/api/v1/articles/preview", [deps](HttpRequest& req, const Reply& reply) {
    requireAgent(deps.auth, req);
    auto body = jsonBody(req);
    reply(jsonResponse(200, bj::object{{"html", renderMarkdown(checkedBody(body)).html}}));
  });

  r.add("GET", "/api/v1/articles/{id}", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgent(deps.auth, req);
    auto a = deps.articles.articleById(auth.workspace.id, pathId(req));
    if (!a) throw ApiError(404, "not_found", "no such article");
    reply(jsonResponse(200, articleJson(*a, auth.workspace.public_id)));
  });

  r.add("PATCH", "/api/v1/articles/{id}", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    auto body = jsonBody(req);
    auto a = deps.articles.articleById(auth.workspace.id, pathId(req));
    if (!a) throw ApiError(404, "not_found", "no such article");
    // The slug stays when the title changes: published links keep working.
    if (body.contains("title")) a->title = checkedText(body, "title", 1, kMaxArticleTitleChars);
    if (body.contains("body_markdown")) setBody(*a, checkedBody(body));
    if (body.contains("slug")) a->slug = checkedSlug(body);
    if (body.contains("category_id")) a->category_id = checkedCategory(deps.articles, a->workspace_id, body);
    if (body.contains("status")) a->status = checkedStatus(body);
    a->updated_at = nowMillis();
    if (a->status == ArticleStatus::Published && !a->published_at) a->published_at = a->updated_at;
    std::optional<Article> updated;
    try {
      updated = deps.articles.updateArticle(*a);
    } catch (const StoreConflict& e) {
      rethrowConflict(e);
    }
    if (!updated) throw ApiError(404, "not_found", "no such article");
    reply(jsonResponse(200, articleJson(*updated, auth.workspace.public_id)));
  });

  r.add("DELETE", "/api/v1/articles/{id}", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    if (!deps.articles.deleteArticle(auth.workspace.id, pathId(req))) throw ApiError(404, "not_found", "no such article");
    reply(noContent());
  });

  r.add("GET", "/api/v1/article-categories", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgent(deps.auth, req);
    bj::array items;
    for (const auto& c : deps.articles.listArticleCategories(auth.workspace.id)) items.push_back(articleCategoryJson(c));
    reply(jsonResponse(200, bj::object{{"items", std::move(items)}}));
  });

  r.add("POST", "/api/v1/article-categories", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    auto body = jsonBody(req);
    ArticleCategory c;
    c.workspace_id = auth.workspace.id;
    c.name = checkedText(body, "name", 1, kMaxCategoryNameChars);
    if (body.contains("description")) c.description = checkedText(body, "description", 0, kMaxCategoryDescriptionChars);
    if (body.contains("position")) c.position = checkedPosition(body);
    c.slug = slugify(c.name);
    if (c.slug.empty()) c.slug = "category";
    const std::string base = c.slug;
    for (int n = 1;; ++n) {
      try {
        reply(jsonResponse(201, articleCategoryJson(deps.articles.createArticleCategory(c))));
        return;
      } catch (const StoreConflict& e) {
        if (e.field != "slug" || n >= kMaxSlugTries) rethrowConflict(e);
        c.slug = slugWithSuffix(base, n + 1);
      }
    }
  });

  r.add("PATCH", "/api/v1/article-categories/{id}", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    auto body = jsonBody(req);
    auto c = deps.articles.articleCategoryById(auth.workspace.id, pathId(req));
    if (!c) throw ApiError(404, "not_found", "no such category");
    if (body.contains("name")) c->name = checkedText(body, "name", 1, kMaxCategoryNameChars);
    if (body.contains("description")) c->description = checkedText(body, "description", 0, kMaxCategoryDescriptionChars);
    if (body.contains("position")) c->position = checkedPosition(body);
    auto updated = deps.articles.updateArticleCategory(*c);
    if (!updated) throw ApiError(404, "not_found", "no such category");
    reply(jsonResponse(200, articleCategoryJson(*updated)));
  });

  r.add("DELETE", "/api/v1/article-categories/{id}", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    if (!deps.articles.deleteArticleCategory(auth.workspace.id, pathId(req)))
      throw ApiError(404, "not_found", "no such category");
    reply(noContent());
  });
}

}  // namespace parley
