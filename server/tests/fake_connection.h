// A Connection without a socket, for tests of the realtime layer and the buses: it records every
// frame it is sent (live frames through its ReplayFilter, as WebSocketSession does)
// and how it was closed. Thread-safe: buses deliver from their own threads.
#pragma once

#include <boost/json.hpp>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "bus/connection.h"

namespace parley::test {

class FakeConnection final : public Connection {
 public:
  explicit FakeConnection(std::string origin = {}, std::string host = "chat.test")
      : origin_(std::move(origin)), host_(std::move(host)) {}

  void send(Frame f) override {
    if (!replay.admitLive(*f)) return;
    push(std::move(f));
  }
  void sendReplayed(Frame f) override { push(std::move(f)); }
  void close() override { end(1008, {}); }
  void end(std::uint16_t code, std::string) override {
    std::lock_guard l(mu_);
    close_code_ = code;
    cv_.notify_all();
  }
  const std::string& peerIp() const override { return peer_; }
  const std::string& origin() const override { return origin_; }
  const std::string& userAgent() const override { return ua_; }
  const std::string& host() const override { return host_; }

  // The next frame of this type (earlier ones are dropped), or nullopt after a second.
  std::optional<boost::json::object> next(const std::string& type) {
    std::unique_lock l(mu_);
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    for (;;) {
      while (!frames_.empty()) {
        auto f = boost::json::parse(frames_.front()->text).as_object();
        frames_.pop_front();
        if (f.at("type").as_string() == type) return f;
      }
      if (cv_.wait_until(l, until) == std::cv_status::timeout && frames_.empty()) return std::nullopt;
    }
  }
  // Waits until `count` frames are pending or the timeout passes, then hands over (and forgets)
  // every pending frame, in arrival order.
  std::vector<Frame> take(std::size_t count, std::chrono::milliseconds timeout) {
    std::unique_lock l(mu_);
    cv_.wait_for(l, timeout, [&] { return frames_.size() >= count; });
    std::vector<Frame> out(frames_.begin(), frames_.end());
    frames_.clear();
    return out;
  }
  std::size_t pending() {
    std::lock_guard l(mu_);
    return frames_.size();
  }
  int closeCode() {
    std::lock_guard l(mu_);
    return close_code_;
  }

 private:
  void push(Frame f) {
    std::lock_guard l(mu_);
    frames_.push_back(std::move(f));
    cv_.notify_all();
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Frame> frames_;
  int close_code_ = 0;
  std::string peer_ = "203.0.113.9", origin_, ua_ = "test", host_;
};

}  // namespace parley::test
