#include "http/net_server.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <spdlog/spdlog.h>

#include <deque>
#include <thread>

#include "domain/ascii.h"
#include "http/responses.h"
#include "security/client_ip.h"

namespace parley {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// A socket this far behind is closed (it resumes). Agents get more room: a burst of visitors coming
// online (say, after a restart) sends every agent one presence frame per visitor at once.
constexpr std::size_t kMaxQueuedBytesVisitor = 1 << 20;
constexpr std::size_t kMaxQueuedBytesAgent = 32 << 20;

std::string remoteIp(const tcp::socket& s) {
  boost::system::error_code ec;
  auto ep = s.remote_endpoint(ec);
  return ec ? std::string{} : ep.address().to_string();
}

class WsSession final : public Connection, public std::enable_shared_from_this<WsSession> {
 public:
  WsSession(tcp::socket&& socket, AppContext& ctx, RealtimeProtocol& proto, std::string peer)
      : ws_(std::move(socket)), ctx_(ctx), proto_(proto), peer_(std::move(peer)), hello_timer_(ws_.get_executor()) {}

  void start(bhttp::request<bhttp::string_body> req) {
    origin_ = std::string(req[bhttp::field::origin]);
    ua_ = std::string(req[bhttp::field::user_agent]);
    host_ = std::string(req[bhttp::field::host]);
    websocket::stream_base::timeout t{std::chrono::seconds(20), std::chrono::seconds(60), true};
    ws_.set_option(t);
    ws_.read_message_max(RealtimeProtocol::kMaxFrame);
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& res) { res.set(bhttp::field::server, "parley"); }));
    ws_.async_accept(req, beast::bind_front_handler(&WsSession::onAccept, shared_from_this()));
  }

  void send(Frame frame) override {
    net::post(ws_.get_executor(), [self = shared_from_this(), f = std::move(frame)]() mutable {
      if (self->closing_ || !self->replay.admitLive(*f)) return;
      auto limit = self->identity.role == ClientRole::Agent ? kMaxQueuedBytesAgent : kMaxQueuedBytesVisitor;
      if (self->queued_bytes_ + f->text.size() > limit) {
        spdlog::warn("closing slow websocket peer={} queued={} frames, {} bytes", self->peer_, self->queue_.size(),
                     self->queued_bytes_);
        // The frame being written must outlive its write: keep the front while a write is in flight.
        self->queue_.erase(self->queue_.begin() + (self->writing_ ? 1 : 0), self->queue_.end());
        self->queued_bytes_ = self->queue_.empty() ? 0 : self->queue_.front()->text.size();
        self->closing_ = true;
        beast::error_code ec;
        self->ws_.next_layer().close(ec);
        return;
      }
      self->queued_bytes_ += f->text.size();
      self->queue_.push_back(std::move(f));
      if (!self->writing_) self->writeNext();
    });
  }

  void sendReplayed(Frame frame) override {
    if (closing_) return;
    queued_bytes_ += frame->text.size();
    queue_.push_back(std::move(frame));
    if (!writing_) writeNext();
  }

  void close() override {
    net::post(ws_.get_executor(), [self = shared_from_this()] {
      if (self->closing_) return;
      self->closing_ = true;
      if (!self->writing_) self->doClose();
    });
  }

  const std::string& peerIp() const override { return peer_; }
  const std::string& origin() const override { return origin_; }
  const std::string& userAgent() const override { return ua_; }
  const std::string& host() const override { return host_; }

 private:
  void onAccept(beast::error_code ec) {
    if (ec) return;
    proto_.onOpen(shared_from_this());
    hello_timer_.expires_after(std::chrono::seconds(10));
    hello_timer_.async_wait([weak = weak_from_this()](beast::error_code ec) {
      auto self = weak.lock();
      if (ec || !self || self->authenticated) return;
      self->send(makeFrame(errorFrame("unauthorized", "no hello within 10 s")));
      self->close();
    });
    readNext();
  }

  void readNext() {
    ws_.async_read(buffer_, beast::bind_front_handler(&WsSession::onRead, shared_from_this()));
  }

  void onRead(beast::error_code ec, std::size_t) {
    if (ec) return finish(ec);
    if (!ws_.got_text()) {
      send(makeFrame(errorFrame("bad_json", "frames must be JSON text")));
    } else {
      auto data = buffer_.cdata();
      proto_.onFrame(shared_from_this(), std::string_view(static_cast<const char*>(data.data()), data.size()));
      // What hello needed is no longer needed: an idle socket should hold as little as possible.
      if (authenticated && !upgrade_headers_released_) {
        upgrade_headers_released_ = true;
        std::string().swap(origin_);
        std::string().swap(ua_);
        std::string().swap(host_);
      }
    }
    buffer_.consume(buffer_.size());
    // Most sockets sit idle between small frames; keeping a grown buffer costs every one of them.
    buffer_.shrink_to_fit();
    readNext();
  }

  void writeNext() {
    writing_ = true;
    ws_.text(true);
    ws_.async_write(net::buffer(queue_.front()->text), beast::bind_front_handler(&WsSession::onWrite, shared_from_this()));
  }

  void onWrite(beast::error_code ec, std::size_t) {
    writing_ = false;
    if (ec) {
      queue_.clear();  // no write is in flight any more
      queued_bytes_ = 0;
      return;
    }
    queued_bytes_ -= queue_.front()->text.size();
    queue_.pop_front();
    if (!queue_.empty()) return writeNext();
    if (closing_) doClose();
  }

  void doClose() {
    if (close_sent_) return;
    close_sent_ = true;
    ws_.async_close(websocket::close_code::policy_error, [self = shared_from_this()](beast::error_code) {});
  }

  void finish(beast::error_code ec) {
    hello_timer_.cancel();
    if (finished_) return;
    finished_ = true;
    if (ec == websocket::error::message_too_big)
      spdlog::info("websocket frame over {} bytes from {}", RealtimeProtocol::kMaxFrame, peer_);
    proto_.onClose(shared_from_this());
  }

  // A plain socket underneath: the websocket keeps its own timer for timeouts, and tcp_stream's
  // two timers and state would cost every idle socket ~0.4 KB for nothing.
  websocket::stream<tcp::socket> ws_;
  AppContext& ctx_;
  RealtimeProtocol& proto_;
  std::string peer_, origin_, ua_, host_;
  beast::flat_buffer buffer_;
  std::deque<Frame> queue_;
  std::size_t queued_bytes_ = 0;
  bool writing_ = false;
  bool closing_ = false;
  bool close_sent_ = false;
  bool finished_ = false;
  bool upgrade_headers_released_ = false;
  net::steady_timer hello_timer_;
};

bool isUploadPath(std::string_view target) {
  auto q = target.find('?');
  auto path = target.substr(0, q);
  return path.size() >= 8 && path.substr(path.size() - 8) == "/uploads";
}

class HttpSession final : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket&& socket, AppContext& ctx, Router& router, RealtimeProtocol& proto)
      : stream_(std::move(socket)), ctx_(ctx), router_(router), proto_(proto) {
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
      stream_.expires_never();
      auto client = clientIp(peer_, req["X-Forwarded-For"], ctx_.config.trusted_proxies);
      std::make_shared<WsSession>(stream_.release_socket(), ctx_, proto_, client)->start(std::move(req));
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
  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  net::signal_set signals{ioc, SIGINT, SIGTERM};

  Impl(AppContext& c, Router& r, RealtimeProtocol& p) : ctx(c), router(r), proto(p), ioc(c.config.threads) {}

  void accept() {
    acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
      if (ec == net::error::operation_aborted) return;
      if (!ec) {
        socket.set_option(tcp::no_delay(true), ec);
        std::make_shared<HttpSession>(std::move(socket), ctx, router, proto)->start();
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
    impl_->ioc.stop();
  });
}

}  // namespace parley
