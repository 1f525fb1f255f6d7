#include "http/websocket_session.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <spdlog/spdlog.h>

#include <cstring>

#include "http/websocket_sweeper.h"

namespace parley {

namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// A socket this far behind is closed (it resumes). Agents get more room: a burst of visitors coming
// online (say, after a restart) sends every agent one presence frame per visitor at once.
constexpr std::size_t kMaxQueuedBytesVisitor = 1 << 20;
constexpr std::size_t kMaxQueuedBytesAgent = 32 << 20;

// One read buffer per I/O thread, shared by every socket it serves: it holds a whole frame of the
// largest size plus what may follow it.
constexpr std::size_t kReadBuffer = 4 * RealtimeProtocol::kMaxFrame;
// Reads per readiness before giving other sockets a turn.
constexpr int kReadsPerWakeup = 4;

char* threadReadBuffer() {
  thread_local std::unique_ptr<char[]> buf(new char[kReadBuffer]);
  return buf.get();
}

}  // namespace

WebSocketSession::WebSocketSession(tcp::socket&& socket, RealtimeProtocol& proto, WebSocketSweeper& sweeper,
                                   WebSocketUpgrade&& up)
    : socket_(std::move(socket)),
      proto_(proto),
      sweeper_(sweeper),
      peer_(std::move(up.peer_ip)),
      origin_(std::move(up.origin)),
      ua_(std::move(up.user_agent)),
      host_(std::move(up.host)),
      partial_(std::move(up.leftover)) {
  out_ = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nServer: parley\r\n"
         "Sec-WebSocket-Accept: " + up.accept_key + "\r\n\r\n";
}

WebSocketSession::~WebSocketSession() { sweeper_.remove(this); }

bool WebSocketSession::onStrand() {
  auto* strand = socket_.get_executor().target<net::strand<net::io_context::executor_type>>();
  return strand && strand->running_in_this_thread();
}

void WebSocketSession::start() {
  net::dispatch(socket_.get_executor(), [self = shared_from_this()] {
    boost::system::error_code ec;
    self->socket_.non_blocking(true, ec);
    self->proto_.onOpen(self);
    self->sweeper_.add(self.get());
    self->writeOut();  // the 101
    if (!self->partial_.empty()) return self->onReadable({});
    self->waitReadable();
  });
}

// --- reading -------------------------------------------------------------------------------------

void WebSocketSession::waitReadable() {
  socket_.async_wait(tcp::socket::wait_read,
                     [self = shared_from_this()](const boost::system::error_code& ec) { self->onReadable(ec); });
}

void WebSocketSession::onReadable(const boost::system::error_code& wait_ec) {
  if (wait_ec || dead_) {
    kill();
    return finish();
  }
  idle_ticks.store(0, std::memory_order_relaxed);
  in_read_ = true;
  readAvailable();
  in_read_ = false;
  if (dead_) return finish();
  writeOut();
  waitReadable();
}

void WebSocketSession::readAvailable() {
  char* buf = threadReadBuffer();
  std::size_t have = partial_.size();
  if (have) {
    std::memcpy(buf, partial_.data(), have);
    std::string().swap(partial_);
  }
  for (int round = 0; round < kReadsPerWakeup; ++round) {
    boost::system::error_code ec;
    const std::size_t space = kReadBuffer - have;
    std::size_t n = socket_.read_some(net::buffer(buf + have, space), ec);
    if (ec == net::error::would_block || ec == net::error::try_again) {
      if (round == 0 && have == 0) break;
      ec = {};
    }
    if (ec) return kill();
    have += n;
    if (discard_input_) {
      have = 0;
    } else {
      const std::size_t left = parseFrames(buf, have);
      if (dead_) return;
      std::memmove(buf, buf + (have - left), left);
      have = left;
    }
    if (n < space) break;  // drained: spare the syscall that would say EAGAIN
  }
  if (have) partial_.assign(buf, have);
}

std::size_t WebSocketSession::parseFrames(char* buf, std::size_t size) {
  std::size_t pos = 0;
  while (pos < size && !discard_input_ && !dead_) {
    auto r = parseClientFrame(buf + pos, size - pos, RealtimeProtocol::kMaxFrame);
    if (r.status == WsParseResult::NeedMore) break;
    if (r.status == WsParseResult::Error) {
      if (r.close_code == ws_close::kTooBig)
        spdlog::info("websocket frame over {} bytes from {}", RealtimeProtocol::kMaxFrame, peer_);
      else
        spdlog::info("websocket protocol error from {}: {}", peer_, r.reason);
      discard_input_ = true;
      startClose(r.close_code, r.reason);
      finish();
      return 0;
    }
    pos += r.consumed;
    if (!onFrame(r.frame)) return 0;
  }
  return discard_input_ || dead_ ? 0 : size - pos;
}

bool WebSocketSession::onFrame(const WsFrame& f) {
  switch (f.opcode) {
    case WsOpcode::Text:
    case WsOpcode::Binary:
      if (fragmenting_) {
        discard_input_ = true;
        startClose(ws_close::kProtocolError, "expected a continuation frame");
        finish();
        return false;
      }
      if (f.fin) {
        deliverMessage(f.payload, f.opcode == WsOpcode::Text);
      } else {
        fragmenting_ = true;
        fragmented_text_ = f.opcode == WsOpcode::Text;
        fragments_.assign(f.payload);
      }
      return true;
    case WsOpcode::Continuation:
      if (!fragmenting_ || fragments_.size() + f.payload.size() > RealtimeProtocol::kMaxFrame) {
        const bool too_big = fragmenting_;
        discard_input_ = true;
        startClose(too_big ? ws_close::kTooBig : ws_close::kProtocolError,
                   too_big ? "message too big" : "unexpected continuation frame");
        finish();
        return false;
      }
      fragments_.append(f.payload);
      if (f.fin) {
        fragmenting_ = false;
        std::string msg;
        msg.swap(fragments_);
        deliverMessage(msg, fragmented_text_);
      }
      return true;
    case WsOpcode::Ping:
      if (!closing_) {
        appendServerFrame(out_, WsOpcode::Pong, f.payload);
        writeOut();
      }
      return true;
    case WsOpcode::Pong:
      return true;  // any byte already counted as life
    case WsOpcode::Close:
      // Answer with the same code, then wait for the peer to close TCP.
      discard_input_ = true;
      startClose(closeReplyCode(f.payload), {});
      finish();
      return false;
  }
  return true;
}

void WebSocketSession::deliverMessage(std::string_view text, bool is_text) {
  auto self = shared_from_this();
  if (!is_text) {
    send(makeFrame(errorFrame("bad_json", "frames must be JSON text")));
    return;
  }
  proto_.onFrame(self, text);
  if (authenticated.load(std::memory_order_relaxed)) releaseUpgradeHeaders();
}

void WebSocketSession::releaseUpgradeHeaders() {
  // What hello needed is no longer needed: an idle socket should hold as little as possible.
  if (released_headers_) return;
  released_headers_ = true;
  std::string().swap(origin_);
  std::string().swap(ua_);
  std::string().swap(host_);
}

// --- writing -------------------------------------------------------------------------------------

void WebSocketSession::send(Frame frame) {
  if (onStrand()) {
    flushInbox();  // keep the order of frames queued before this one
    enqueueLive(frame);
    return writeOut();
  }
  {
    std::lock_guard lock(inbox_mu_);
    inbox_.push_back(std::move(frame));
    if (flush_posted_) return;
    flush_posted_ = true;
  }
  net::post(socket_.get_executor(), [self = shared_from_this()] {
    self->flushInbox();
    self->writeOut();
  });
}

void WebSocketSession::flushInbox() {
  std::vector<Frame> frames;
  {
    std::lock_guard lock(inbox_mu_);
    frames.swap(inbox_);
    flush_posted_ = false;
  }
  for (const auto& f : frames) enqueueLive(f);
}

void WebSocketSession::enqueueLive(const Frame& f) {
  if (closing_ || !replay.admitLive(*f)) return;
  const auto limit = identity.role == ClientRole::Agent ? kMaxQueuedBytesAgent : kMaxQueuedBytesVisitor;
  const std::size_t queued = out_.size() + (writing_.size() - written_);
  if (queued + f->text.size() > limit) {
    spdlog::warn("closing slow websocket peer={} queued_bytes={}", peer_, queued);
    kill();
    net::post(socket_.get_executor(), [self = shared_from_this()] { self->finish(); });
    return;
  }
  appendFrame(f->text);
}

void WebSocketSession::sendReplayed(Frame frame) {
  if (closing_) return;
  appendFrame(frame->text);
  writeOut();
}

void WebSocketSession::appendFrame(std::string_view text) { appendServerFrame(out_, WsOpcode::Text, text); }

void WebSocketSession::writeOut() {
  // Frames produced while a read is being handled (answers to a burst of frames) leave in one
  // write when the read is done.
  if (in_read_) return;
  while (!write_pending_ && !dead_) {
    if (writing_.empty()) {
      if (out_.empty()) return;
      writing_.swap(out_);
      written_ = 0;
    }
    // Try the write now: a socket with room in its send buffer takes it at once, with no
    // operation parked in the reactor.
    boost::system::error_code ec;
    const std::size_t n = socket_.write_some(net::buffer(writing_.data() + written_, writing_.size() - written_), ec);
    if (ec && ec != net::error::would_block && ec != net::error::try_again) {
      kill();
      net::post(socket_.get_executor(), [self = shared_from_this()] { self->finish(); });
      return;
    }
    written_ += n;
    if (written_ < writing_.size()) {
      write_pending_ = true;
      net::async_write(socket_, net::buffer(writing_.data() + written_, writing_.size() - written_),
                       [self = shared_from_this()](const boost::system::error_code& ec, std::size_t) {
                         self->onWritten(ec);
                       });
      return;
    }
    // An idle socket keeps no write buffer.
    std::string().swap(writing_);
    written_ = 0;
    if (out_.empty() && close_queued_) {
      close_queued_ = false;
      socket_.shutdown(tcp::socket::shutdown_send, ec);
    }
  }
}

void WebSocketSession::onWritten(const boost::system::error_code& ec) {
  write_pending_ = false;
  std::string().swap(writing_);
  written_ = 0;
  if (ec) {
    kill();
    return finish();
  }
  if (out_.empty() && close_queued_) {
    close_queued_ = false;
    boost::system::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
    return;
  }
  writeOut();
}

// --- closing -------------------------------------------------------------------------------------

void WebSocketSession::startClose(std::uint16_t code, std::string_view reason) {
  if (closing_ || dead_) return;
  closing_ = true;
  appendCloseFrame(out_, code, reason);
  close_queued_ = true;
  close_sent.store(true, std::memory_order_relaxed);
  writeOut();
}

void WebSocketSession::close() {
  net::post(socket_.get_executor(), [self = shared_from_this()] {
    self->flushInbox();
    self->startClose(ws_close::kPolicyViolation, {});
  });
}

void WebSocketSession::kill() {
  if (dead_) return;
  dead_ = true;
  closing_ = true;
  std::string().swap(out_);
  boost::system::error_code ec;
  socket_.close(ec);  // aborts the pending wait and write; their handlers see operation_aborted
}

void WebSocketSession::finish() {
  if (finished_) return;
  finished_ = true;
  proto_.onClose(shared_from_this());
}

void WebSocketSession::onSweep(unsigned idle_ticks_now, std::int64_t now_ms) {
  net::post(socket_.get_executor(), [self = shared_from_this(), idle_ticks_now, now_ms] {
    if (self->dead_) return;
    if (self->close_sent.load(std::memory_order_relaxed)) {
      self->kill();
      return self->finish();
    }
    if (!self->authenticated.load() && now_ms - self->connected_at >= self->sweeper_.helloDeadlineMs()) {
      self->enqueueLive(makeFrame(errorFrame("unauthorized", "no hello in time")));
      return self->startClose(ws_close::kPolicyViolation, "no hello");
    }
    if (idle_ticks_now >= WebSocketSweeper::kDropAfterTicks) {
      spdlog::info("websocket peer={} silent for {} ms: dropped", self->peer_,
                   idle_ticks_now * self->sweeper_.tick().count());
      self->kill();
      return self->finish();
    }
    if (idle_ticks_now == WebSocketSweeper::kPingAfterTicks) {
      appendServerFrame(self->out_, WsOpcode::Ping, {});
      self->writeOut();
    }
  });
}

}  // namespace parley
