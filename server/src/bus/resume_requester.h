// The gap repair of the Redis bus (redis_bus.h, "The gap notice"): when this node may have missed
// frames of other nodes, every signed-in socket on it is asked to resume, as after a reconnect.
//
// Why the client resumes and not the server: only the client knows what it has applied. A socket's
// frames from different nodes arrive out of order (another node's older offset may come after this
// node's newer one), so "the last offset this socket was sent" is not a safe place to replay from;
// the dashboard keeps the offset up to which it applied *everything* (resumeCursor.ts) and the
// widget the seq up to which it has every message, and both drop what they already have. A resume
// goes through the same tested path as a reconnect (ReplayFilter, resume.done). Presence and typing
// are ephemeral and not repaired.
//
// Contract: request() may be called from any thread (the bus's subscriber thread) and returns at
// once; the frames go out on the thread `post` runs work on. Requests that come while one is still
// waiting there are folded into it: a flapping Redis asks each socket once per burst, not once per
// notice.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>

namespace parley {

class Hub;

class ResumeRequester {
 public:
  using Post = std::function<void(std::function<void()>)>;
  ResumeRequester(Hub& hub, Post post) : hub_(hub), post_(std::move(post)) {}

  void request();
  // Sends {"type":"resume.needed","reason":"bus_gap"} to every agent and visitor socket on this
  // node now; returns how many were asked.
  std::size_t requestNow();
  std::uint64_t requests() const { return requests_.load(); }

 private:
  Hub& hub_;
  Post post_;
  std::atomic<bool> waiting_{false};
  std::atomic<std::uint64_t> requests_{0};
};

}  // namespace parley
