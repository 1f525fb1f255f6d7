// Beast-free request/response records: handlers and tests include this, never Beast itself,
// which keeps Beast's compile cost in one translation unit (net_server.cpp).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace parley {

struct HttpRequest {
  std::string method;                          // GET, POST, ...
  std::string path;                            // decoded path without the query
  std::map<std::string, std::string> query;    // decoded query parameters
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string peer_ip;
  std::map<std::string, std::string> params;   // filled by the router: {id} and friends

  std::string_view header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string_view{} : std::string_view{it->second};
  }
  std::optional<std::string> queryParam(const std::string& name) const {
    auto it = query.find(name);
    if (it == query.end()) return std::nullopt;
    return it->second;
  }
  // The token from "Authorization: Bearer X", or empty.
  std::string bearerToken() const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  // When set, the body is this file, sent in small chunks as the peer reads (never read whole
  // into memory); `body` is ignored.
  std::string file_path;
  // The file is a temporary one (a data export): its name is removed once it is open, and the
  // open file is streamed and freed when the response ends.
  bool remove_file_after_open = false;
  std::vector<std::pair<std::string, std::string>> headers;
};

// Handlers answer through this; it may be called from another thread (e.g. after a group commit).
using Reply = std::function<void(HttpResponse)>;

std::string urlDecode(std::string_view s, bool plus_is_space);
std::map<std::string, std::string> parseQuery(std::string_view q);

}  // namespace parley
