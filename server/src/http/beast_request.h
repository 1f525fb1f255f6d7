// The one conversion from Beast's parsed request to the Beast-free HttpRequest the router sees.
// Only Beast translation units include this (net_server.cpp and the HTTP fuzz target).
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <string>
#include <vector>

#include "http/request.h"

namespace parley {

// Moves the body out of `req`. HEAD becomes GET (the caller drops the body it answers with);
// peer_ip is the client's address after X-Forwarded-For from trusted proxies.
HttpRequest toHttpRequest(boost::beast::http::request<boost::beast::http::string_body>& req,
                          const std::string& tcp_peer, const std::vector<std::string>& trusted_proxies);

}  // namespace parley
