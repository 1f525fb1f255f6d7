// Issue 14, item 7: GET /api/v1/bot/report?days= (any agent; docs/openapi.json): what the bot did in
// the period (conversations handled, resolved alone, handed off), the questions it could not answer
// (most asked first) and the help center's most viewed articles with their votes.
#include <boost/json.hpp>

#include "domain/clock.h"
#include "http/api_support.h"
#include "http/responses.h"
#include "http/routes.h"

namespace parley {

namespace bj = boost::json;

namespace {
constexpr std::int64_t kMaxDays = 365;
constexpr std::size_t kUnansweredShown = 20;
constexpr std::size_t kArticlesShown = 10;
constexpr Millis kDay = 86'400'000;
}  // namespace

void registerBotReportRoutes(Router& r, BotReportRouteDeps deps) {
  r.add("GET", "/api/v1/bot/report", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgent(deps.auth, req);
    const auto days = queryInt(req, "days", 30, 1, kMaxDays);
    const Millis since = nowMillis() - days * kDay;
    const Id ws = auth.workspace.id;

    const auto n = deps.report.botNumbers(ws, since);
    bj::array unanswered;
    for (const auto& q : deps.report.topUnanswered(ws, since, kUnansweredShown))
      unanswered.push_back(bj::object{{"question", q.question}, {"count", q.count}, {"last_at", q.last_at}});
    bj::array articles;
    for (const auto& a : deps.articles.popularArticles(ws, kArticlesShown))
      articles.push_back(bj::object{{"id", a.id}, {"title", a.title}, {"views", a.views},
                                    {"helpful_yes", a.helpful_yes}, {"helpful_no", a.helpful_no}});
    reply(jsonResponse(200, bj::object{{"days", days},
                                       {"bot", bj::object{{"handled", n.handled},
                                                          {"resolved_alone", n.resolved_alone},
                                                          {"handed_off", n.handed_off}}},
                                       {"unanswered", std::move(unanswered)},
                                       {"articles", std::move(articles)}}));
  });
}

}  // namespace parley
