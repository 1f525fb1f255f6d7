// Maps "METHOD /path/{param}" to handlers. Beast-free, so routes are plain functions that
// tests can call without a socket.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "http/request.h"

namespace parley {

using Handler = std::function<void(HttpRequest&, const Reply&)>;

class Router {
 public:
  void add(std::string method, std::string pattern, Handler h);
  // Falls back to `fallback` (static files) when nothing matches; answers 404/405 otherwise.
  void setFallback(Handler h) { fallback_ = std::move(h); }
  // The fallback set so far, for a route group that answers some fallback requests itself.
  const Handler& fallback() const { return fallback_; }
  void dispatch(HttpRequest& req, const Reply& reply) const;
  // Every registered (method, pattern) pair in registration order, patterns as given to add().
  std::vector<std::pair<std::string, std::string>> routeList() const;

 private:
  struct Route {
    std::string method;
    std::string pattern;                // as registered, e.g. "/api/v1/agents/{id}"
    std::vector<std::string> segments;  // "{name}" segments capture
    Handler handler;
  };
  std::vector<Route> routes_;
  Handler fallback_;
};

}  // namespace parley
