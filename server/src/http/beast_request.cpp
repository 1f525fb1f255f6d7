#include "http/beast_request.h"

#include "domain/ascii.h"
#include "security/client_ip.h"

namespace parley {

namespace bhttp = boost::beast::http;

HttpRequest toHttpRequest(bhttp::request<bhttp::string_body>& req, const std::string& tcp_peer,
                          const std::vector<std::string>& trusted_proxies) {
  HttpRequest r;
  r.method = req.method() == bhttp::verb::head ? std::string("GET") : std::string(req.method_string());
  auto target = req.target();
  auto q = target.find('?');
  r.path = urlDecode(target.substr(0, q), false);
  if (q != std::string_view::npos) r.query = parseQuery(target.substr(q + 1));
  for (const auto& f : req) r.headers[asciiLower(f.name_string())] = std::string(f.value());
  r.body = std::move(req.body());
  r.peer_ip = clientIp(tcp_peer, r.header("x-forwarded-for"), trusted_proxies);
  return r;
}

}  // namespace parley
