// HTTP from raw bytes to the handlers: Beast's request parser with the limits and the checks of
// net_server.cpp, toHttpRequest, then the real Router with every route over a seeded SQLite store
// (fuzz_env.h).
// An input may hold several pipelined requests (a keep-alive connection), so one input can log in
// and then use what it changed.
//
// Checked for every answer: exactly one reply per request, even when it comes later from the
// message writer; a status the HTTP layer can send; under /api/ a JSON body, errors shaped
// {"error":{"code","message"}}; and never a 500, which the server only sends for its own bugs.
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <boost/json.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "fuzz_env.h"
#include "http/beast_request.h"
#include "http/websocket_frame.h"

using namespace parley;
namespace bhttp = boost::beast::http;
namespace bj = boost::json;

namespace {

constexpr int kMaxRequestsPerInput = 8;
constexpr std::size_t kHeaderLimit = 16 * 1024;  // net_server.cpp
const auto kReplyTimeout = std::chrono::seconds(30);

bool isUploadPath(std::string_view target) {  // as net_server.cpp decides the body limit
  auto path = target.substr(0, target.find('?'));
  return path.size() >= 8 && path.substr(path.size() - 8) == "/uploads";
}

std::string describe(const HttpRequest& req, const HttpResponse& res) {
  std::string s = req.method + " " + req.path + " -> " + std::to_string(res.status) + " " + res.content_type + "\n";
  s += res.body.substr(0, 2000);
  return s;
}

// A file answer (streamed by net_server.cpp) must name an existing regular file inside the web
// directory, the docs or the uploads: anything else is path traversal.
std::string checkFile(const HttpRequest& req, const HttpResponse& res, const std::string& root) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto real = fs::canonical(res.file_path, ec);
  if (ec || !fs::is_regular_file(real)) parley::fuzz::fail("file answer names no file", describe(req, res) + res.file_path);
  const auto rel = real.lexically_relative(fs::canonical(root));
  const auto top = rel.empty() ? std::string("..") : rel.begin()->string();
  if (top != "web" && top != "docs" && !(top == "data" && rel.string().rfind("data/uploads/", 0) == 0))
    parley::fuzz::fail("file answer outside the served directories", describe(req, res) + real.string());
  std::ifstream in(real, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void checkResponse(const HttpRequest& req, HttpResponse res, const std::string& root) {
  if (res.status < 200 || res.status > 599) parley::fuzz::fail("status out of range", describe(req, res));
  if (res.status == 500) parley::fuzz::fail("HTTP 500", describe(req, res));
  if (!res.file_path.empty()) res.body = checkFile(req, res, root);
  if (req.path.rfind("/api/", 0) != 0) return;
  if (res.status == 204) {
    if (!res.body.empty()) parley::fuzz::fail("204 with a body", describe(req, res));
    return;
  }
  if (res.content_type != "application/json") parley::fuzz::fail("API answer is not JSON", describe(req, res));
  boost::system::error_code ec;
  bj::value v = bj::parse(res.body, ec);  // strict: invalid UTF-8 in an answer is a bug too
  if (ec || !v.is_object()) parley::fuzz::fail("API body is not a JSON object", describe(req, res));
  if (res.status >= 400) {
    const auto* err = v.get_object().if_contains("error");
    if (!err || !err->is_object() || !err->get_object().contains("code") ||
        !err->get_object().at("code").is_string() || !err->get_object().contains("message"))
      parley::fuzz::fail("error answer without {error:{code,message}}", describe(req, res));
  }
}

// The router part of one request: dispatch, then wait for the reply the handler may send later.
void dispatch(parley::fuzz::FuzzServer& app, HttpRequest req) {
  struct State {
    int replies = 0;
  };
  auto state = std::make_shared<State>();
  auto copy = std::make_shared<HttpRequest>(req);  // the handler may move fields out of req
  // Like net_server.cpp, the answer is posted to the I/O thread whichever thread replies (the
  // message writer, a password worker): here that wakes the wait below.
  auto& posted = app.posted();
  app.router().dispatch(req, [state, copy, &posted, root = app.workDir()](HttpResponse res) {
    posted.post([state, copy, root, res = std::move(res)] {
      static const bool trace = std::getenv("PARLEY_FUZZ_TRACE") != nullptr;  // to see what seeds reach
      if (trace) std::fprintf(stderr, "%s\n", describe(*copy, res).substr(0, 300).c_str());
      if (++state->replies > 1) parley::fuzz::fail("handler replied twice", describe(*copy, res));
      checkResponse(*copy, res, root);
    });
  });
  if (!app.posted().runUntil([&] { return state->replies > 0; }, kReplyTimeout))
    parley::fuzz::fail("no reply within 30 s", copy->method + " " + copy->path);
}

// One request off the front of `in`; false when the connection would end here (incomplete
// request, parse error, answer without keep-alive, or a WebSocket upgrade).
bool handleOne(parley::fuzz::FuzzServer& app, std::string_view& in) {
  const auto& config = app.ctx().config;
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(kHeaderLimit);
  parser.body_limit(std::max(config.max_body, config.max_upload));  // until the route is known
  boost::system::error_code ec;
  bool limitSet = false;
  // Not eager (Beast's default): put() stops after the header, so the body limit is set from the
  // target before any body byte is read, as net_server.cpp does with async_read_header.
  while (!parser.is_done()) {
    const std::size_t n = parser.put(boost::asio::buffer(in.data(), in.size()), ec);
    in.remove_prefix(n);
    if (parser.is_header_done() && !limitSet) {
      limitSet = true;
      const auto limit = isUploadPath(parser.get().target()) ? config.max_upload : config.max_body;
      if (auto declared = parser.content_length(); declared && *declared > limit) return false;  // 413
      parser.body_limit(limit);
    }
    if (ec == bhttp::error::need_more) {
      if (n == 0 || in.empty()) return false;  // the client went quiet: no answer to check
      ec = {};
    } else if (ec) {
      return false;  // 413 for body_limit (net_server.cpp writes it) or a dropped connection
    } else if (n == 0 && !parser.is_done()) {
      return false;
    }
  }
  auto msg = parser.release();
  // What net_server.cpp answers itself (400) before the router: no Host on HTTP/1.1, a target
  // that is not a path.
  if (msg[bhttp::field::host].empty() && msg.version() >= 11) return false;
  if (msg.target().empty() || msg.target().front() != '/') return false;
  if (boost::beast::websocket::is_upgrade(msg)) {
    // net_server.cpp checks the key before handing the socket over; the frames are another target.
    auto key = msg[bhttp::field::sec_websocket_key];
    if (isValidWebsocketKey(key) && websocketAcceptKey(key).size() != 28)
      parley::fuzz::fail("accept key of the wrong length", std::string(key));
    return false;
  }
  const bool keepAlive = msg.keep_alive();
  HttpRequest req = toHttpRequest(msg, std::string(parley::fuzz::Seed::kPeer), app.ctx().config.trusted_proxies);
  dispatch(app, std::move(req));
  return keepAlive;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto& app = parley::fuzz::FuzzServer::get();
  app.beginInput();
  std::string_view in(reinterpret_cast<const char*>(data), size);
  for (int i = 0; i < kMaxRequestsPerInput && !in.empty(); ++i)
    if (!handleOne(app, in)) break;
  app.settle();
  return 0;
}
