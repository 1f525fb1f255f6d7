#include "http/websocket_session.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <spdlog/spdlog.h>

#include <cstring>

#include "domain/clock.h"
#include "http/socket_memory_budget.h"
#include "http/websocket_message.h"
#include "http/websocket_sweeper.h"
#include "observability/metrics_registry.h"
#include "security/log_throttle.h"

namespace parley {

namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// One read buffer per I/O thread, shared by every socket it serves: it holds a whole frame of the
// largest size plus what may follow it.
std::size_t readBufferSize(const WebSocketLimits& limits) { return 4 * limits.max_message; }
// Reads per readiness before giving other sockets a turn.
constexpr int kReadsPerWakeup = 4;

LogThrottle slow_peer_log{10'000};

// parley_open_sockets{role=...}: a socket counts as "pending" until its hello names it.
MetricGauge& openSocketsGauge(ClientRole role) {
  auto& m = serverMetrics();
  return role == ClientRole::Agent ? m.sockets_agent : role == ClientRole::Visitor ? m.sockets_visitor : m.sockets_pending;
}

char* threadReadBuffer(std::size_t size) {
  thread_local std::unique_ptr<char[]> buf;
  thread_local std::size_t have = 0;
  if (have != size) {  // once per thread: every socket of a server has the same limits
    buf.reset(new char[size]);
    have = size;
  }
  return buf.get();
}

}  // namespace

WebSocketSession::WebSocketSession(tcp::socket&& socket, RealtimeProtocol& proto, WebSocketSweeper& sweeper,
                                   SocketMemoryBudget& budget, const WebSocketLimits& limits, WebSocketUpgrade&& up)
    : socket_(std::move(socket)),
      proto_(proto),
      sweeper_(sweeper),
      budget_(budget),
      limits_(limits),
      slot_(std::move(up.slot)),
      peer_(std::move(up.peer_ip)),
      origin_(std::move(up.origin)),
      ua_(std::move(up.user_agent)),
      host_(std::move(up.host)),
      partial_(std::move(up.leftover)) {
  out_ = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nServer: parley\r\n"
         "Sec-WebSocket-Accept: " + up.accept_key + "\r\n\r\n";
  openSocketsGauge(counted_role_).add(1);
  serverMetrics().http_responses.count(101);
}

WebSocketSession::~WebSocketSession() {
  sweeper_.remove(this);
  budget_.add(-static_cast<std::int64_t>(accounted_));
  openSocketsGauge(counted_role_).add(-1);
  serverMetrics().send_queue_bytes.add(-static_cast<std::int64_t>(accounted_queue_));
}

void WebSocketSession::account() {
  // The metrics follow what the budget follows: the role once hello set it, the bytes waiting to go.
  if (identity.role != counted_role_) {
    openSocketsGauge(counted_role_).add(-1);
    counted_role_ = identity.role;
    openSocketsGauge(counted_role_).add(1);
  }
  if (const std::size_t queued = queuedBytes(); queued != accounted_queue_) {
    serverMetrics().send_queue_bytes.add(static_cast<std::int64_t>(queued) - static_cast<std::int64_t>(accounted_queue_));
    accounted_queue_ = queued;
  }
  std::size_t held = out_.size() + writing_.size() + partial_.size();
  if (assembler_) held += assembler_->heldBytes();
  if (held == accounted_) return;
  budget_.add(static_cast<std::int64_t>(held) - static_cast<std::int64_t>(accounted_));
  accounted_ = held;
}

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
  if (dead_) return;
  account();
  if (write_pending_) {
    read_paused_ = true;  // onWritten reads again once the peer has taken our answers
    return;
  }
  waitReadable();
}

void WebSocketSession::readAvailable() {
  char* buf = threadReadBuffer(readBufferSize(limits_));
  std::size_t have = partial_.size();
  if (have) {
    std::memcpy(buf, partial_.data(), have);
    std::string().swap(partial_);
  }
  bool progressed = false;  // a frame was completed: a partial one left now is a new one
  for (int round = 0; round < kReadsPerWakeup; ++round) {
    boost::system::error_code ec;
    const std::size_t space = readBufferSize(limits_) - have;
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
      if (left < have) progressed = true;
      std::memmove(buf, buf + (have - left), left);
      have = left;
    }
    if (n < space) break;  // drained: spare the syscall that would say EAGAIN
  }
  if (have) {
    // A frame left incomplete must be finished soon (the sweeper enforces it) and counts toward
    // the server-wide budget like queued output.
    if (progressed || partial_since.load(std::memory_order_relaxed) == 0)
      partial_since.store(nowMillis(), std::memory_order_relaxed);
    if (!budget_.hasRoomFor(have)) {
      if (auto quiet = slow_peer_log.occurred(nowMillis()))
        spdlog::warn("websocket peer={}: socket buffers over budget, closed ({} more since)", peer_, *quiet);
      return kill();
    }
    partial_.assign(buf, have);
  } else {
    partial_since.store(0, std::memory_order_relaxed);
  }
}

std::size_t WebSocketSession::parseFrames(char* buf, std::size_t size) {
  std::size_t pos = 0;
  while (pos < size && !discard_input_ && !dead_) {
    auto r = parseClientFrame(buf + pos, size - pos, limits_.max_message);
    if (r.status == WsParseResult::NeedMore) break;
    if (r.status == WsParseResult::Error) {
      if (r.close_code == ws_close::kTooBig)
        spdlog::info("websocket frame over {} bytes from {}", limits_.max_message, peer_);
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
    case WsOpcode::Continuation: {
      // Most messages are one frame: the assembler (and its buffers) exists only while a message
      // arrives in fragments.
      if (!assembler_ && !(f.fin && f.opcode != WsOpcode::Continuation))
        assembler_ = std::make_unique<WsMessageAssembler>(limits_.max_message);
      auto r = assembler_ ? assembler_->onDataFrame(f) : WsMessageAssembler::whole(f, limits_.max_message);
      if (r.kind == WsMessageResult::Error) {
        if (r.close_code == ws_close::kInvalidPayload) spdlog::info("websocket text that is not UTF-8 from {}", peer_);
        assembler_.reset();
        discard_input_ = true;
        startClose(r.close_code, r.reason);
        finish();
        return false;
      }
      if (r.kind == WsMessageResult::Message) {
        deliverMessage(r.data, r.is_text);
        if (assembler_ && !assembler_->midMessage()) assembler_.reset();
      }
      return true;
    }
    case WsOpcode::Ping:
      queueControl(WsOpcode::Pong, f.payload);
      return !dead_;
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

bool WebSocketSession::makeRoom(std::size_t more) {
  const std::size_t queued = queuedBytes();
  const auto role = identity.role;
  // A socket this far behind is closed (it resumes). Agents get more room: a burst of visitors
  // coming online (say, after a restart) sends every agent one presence frame per visitor at once.
  const std::size_t cap = role == ClientRole::Agent     ? limits_.queued_agent
                          : role == ClientRole::Visitor ? limits_.queued_visitor
                                                        : limits_.queued_before_hello;
  if (queued + more <= cap && budget_.admits(queued, more)) return true;
  if (auto quiet = slow_peer_log.occurred(nowMillis()))
    spdlog::warn("closing slow websocket peer={} queued_bytes={} ({} more closed since the last report)", peer_,
                 queued, *quiet);
  kill();
  net::post(socket_.get_executor(), [self = shared_from_this()] { self->finish(); });
  return false;
}

void WebSocketSession::enqueueLive(const Frame& f) {
  if (closing_ || !replay.admitLive(*f)) return;
  if (!makeRoom(f->text.size() + 14)) return;
  appendFrame(f->text);
}

void WebSocketSession::queueControl(WsOpcode opcode, std::string_view payload) {
  if (closing_ || !makeRoom(payload.size() + 2)) return;
  appendServerFrame(out_, opcode, payload);
  writeOut();
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
  writeSome();
  if (!dead_) account();
}

void WebSocketSession::writeSome() {
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
  if (ec || dead_) {
    kill();
    return finish();
  }
  if (out_.empty() && close_queued_) {
    close_queued_ = false;
    boost::system::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
  } else {
    writeOut();
  }
  account();
  if (read_paused_ && !write_pending_ && !dead_) {
    read_paused_ = false;
    waitReadable();
  }
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

void WebSocketSession::end(std::uint16_t code, std::string reason) {
  net::post(socket_.get_executor(), [self = shared_from_this(), code, reason = std::move(reason)] {
    self->flushInbox();
    self->startClose(code, reason);
  });
}

void WebSocketSession::kill() {
  if (dead_) return;
  dead_ = true;
  closing_ = true;
  std::string().swap(out_);
  std::string().swap(partial_);
  assembler_.reset();
  partial_since.store(0, std::memory_order_relaxed);
  boost::system::error_code ec;
  socket_.close(ec);  // aborts the pending wait and write; their handlers see operation_aborted
  // writing_ stays until the aborted write's handler runs (Asio may still read it); then the
  // destructor gives the rest back to the budget.
  account();
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
    if (auto since = self->partial_since.load(std::memory_order_relaxed);
        since != 0 && now_ms - since >= self->sweeper_.partialFrameDeadlineMs()) {
      spdlog::info("websocket peer={} left a frame unfinished: closed", self->peer_);
      self->kill();
      return self->finish();
    }
    if (idle_ticks_now >= WebSocketSweeper::kDropAfterTicks) {
      spdlog::info("websocket peer={} silent for {} ms: dropped", self->peer_,
                   idle_ticks_now * self->sweeper_.tick().count());
      self->kill();
      return self->finish();
    }
    if (idle_ticks_now == WebSocketSweeper::kPingAfterTicks) self->queueControl(WsOpcode::Ping, {});
  });
}

}  // namespace parley
