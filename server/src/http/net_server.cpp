#include "http/net_server.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <spdlog/spdlog.h>

#include <thread>

#include "domain/ascii.h"
#include "http/responses.h"
#include "http/websocket_frame.h"
#include "http/websocket_session.h"
#include "http/websocket_sweeper.h"
#include "security/client_ip.h"

namespace parley {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

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

class HttpSession final : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket&& socket, AppContext& ctx, Router& router, RealtimeProtocol& proto,
              WebSocketSweeper& sweeper)
      : stream_(std::move(socket)), ctx_(ctx), router_(router), proto_(proto), sweeper_(sweeper) {
    peer_ = remoteIp(stream_.socket());
  }

  void start() {
    net::dispatch(stream_.get_executor(), beast::bind_front_handler(&HttpSession::readHeader, shared_from_this()));
  }

 private:
  void readHeader() {
    parser_.emplace();
    parser_->header_limit(16 * 1024);
    stream_.expires_after(std::chrono::seconds(60));
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&HttpSession::onHeader, shared_from_this()));
  }

  void onHeader(beast::error_code ec, std::size_t) {
    if (ec) return shutdown();
    auto target = parser_->get().target();
    auto limit = isUploadPath(target) ? ctx_.config.max_upload : ctx_.config.max_body;
    // Beast checks Content-Length against the limit while parsing the header, which is already
    // done here, so a declared length is checked by hand; chunked bodies hit body_limit below.
    if (auto declared = parser_->content_length(); declared && *declared > limit) {
      keep_alive_ = false;
      return write(errorResponse(413, "too_large", "the request body is over the limit", "body"), false);
    }
    parser_->body_limit(limit);
    bhttp::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&HttpSession::onBody, shared_from_this()));
  }

  void onBody(beast::error_code ec, std::size_t) {
    if (ec == bhttp::error::body_limit) {
      keep_alive_ = false;
      return write(errorResponse(413, "too_large", "the request body is over the limit", "body"), false);
    }
    if (ec) return shutdown();
    auto req = parser_->release();
    if (websocket::is_upgrade(req)) {
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
      up.peer_ip = clientIp(peer_, req["X-Forwarded-For"], ctx_.config.trusted_proxies);
      up.origin = std::string(req[bhttp::field::origin]);
      up.user_agent = std::string(req[bhttp::field::user_agent]);
      up.host = std::string(req[bhttp::field::host]);
      up.leftover = beast::buffers_to_string(buffer_.data());
      std::make_shared<WebSocketSession>(stream_.release_socket(), proto_, sweeper_, std::move(up))->start();
      return;
    }
    keep_alive_ = req.keep_alive();
    head_ = req.method() == bhttp::verb::head;
    HttpRequest r;
    r.method = std::string(req.method_string());
    if (head_) r.method = "GET";
    auto target = req.target();
    auto q = target.find('?');
    r.path = urlDecode(target.substr(0, q), false);
    if (q != std::string_view::npos) r.query = parseQuery(target.substr(q + 1));
    for (const auto& f : req) {
      r.headers[asciiLower(f.name_string())] = std::string(f.value());
    }
    r.body = std::move(req.body());
    r.peer_ip = clientIp(peer_, r.header("x-forwarded-for"), ctx_.config.trusted_proxies);
    auto self = shared_from_this();
    router_.dispatch(r, [self](HttpResponse res) {
      net::post(self->stream_.get_executor(), [self, res = std::move(res)]() mutable { self->write(std::move(res), true); });
    });
  }

  void write(HttpResponse res, bool keep) {
    auto msg = std::make_shared<bhttp::response<bhttp::string_body>>();
    msg->result(static_cast<unsigned>(res.status));
    msg->version(11);
    msg->set(bhttp::field::server, "parley");
    if (!res.content_type.empty()) msg->set(bhttp::field::content_type, res.content_type);
    for (auto& [k, v] : res.headers) msg->set(k, v);
    msg->keep_alive(keep && keep_alive_);
    if (head_) {
      msg->content_length(res.body.size());
    } else {
      msg->body() = std::move(res.body);
      msg->prepare_payload();
    }
    bhttp::async_write(stream_, *msg, [self = shared_from_this(), msg](beast::error_code ec, std::size_t) {
      if (ec || !msg->keep_alive()) return self->shutdown();
      self->readHeader();
    });
  }

  void shutdown() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  beast::tcp_stream stream_;
  AppContext& ctx_;
  Router& router_;
  RealtimeProtocol& proto_;
  WebSocketSweeper& sweeper_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::string peer_;
  bool keep_alive_ = true;
  bool head_ = false;
};

}  // namespace

struct NetServer::Impl {
  AppContext& ctx;
  Router& router;
  RealtimeProtocol& proto;
  WebSocketSweeper sweeper;  // before ioc: sessions destroyed with the context unlink from it
  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  net::signal_set signals{ioc, SIGINT, SIGTERM};

  Impl(AppContext& c, Router& r, RealtimeProtocol& p)
      : ctx(c), router(r), proto(p), sweeper(std::chrono::milliseconds(c.config.ws_tick_ms)), ioc(c.config.threads) {}
  ~Impl() { sweeper.shutdown(); }

  void accept() {
    acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
      if (ec == net::error::operation_aborted) return;
      if (!ec) {
        socket.set_option(tcp::no_delay(true), ec);
        std::make_shared<HttpSession>(std::move(socket), ctx, router, proto, sweeper)->start();
      } else if (ec == net::error::no_descriptors) {
        spdlog::warn("accept: out of file descriptors");
      }
      accept();
    });
  }
};

NetServer::NetServer(AppContext& ctx, Router& router, RealtimeProtocol& protocol)
    : impl_(std::make_unique<Impl>(ctx, router, protocol)) {}

NetServer::~NetServer() = default;

int NetServer::listen() {
  auto& a = impl_->acceptor;
  tcp::endpoint ep{net::ip::make_address(impl_->ctx.config.host), static_cast<unsigned short>(impl_->ctx.config.port)};
  a.open(ep.protocol());
  a.set_option(net::socket_base::reuse_address(true));
  a.bind(ep);
  a.listen(net::socket_base::max_listen_connections);
  impl_->accept();
  impl_->sweeper.start(impl_->ioc.get_executor());
  impl_->signals.async_wait([this](beast::error_code ec, int) {
    if (!ec) stop();
  });
  return a.local_endpoint().port();
}

void NetServer::run() {
  std::vector<std::thread> threads;
  for (int i = 1; i < impl_->ctx.config.threads; ++i) threads.emplace_back([this] { impl_->ioc.run(); });
  impl_->ioc.run();
  for (auto& t : threads) t.join();
}

void NetServer::post(std::function<void()> f) { net::post(impl_->ioc, std::move(f)); }

void NetServer::stop() {
  net::post(impl_->ioc, [this] {
    beast::error_code ec;
    impl_->acceptor.close(ec);
    impl_->signals.cancel(ec);
    impl_->sweeper.stop();
    impl_->ioc.stop();
  });
}

}  // namespace parley
