// Help inside the widget (issue 14, item 3): a visitor searches the published articles as they
// type, opens one (a view is counted) and says whether it helped (one vote per visitor and
// article; a second vote replaces the first).
#include <boost/json.hpp>

#include "domain/clock.h"
#include "http/api_support.h"
#include "http/article_json.h"
#include "http/responses.h"
#include "http/routes.h"
#include "wire/json_codec.h"

namespace parley {

namespace bj = boost::json;

namespace {
// Each help request costs a search or a write: a visitor gets VisitorLimits::help of them.
void takeHelpBudget(const WidgetArticleRouteDeps& deps, Id contact_id) {
  const auto key = VisitorLimits::key(contact_id);
  const Millis now = nowMillis();
  if (!deps.visitors.help.allow(key, now))
    throw rateLimited("too many help requests", deps.visitors.help.retryAfter(key, now));
}
}  // namespace

void registerWidgetArticleRoutes(Router& r, WidgetArticleRouteDeps deps) {
  r.add("GET", "/api/v1/widget/articles", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireVisitor(deps.auth, req);
    takeHelpBudget(deps, auth.contact.id);
    const auto limit = static_cast<std::size_t>(queryInt(req, "limit", 5, 1, 10));
    const std::string q = req.queryParam("q").value_or("");
    if (q.size() > 200) throw ApiError(400, "invalid", "q must be at most 200 bytes", "q");
    bj::array items;
    if (articleSearchWords(q).empty()) {
      for (const auto& a : deps.articles.popularArticles(auth.workspace.id, limit))
        items.push_back(widgetArticleSummaryJson(a, auth.workspace.public_id));
    } else {
      for (const auto& m : deps.articles.searchPublishedArticles(auth.workspace.id, q, limit))
        items.push_back(widgetArticleSummaryJson(m.article, auth.workspace.public_id));
    }
    reply(jsonResponse(200, bj::object{{"items", std::move(items)}}));
  });

  r.add("GET", "/api/v1/widget/articles/{id}", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireVisitor(deps.auth, req);
    takeHelpBudget(deps, auth.contact.id);
    const Id id = pathId(req);
    auto a = deps.articles.articleById(auth.workspace.id, id);
    if (!a || a->status != ArticleStatus::Published) throw ApiError(404, "not_found", "no such article");
    deps.articles.countArticleView(auth.workspace.id, id);
    reply(jsonResponse(200, widgetArticleJson(*a, auth.workspace.public_id)));
  });

  r.add("POST", "/api/v1/widget/articles/{id}/feedback", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireVisitor(deps.auth, req);
    takeHelpBudget(deps, auth.contact.id);
    auto body = jsonBody(req);
    const auto helpful = json::optBool(body, "helpful");
    if (!helpful) throw ApiError(400, "invalid", "helpful must be true or false", "helpful");
    const auto vote = deps.articles.voteArticle(auth.workspace.id, pathId(req),
                                                "c:" + std::to_string(auth.contact.id), *helpful, nowMillis());
    if (vote == ArticleVote::NotFound) throw ApiError(404, "not_found", "no such article");
    reply(noContent());
  });
}

}  // namespace parley
