// Maps "METHOD /path/{param}" to handlers. Beast-free, so routes are plain functions that
// tests can call without a socket.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/request.h"

namespace parley {

using Handler = std::function<void(HttpRequest&, const Reply&)>;

class Router {
 public:
  void add(std::string method, std::string pattern, Handler h);
  // Falls back to `fallback` (static files) when nothing matches; answers 404/405 otherwise.
  void setFallback(Handler h) { fallback_ = std::move(h); }
  void dispatch(HttpRequest& req, const Reply& reply) const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;  // "{name}" segments capture
    Handler handler;
  };
  std::vector<Route> routes_;
  Handler fallback_;
};

}  // namespace parley
