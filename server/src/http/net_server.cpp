#include "http/net_server.h"

#include <boost/asio.hpp>
#include <cstdio>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <atomic>
#include <optional>
#include <thread>

#include "domain/clock.h"
#include "http/beast_request.h"
#include "http/responses.h"
#include "http/socket_memory_budget.h"
#include "http/websocket_frame.h"
#include "http/websocket_session.h"
#include "http/websocket_sweeper.h"
#include "observability/metrics_registry.h"
#include "security/client_ip.h"
#include "security/connection_limiter.h"
#include "security/host_policy.h"
#include "security/log_throttle.h"

namespace parley {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;

namespace {

// Deadlines (docs/security.md). A connection waiting for a request is cheap but holds a slot, so
// when most slots are taken the wait gets short: idle keep-alives and slow starters make room.
constexpr auto kHeaderWait = 30s;
constexpr auto kHeaderWaitUnderPressure = 5s;
constexpr auto kBodyWait = 60s;
// A response must make progress: a reader that takes nothing for this long is dropped. Files are
// sent in small chunks, so a slow reader costs a descriptor and a few KB, never the file.
constexpr auto kWriteStall = 30s;
// How long a refused body is read and dropped so its sender can see the answer.
constexpr auto kLinger = 10s;
// Descriptors kept out of the connection budget for the database, logs, the event loop and the
// like; files being sent have a budget of their own on top of it.
constexpr std::size_t kDescriptorReserve = 64;
constexpr std::size_t kMaxFileStreams = 1024;

std::string remoteIp(const tcp::socket& s) {
  boost::system::error_code ec;
  auto ep = s.remote_endpoint(ec);
  return ec ? std::string{} : ep.address().to_string();
}

bool isUploadPath(std::string_view target) {
  auto q = target.find('?');
  auto path = target.substr(0, q);
  return path.size() >= 8 && path.substr(path.size() - 8) == "/uploads";
}

// Articles carry up to 100,000 bytes of Markdown (domain/article.h), more once JSON-escaped.
constexpr std::size_t kArticleBodyLimit = 256 * 1024;
bool isArticlePath(std::string_view target) {
  return target.substr(0, target.find('?')).starts_with("/api/v1/articles");
}

// A whole email, piped in by `parley mail-in` (app/inbound_mail.h): as large as an upload, no
// larger, so it opens no new way to make the server hold a big body before the route checks its token.
bool isInboundMailPath(std::string_view target) {
  return target.substr(0, target.find('?')) == "/api/v1/inbound-email";
}

bool isTrustedProxy(const std::string& ip, const std::vector<std::string>& proxies) {
  for (const auto& p : proxies)
    if (p == ip) return true;
  return false;
}

// What every session of this server shares.
struct ServerParts {
  const ServerConfig& config;
  Router& router;
  RealtimeProtocol& proto;
  WebSocketSweeper& sweeper;
  ConnectionLimiter& limiter;
  SocketMemoryBudget& socket_budget;
  HostPolicy& hosts;
  std::atomic<std::size_t>& file_streams;
  std::size_t max_file_streams;
  bool websocket = true;  // false on the metrics listener: it answers its router only
};

class HttpSession final : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket&& socket, ServerParts& parts, ConnectionSlot slot)
      : stream_(std::move(socket)), parts_(parts), slot_(std::move(slot)) {
    peer_ = remoteIp(stream_.socket());
  }
  ~HttpSession() { releaseFileStream(); }

  void start() {
    net::dispatch(stream_.get_executor(), beast::bind_front_handler(&HttpSession::readHeader, shared_from_this()));
  }

 private:
  const ServerConfig& config() { return parts_.config; }

  void readHeader() {
    parser_.emplace();
    parser_->header_limit(16 * 1024);
    // Beast checks a declared Content-Length against the body limit while it parses the header,
    // before the route is known: allow the largest (uploads) here, and the route's own below.
    parser_->body_limit(std::max(config().max_body, config().max_upload));
    stream_.expires_after(parts_.limiter.underPressure() ? kHeaderWaitUnderPressure : kHeaderWait);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&HttpSession::onHeader, shared_from_this()));
  }

  void onHeader(beast::error_code ec, std::size_t) {
    if (ec == bhttp::error::body_limit) return tooLarge();
    if (ec) return shutdown();
    auto target = parser_->get().target();
    auto limit = isUploadPath(target)        ? config().max_upload
                 : isArticlePath(target)     ? std::max(config().max_body, kArticleBodyLimit)
                 : isInboundMailPath(target) ? config().max_upload
                                             : config().max_body;
    if (auto declared = parser_->content_length(); declared && *declared > limit) return tooLarge();
    parser_->body_limit(limit);
    stream_.expires_after(kBodyWait);
    bhttp::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&HttpSession::onBody, shared_from_this()));
  }

  void tooLarge() {
    keep_alive_ = false;
    linger_ = true;
    write(errorResponse(413, "too_large", "the request body is over the limit", "body"), false);
  }

  // After refusing a body the client is still sending: closing at once would reset the connection
  // and the client would never read the 413 (a browser reports "could not reach the server").
  // Read and drop what comes, up to a bound, then close.
  void lingerThenClose(std::size_t dropped = 0) {
    constexpr std::size_t kMaxDropped = 16u << 20;
    if (dropped > kMaxDropped) return closeNow();
    buffer_.consume(buffer_.size());
    stream_.async_read_some(buffer_.prepare(64 * 1024), [self = shared_from_this(), dropped](beast::error_code ec,
                                                                                            std::size_t n) {
      if (ec) return self->closeNow();
      self->lingerThenClose(dropped + n);
    });
  }

  void closeNow() {
    beast::error_code ec;
    stream_.socket().close(ec);
  }

  void onBody(beast::error_code ec, std::size_t) {
    if (ec == bhttp::error::body_limit) return tooLarge();
    if (ec) return shutdown();
    auto req = parser_->release();
    head_ = req.method() == bhttp::verb::head;
    keep_alive_ = req.keep_alive();
    auto host = req[bhttp::field::host];
    if (host.empty() && req.version() >= 11)
      return write(errorResponse(400, "missing", "HTTP/1.1 requests need a Host header", "Host"), false);
    if (req.target().empty() || req.target().front() != '/')
      return write(errorResponse(400, "invalid", "the request target must be a path", "target"), false);
    if (!parts_.hosts.allowed(host))
      return write(errorResponse(421, "misdirected", "this server does not answer for that host name", "Host"), false);
    if (parts_.websocket && websocket::is_upgrade(req)) return upgrade(req);
    HttpRequest r = toHttpRequest(req, peer_, config().trusted_proxies);
    auto self = shared_from_this();
    parts_.router.dispatch(r, [self](HttpResponse res) {
      net::post(self->stream_.get_executor(), [self, res = std::move(res)]() mutable { self->write(std::move(res), true); });
    });
  }

  void upgrade(bhttp::request<bhttp::string_body>& req) {
    if (req.target() != "/ws") return write(errorResponse(404, "not_found", "websocket lives at /ws"), false);
    if (req[bhttp::field::sec_websocket_version] != "13") {
      HttpResponse res = errorResponse(426, "bad_handshake", "only WebSocket version 13 is spoken here",
                                       "Sec-WebSocket-Version");
      res.headers.emplace_back("Sec-WebSocket-Version", "13");
      return write(std::move(res), false);
    }
    auto key = req[bhttp::field::sec_websocket_key];
    if (!isValidWebsocketKey(key))
      return write(errorResponse(400, "bad_handshake", "a 16-byte base64 key is required", "Sec-WebSocket-Key"),
                   false);
    stream_.expires_never();
    WebSocketUpgrade up;
    up.accept_key = websocketAcceptKey(key);
    up.peer_ip = clientIp(peer_, req["X-Forwarded-For"], config().trusted_proxies);
    up.origin = std::string(req[bhttp::field::origin]);
    up.user_agent = std::string(req[bhttp::field::user_agent]);
    up.host = std::string(req[bhttp::field::host]);
    up.leftover = beast::buffers_to_string(buffer_.data());
    up.slot = std::move(slot_);  // the socket keeps this connection's slot
    std::make_shared<WebSocketSession>(stream_.release_socket(), parts_.proto, parts_.sweeper, parts_.socket_budget,
                                       config().websocket, std::move(up))
        ->start();
  }

  template <class Message>
  void setHeaders(Message& msg, const HttpResponse& res, bool keep) {
    serverMetrics().http_responses.count(res.status);
    msg.result(static_cast<unsigned>(res.status));
    msg.version(11);
    msg.set(bhttp::field::server, "parley");
    if (!res.content_type.empty()) msg.set(bhttp::field::content_type, res.content_type);
    for (auto& [k, v] : res.headers) msg.set(k, v);
    msg.keep_alive(keep && keep_alive_);
  }

  void write(HttpResponse res, bool keep) {
    if (!res.file_path.empty()) return writeFile(std::move(res), keep);
    auto msg = std::make_shared<bhttp::response<bhttp::string_body>>();
    setHeaders(*msg, res, keep);
    if (res.status == 304 || res.status == 204) {
      // No body and no Content-Length (RFC 9110 8.6: a 304 may not claim one of its own).
    } else if (head_) {
      msg->content_length(res.body.size());
    } else {
      msg->body() = std::move(res.body);
      msg->prepare_payload();
    }
    send(std::move(msg));
  }

  // The file is read a few KB at a time as the peer takes it (Beast's file_body), never whole.
  void writeFile(HttpResponse res, bool keep) {
    bhttp::file_body::value_type file;
    beast::error_code ec;
    file.open(res.file_path.c_str(), beast::file_mode::scan, ec);
    if (res.remove_file_after_open) {
      std::remove(res.file_path.c_str());
    }
    if (ec) return write(errorResponse(404, "not_found", "no such file"), keep);
    if (head_) {
      auto msg = std::make_shared<bhttp::response<bhttp::empty_body>>();
      setHeaders(*msg, res, keep);
      msg->content_length(file.size());
      return send(std::move(msg));
    }
    if (parts_.file_streams.fetch_add(1) >= parts_.max_file_streams) {
      parts_.file_streams.fetch_sub(1);
      HttpResponse busy = errorResponse(503, "busy", "too many downloads at once, try again soon");
      busy.headers.emplace_back("Retry-After", "1");
      return write(std::move(busy), keep);
    }
    holds_file_stream_ = true;
    auto msg = std::make_shared<bhttp::response<bhttp::file_body>>();
    setHeaders(*msg, res, keep);
    msg->body() = std::move(file);
    msg->prepare_payload();
    send(std::move(msg));
  }

  void releaseFileStream() {
    if (holds_file_stream_) parts_.file_streams.fetch_sub(1);
    holds_file_stream_ = false;
  }

  template <class Body>
  void send(std::shared_ptr<bhttp::response<Body>> msg) {
    auto sr = std::make_shared<bhttp::response_serializer<Body>>(*msg);
    writeSome(std::move(msg), std::move(sr));
  }

  // One write at a time with its own deadline: the deadline measures a stall, not the whole
  // response (a large file to a slow but live reader is fine).
  template <class Body>
  void writeSome(std::shared_ptr<bhttp::response<Body>> msg, std::shared_ptr<bhttp::response_serializer<Body>> sr) {
    stream_.expires_after(kWriteStall);
    bhttp::async_write_some(stream_, *sr, [self = shared_from_this(), msg, sr](beast::error_code ec, std::size_t) {
      if (ec) return self->shutdown();
      if (!sr->is_done()) return self->writeSome(msg, sr);
      self->releaseFileStream();
      if (self->linger_) {
        self->shutdown();
        self->stream_.expires_after(kLinger);
        return self->lingerThenClose();
      }
      if (!msg->keep_alive()) return self->shutdown();
      self->readHeader();
    });
  }

  void shutdown() {
    releaseFileStream();
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  beast::tcp_stream stream_;
  ServerParts& parts_;
  ConnectionSlot slot_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::string peer_;
  bool keep_alive_ = true;
  bool head_ = false;
  bool holds_file_stream_ = false;
  bool linger_ = false;  // drop the rest of a refused body before closing
};

// The descriptors this process may open: the soft limit raised to the hard one.
std::size_t raiseDescriptorLimit() {
  rlimit rl{};
  if (getrlimit(RLIMIT_NOFILE, &rl) != 0) return 1024;
  if (rl.rlim_cur < rl.rlim_max) {
    rlimit want = rl;
    want.rlim_cur = rl.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &want) == 0) rl = want;
  }
  return rl.rlim_cur == RLIM_INFINITY ? 1u << 20 : static_cast<std::size_t>(rl.rlim_cur);
}

struct Budgets {
  std::size_t max_connections;
  std::size_t max_file_streams;
};

Budgets descriptorBudgets(const ServerConfig& cfg) {
  const std::size_t fds = raiseDescriptorLimit();
  const std::size_t usable = fds > 2 * kDescriptorReserve ? fds - kDescriptorReserve : fds / 2;
  Budgets b;
  b.max_file_streams = std::max<std::size_t>(1, std::min(kMaxFileStreams, usable / 8));
  const std::size_t room = usable - b.max_file_streams;
  b.max_connections = cfg.max_connections == 0 ? room : std::min(cfg.max_connections, room);
  if (cfg.max_connections > room)
    spdlog::warn("--max-connections {} lowered to {}: the descriptor limit is {}", cfg.max_connections, room, fds);
  return b;
}

bool isDescriptorShortage(const boost::system::error_code& ec) {
  return ec == net::error::no_descriptors || ec == net::error::no_buffer_space || ec == net::error::no_memory ||
         ec.value() == ENFILE;
}

}  // namespace

// One listening socket and its accept loop's back-off.
struct Listener {
  Listener(net::io_context& ioc, ServerParts& p) : acceptor(ioc), retry(ioc), parts(p) {}
  tcp::acceptor acceptor;
  net::steady_timer retry;
  std::chrono::milliseconds backoff{0};
  ServerParts& parts;
};

struct NetServer::Impl {
  const ServerConfig& config;
  Hub& hub;
  Budgets budgets;
  ConnectionLimiter limiter;
  SocketMemoryBudget socket_budget;
  HostPolicy hosts;
  std::atomic<std::size_t> file_streams{0};
  WebSocketSweeper sweeper;  // before ioc: sessions destroyed with the context unlink from it
  ServerParts parts;
  HostPolicy any_host;  // the metrics listener is scraped by address, not by a public name
  std::optional<ServerParts> metrics_parts;
  net::io_context ioc;
  Listener main_listener{ioc, parts};
  std::optional<Listener> metrics_listener;
  net::signal_set signals{ioc, SIGINT, SIGTERM};
  LogThrottle refused_log{10'000};
  LogThrottle shortage_log{10'000};

  Impl(const ServerConfig& c, Hub& h, Router& r, RealtimeProtocol& p)
      : config(c),
        hub(h),
        budgets(descriptorBudgets(c)),
        limiter(budgets.max_connections, std::max<std::size_t>(1, c.max_connections_per_ip)),
        socket_budget(c.max_socket_buffers),
        hosts(c.public_urls),
        sweeper(std::chrono::milliseconds(c.ws_tick_ms)),
        parts{c, r, p, sweeper, limiter, socket_budget, hosts, file_streams, budgets.max_file_streams},
        ioc(c.threads) {}
  // Sockets must be gone before what they point at (the sweeper, the limiter's slots, the budget):
  // the hub holds the signed-in ones, so it lets go first; the rest go with the I/O context, which is
  // destroyed before those members (declared after them).
  ~Impl() {
    hub.clear();
    sweeper.shutdown();
  }

  void accept(Listener& l) {
    l.acceptor.async_accept(net::make_strand(ioc), [this, &l](beast::error_code ec, tcp::socket socket) {
      if (ec == net::error::operation_aborted) return;
      if (ec) return onAcceptError(ec, l);
      l.backoff = 0ms;
      auto ip = remoteIp(socket);
      ConnectionLimiter::Refusal why{};
      auto slot = limiter.tryAcquire(ip, isTrustedProxy(ip, config.trusted_proxies), &why);
      if (!slot) {
        refuse(socket, why);
      } else {
        socket.set_option(tcp::no_delay(true), ec);
        std::make_shared<HttpSession>(std::move(socket), l.parts, std::move(*slot))->start();
      }
      accept(l);
    });
  }

  // Out of descriptors (or kernel memory): accepting again at once would fail again at once, in
  // a loop that burns a core and floods the log. Wait, doubling up to a second, and log once per
  // interval; the connections already open finish and close meanwhile.
  void onAcceptError(const beast::error_code& ec, Listener& l) {
    if (!isDescriptorShortage(ec)) return accept(l);  // a peer that gave up before accept: nothing to wait for
    l.backoff = std::clamp(l.backoff * 2, 10ms, 1000ms);
    if (auto quiet = shortage_log.occurred(nowMillis()))
      spdlog::warn("accept: {} ({} more since the last report); pausing accepts for {} ms", ec.message(), *quiet,
                   l.backoff.count());
    l.retry.expires_after(l.backoff);
    l.retry.async_wait([this, &l](const beast::error_code& e) {
      if (!e) accept(l);
    });
  }

  static int bindAndListen(tcp::acceptor& a, const std::string& host, int port) {
    tcp::endpoint ep{net::ip::make_address(host), static_cast<unsigned short>(port)};
    a.open(ep.protocol());
    a.set_option(net::socket_base::reuse_address(true));
    a.bind(ep);
    a.listen(net::socket_base::max_listen_connections);
    return a.local_endpoint().port();
  }

  // A refused client gets a short 503 at once rather than a connection that hangs; written without
  // waiting (a full socket buffer just loses it) so a flood of refusals costs no memory.
  void refuse(tcp::socket& socket, ConnectionLimiter::Refusal why) {
    const bool per_ip = why == ConnectionLimiter::Refusal::PerAddress;
    const std::string body = per_ip ? R"({"error":{"code":"too_many_connections","message":"too many connections from your address"}})"
                                    : R"({"error":{"code":"busy","message":"the server is at its connection limit, try again soon"}})";
    const std::string answer = "HTTP/1.1 503 Service Unavailable\r\nServer: parley\r\nContent-Type: application/json\r\n"
                               "Retry-After: 5\r\nConnection: close\r\nContent-Length: " +
                               std::to_string(body.size()) + "\r\n\r\n" + body;
    boost::system::error_code ec;
    socket.non_blocking(true, ec);
    socket.write_some(net::buffer(answer), ec);
    serverMetrics().http_responses.count(503);
    socket.shutdown(tcp::socket::shutdown_both, ec);
    socket.close(ec);
    if (auto quiet = refused_log.occurred(nowMillis()))
      spdlog::warn("refused a connection: {} ({} more refused since the last report; {} open of {})",
                   per_ip ? "per-address limit" : "connection limit", *quiet, limiter.total(), limiter.maxTotal());
  }
};

NetServer::NetServer(const ServerConfig& config, Hub& hub, Router& router, RealtimeProtocol& protocol)
    : impl_(std::make_unique<Impl>(config, hub, router, protocol)) {}

NetServer::~NetServer() = default;

int NetServer::listen() {
  const int port = Impl::bindAndListen(impl_->main_listener.acceptor, impl_->config.host, impl_->config.port);
  impl_->accept(impl_->main_listener);
  impl_->sweeper.start(impl_->ioc.get_executor());
  impl_->signals.async_wait([this](beast::error_code ec, int) {
    if (!ec) stop();
  });
  spdlog::info("limits: {} connections ({} per address), {} file downloads at once, {} MiB of WebSocket buffers",
               impl_->limiter.maxTotal(), impl_->limiter.maxPerAddress(), impl_->budgets.max_file_streams,
               impl_->socket_budget.limit() >> 20);
  if (!impl_->hosts.configured())
    spdlog::warn("no --public-url: every Host header is answered (set it to refuse DNS-rebinding pages)");
  return port;
}

int NetServer::listenMetrics(const std::string& host, int port, Router& router) {
  auto& i = *impl_;
  i.metrics_parts.emplace(ServerParts{i.config, router, i.parts.proto, i.sweeper, i.limiter, i.socket_budget, i.any_host,
                                      i.file_streams, i.budgets.max_file_streams, false});
  i.metrics_listener.emplace(i.ioc, *i.metrics_parts);
  const int bound = Impl::bindAndListen(i.metrics_listener->acceptor, host, port);
  i.accept(*i.metrics_listener);
  spdlog::info("metrics listener on http://{}:{}/metrics", host, bound);
  return bound;
}

void NetServer::run() {
  std::vector<std::thread> threads;
  for (int i = 1; i < impl_->config.threads; ++i) threads.emplace_back([this] { impl_->ioc.run(); });
  impl_->ioc.run();
  for (auto& t : threads) t.join();
}

void NetServer::post(std::function<void()> f) { net::post(impl_->ioc, std::move(f)); }

void NetServer::stop() {
  net::post(impl_->ioc, [this] {
    beast::error_code ec;
    impl_->main_listener.acceptor.close(ec);
    impl_->main_listener.retry.cancel();
    if (impl_->metrics_listener) {
      impl_->metrics_listener->acceptor.close(ec);
      impl_->metrics_listener->retry.cancel();
    }
    impl_->signals.cancel(ec);
    impl_->sweeper.stop();
    impl_->ioc.stop();
  });
}

}  // namespace parley
