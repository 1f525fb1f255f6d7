// One timer for every WebSocket instead of one or two per socket (what Beast keeps): every tick
// (5 s by default) it ages each socket's silence and asks the few that need it to act: a socket
// without hello after 2 ticks is refused, one silent for 6 ticks is pinged, one silent for 12 is
// dropped (its peer is gone), one whose close went unanswered for two ticks is closed hard.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>

namespace parley {

class WebSocketSession;

class WebSocketSweeper {
 public:
  static constexpr std::chrono::milliseconds kDefaultTick{5000};
  static constexpr unsigned kHelloDeadlineTicks = 2;  // 10 s
  static constexpr unsigned kPingAfterTicks = 6;      // 30 s of silence
  static constexpr unsigned kDropAfterTicks = 12;     // 60 s of silence
  static constexpr unsigned kCloseGraceTicks = 2;
  static constexpr unsigned kPartialFrameTicks = 2;   // a frame begun must be finished in 10 s

  explicit WebSocketSweeper(std::chrono::milliseconds tick = kDefaultTick) : tick_(tick) {}
  std::chrono::milliseconds tick() const { return tick_; }
  std::int64_t helloDeadlineMs() const { return tick_.count() * kHelloDeadlineTicks; }
  std::int64_t partialFrameDeadlineMs() const { return tick_.count() * kPartialFrameTicks; }


  void add(WebSocketSession* s);
  void remove(WebSocketSession* s);
  void start(boost::asio::any_io_executor ex);
  void stop();
  // Drops the timer; call before the I/O context goes away (the sweeper itself must outlive the
  // sessions, which unlink themselves when the context destroys them).
  void shutdown();

 private:
  void arm();
  void sweep();

  std::mutex mu_;
  WebSocketSession* head_ = nullptr;
  std::chrono::milliseconds tick_;
  std::optional<boost::asio::steady_timer> timer_;
  bool stopped_ = false;
};

}  // namespace parley
