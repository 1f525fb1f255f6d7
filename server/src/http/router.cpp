#include "http/router.h"

#include "domain/text_limits.h"
#include "http/api_support.h"
#include "http/responses.h"

namespace parley {

namespace {
std::vector<std::string> split(std::string_view path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') { ++i; continue; }
    auto j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.emplace_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}
}  // namespace

void Router::add(std::string method, std::string pattern, Handler h) {
  auto segments = split(pattern);
  routes_.push_back({std::move(method), std::move(pattern), std::move(segments), std::move(h)});
}

std::vector<std::pair<std::string, std::string>> Router::routeList() const {
  std::vector<std::pair<std::string, std::string>> out;
  out.reserve(routes_.size());
  for (const auto& r : routes_) out.emplace_back(r.method, r.pattern);
  return out;
}

// Decoded text with a NUL byte or bytes that are not UTF-8 is refused before any handler sees it:
// no field of ours may hold it (a NUL in a search query reached SQLite's FTS as an error, found by
// the HTTP fuzzer).
static bool cleanText(std::string_view s) { return s.find('\0') == std::string_view::npos && isValidUtf8(s); }

void Router::dispatch(HttpRequest& req, const Reply& reply) const {
  if (!cleanText(req.path)) return reply(errorResponse(400, "invalid", "the path is not UTF-8 text", "path"));
  for (const auto& [name, value] : req.query)
    if (!cleanText(name) || !cleanText(value))
      return reply(errorResponse(400, "invalid", "query parameters must be UTF-8 text", cleanText(name) ? name : "query"));
  auto segs = split(req.path);
  bool pathMatched = false;
  for (const auto& r : routes_) {
    if (r.segments.size() != segs.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (size_t i = 0; i < segs.size() && ok; ++i) {
      const auto& p = r.segments[i];
      if (p.size() > 2 && p.front() == '{' && p.back() == '}')
        params[p.substr(1, p.size() - 2)] = segs[i];
      else
        ok = p == segs[i];
    }
    if (!ok) continue;
    pathMatched = true;
    if (r.method != req.method) continue;
    req.params = std::move(params);
    try {
      r.handler(req, reply);
    } catch (...) {
      reply(errorFor(std::current_exception(), req.method + " " + req.path));
    }
    return;
  }
  if (pathMatched) return reply(errorResponse(405, "method_not_allowed", "this path does not take " + req.method));
  bool api = req.path.rfind("/api/", 0) == 0;
  if (fallback_ && !api && (req.method == "GET" || req.method == "HEAD")) return fallback_(req, reply);
  reply(errorResponse(404, "not_found", "no such endpoint"));
}

}  // namespace parley
