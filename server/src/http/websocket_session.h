// The server side of one WebSocket, on a plain Asio socket (no Beast stream): an idle socket waits
// for readability with no buffer and no composed operation pending, and reads into a buffer shared
// by the thread. What an idle socket costs is this object, Asio's descriptor state and one pending
// wait (about 1 KB in all, against ~8 KB with Beast's websocket::stream). Outgoing frames are
// encoded into one byte string and written with one syscall per batch, not one per frame.
#pragma once

#include <boost/asio/ip/tcp.hpp>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "http/websocket_frame.h"
#include "bus/connection.h"
#include "security/connection_limiter.h"
#include "security/websocket_limits.h"
#include "realtime/realtime_protocol.h"

namespace parley {

class SocketMemoryBudget;
class WebSocketSweeper;
class WsMessageAssembler;

// What the HTTP layer read from the upgrade request; it has already checked that it is one.
struct WebSocketUpgrade {
  std::string accept_key;  // Sec-WebSocket-Accept to answer with
  std::string peer_ip, origin, user_agent, host;
  std::string leftover;    // bytes read past the request (a client may send a frame right away)
  ConnectionSlot slot;     // the HTTP connection's slot, held until the socket is gone
};

class WebSocketSession final : public Connection, public std::enable_shared_from_this<WebSocketSession> {
 public:
  WebSocketSession(boost::asio::ip::tcp::socket&& socket, RealtimeProtocol& proto, WebSocketSweeper& sweeper,
                   SocketMemoryBudget& budget, const WebSocketLimits& limits, WebSocketUpgrade&& up);
  ~WebSocketSession() override;

  // Writes the 101 answer, then reads frames.
  void start();

  void send(Frame frame) override;
  void sendReplayed(Frame frame) override;
  void close() override;
  void end(std::uint16_t code, std::string reason) override;
  const std::string& peerIp() const override { return peer_; }
  const std::string& origin() const override { return origin_; }
  const std::string& userAgent() const override { return ua_; }
  const std::string& host() const override { return host_; }

  // Called by the sweeper (on its own thread) for sockets that need a ping, a deadline or a kill.
  void onSweep(unsigned idle_ticks, std::int64_t now_ms);
  // Read by the sweeper without the strand.
  std::atomic<std::uint16_t> idle_ticks{0};
  std::atomic<std::uint8_t> closing_ticks{0};
  std::atomic<bool> close_sent{false};
  std::atomic<std::int64_t> partial_since{0};  // when the incomplete frame in partial_ began; 0: none
  WebSocketSession* sweep_prev = nullptr;  // the sweeper's intrusive list, under its lock
  WebSocketSession* sweep_next = nullptr;

 private:
  void waitReadable();
  void onReadable(const boost::system::error_code& ec);
  void readAvailable();
  // Parses what is in buf[0, size); returns the bytes of an incomplete frame left at the end.
  std::size_t parseFrames(char* buf, std::size_t size);
  bool onStrand();
  bool onFrame(const WsFrame& frame);
  void deliverMessage(std::string_view text, bool is_text);
  void releaseUpgradeHeaders();

  void enqueueLive(const Frame& f);
  // Queues a ping or pong; like every other frame it counts toward the socket's cap.
  void queueControl(WsOpcode opcode, std::string_view payload);
  // False (and the socket is being closed) when `more` bytes would break a cap.
  bool makeRoom(std::size_t more);
  std::size_t queuedBytes() const { return out_.size() + (writing_.size() - written_); }
  // Reports what the socket holds to the server-wide budget.
  void account();
  void flushInbox();
  void appendFrame(std::string_view text);
  void writeOut();
  void writeSome();
  void onWritten(const boost::system::error_code& ec);
  void startClose(std::uint16_t code, std::string_view reason);
  void kill();
  void finish();

  boost::asio::ip::tcp::socket socket_;  // its executor is the session's strand
  RealtimeProtocol& proto_;
  WebSocketSweeper& sweeper_;
  SocketMemoryBudget& budget_;
  const WebSocketLimits& limits_;  // ServerConfig::websocket, outlives every socket
  ConnectionSlot slot_;
  std::size_t accounted_ = 0;  // bytes last reported to budget_
  // What /metrics last heard from this socket (observability/metrics_registry.h).
  ClientRole counted_role_ = ClientRole::None;
  std::size_t accounted_queue_ = 0;
  std::string peer_, origin_, ua_, host_;
  std::string partial_;   // an incomplete frame left over between reads (usually empty)
  std::unique_ptr<WsMessageAssembler> assembler_;  // only while a message comes in fragments (rare)
  std::string out_;       // encoded frames waiting for the write in flight
  std::string writing_;   // encoded frames being written
  std::size_t written_ = 0;
  // Frames from other threads; one post drains them all (a batch of N messages to an agent costs
  // one hand-off and one write, not N).
  std::mutex inbox_mu_;
  std::vector<Frame> inbox_;
  bool flush_posted_ = false;
  bool close_queued_ = false;  // our close frame is in out_ or writing_: shut down after it
  bool write_pending_ = false;
  bool closing_ = false;   // no more frames accepted; a close frame is queued or the socket is dead
  bool discard_input_ = false;  // after a protocol error or the peer's close: read only to see EOF
  bool dead_ = false;           // the socket is closed
  bool finished_ = false;
  bool released_headers_ = false;
  bool in_read_ = false;  // writes wait until the frames of this read are handled
  // Reading stops while the peer is not taking what we send: a client that sends pings (or
  // anything that is answered) and never reads cannot make the answers pile up.
  bool read_paused_ = false;
};

}  // namespace parley
