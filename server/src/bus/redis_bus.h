// Fan-out between nodes over Redis pub/sub (issue 12, item 4). Contract:
//
// - publish(topic, frame) delivers the frame to this node's hub at once, on the caller's thread,
//   exactly as LocalBus does: a node's own sockets never depend on Redis. It then enqueues the
//   frame for the other nodes and returns; it never waits for Redis. The frame's bytes are shared,
//   not copied, until the publisher thread encodes them into its PUBLISH batch.
// - The publisher thread owns one connection and sends the queue in pipelined batches of PUBLISH on
//   `<prefix><topic>`. The payload carries this node's id and a per-node sequence number, then the
//   frame's resume keys (conversation, seq, offset) and its text. An end frame (OutFrame::close_code:
//   an erased visitor's sockets) goes the same way with a first byte of its own; each node's hub
//   then closes the topic's sockets with its code.
// - The subscriber thread owns a second connection (PSUBSCRIBE `<prefix>*`), delivers frames of
//   OTHER nodes to the local hub in the order that node published them, and skips its own echoes.
// - Redis is never the source of truth: the event log is. So every overload ends in a dropped
//   frame, counted and logged (throttled), never in a blocked caller: a full queue, a payload over
//   the limit, a batch in flight when the connection broke. A dropped frame costs a live update,
//   never a message; the gap is repaired from the event log (below).
// - Both connections reconnect by themselves with capped exponential backoff (plus jitter, so that
//   many nodes do not reconnect in step). Frames queued while the publisher is down stay queued up
//   to the queue's limit and go out after it reconnects, unless they waited longer than
//   max_queue_age (then they are dropped: late is worse than repaired).
// - stop() (and the destructor) ends both threads promptly whether Redis is up, down or hanging:
//   at most about one connect or I/O timeout (1 s each by default); at once when Redis is down.
//   Frames still queued then are dropped.
//
// The gap notice: the callback given to onResubscribed() is called, on the subscriber thread,
// whenever this node may have missed frames of other nodes:
//   - the subscription came back after a drop (Redis restart, network blip), or was established
//     only after failed attempts (Redis was down when this node started);
//   - a frame from another node skipped sequence numbers (that node dropped frames: its queue was
//     full, its connection broke mid-batch, or a frame was over the payload limit); seen when that
//     node's next frame arrives.
// What a listener must do: repair from the store, not from Redis. `serve` asks every signed-in
// socket of the node to resume (bus/resume_requester.h): the client resumes from what it has
// applied (not "the last offset this socket was sent": frames of different nodes arrive out of
// order) and drops what it already has. Presence and typing frames are ephemeral and are not
// repaired (presence is re-read from Redis every second, bus/redis_presence_sync.h). The
// listener must return quickly (post the work to another thread): frames from other nodes wait
// behind it. It must not call stop() or destroy the bus.
//
// Limits, all in RedisBusOptions: the queue (frames), the payload size, the batch size, the
// backoff range, the connect and I/O timeouts, the heartbeat. URL: redis://HOST[:PORT] (no
// password, no database number: pub/sub ignores the database, and Redis here is on a private
// network next to the nodes).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "bus/bus.h"
#include "bus/connection.h"

namespace parley {

class Hub;

struct RedisBusOptions {
  std::string url = "redis://127.0.0.1:6379";
  // Channels are `<prefix><topic>`; one Redis can serve several installations (or tests) with
  // different prefixes. No glob characters (* ? [ ] \): the subscription is a pattern.
  std::string channel_prefix = "parley:";
  // Frames waiting for the publisher. 65,536 frames is seconds of the heaviest load measured on
  // one node (docs/benchmarks.md) and, at ~1 KB a frame, ~64 MB at worst; past it frames are dropped.
  std::size_t max_queued_frames = 65536;
  // A frame that waited longer than this for the publisher (Redis was down) is dropped rather than
  // sent late: after an outage the others repair from the event log, and a stale typing or
  // presence frame would only mislead.
  std::chrono::milliseconds max_queue_age{5000};
  // Frames larger than this go to local sockets only (and count as a gap for the other nodes).
  // A message frame is bounded by the text limits far below this; 1 MiB leaves room for a large
  // presence.visitors batch.
  std::size_t max_payload_bytes = 1 << 20;
  // PUBLISH commands pipelined per round trip, and their bytes (at least one frame per batch).
  std::size_t max_batch_frames = 256;
  std::size_t max_batch_bytes = 4 << 20;
  std::chrono::milliseconds backoff_initial{50};
  std::chrono::milliseconds backoff_max{2000};
  std::chrono::milliseconds connect_timeout{1000};
  std::chrono::milliseconds io_timeout{1000};
  // The subscriber pings an idle connection this often and gives it up after three silent
  // intervals: a dead peer behind a silent network is found within ~15 s.
  std::chrono::milliseconds heartbeat{5000};
};

class RedisBus final : public Bus {
 public:
  // Counters since construction, for logs, tests and later metrics.
  struct Stats {
    std::uint64_t published = 0;            // frames Redis accepted from this node
    std::uint64_t dropped_queue_full = 0;   // refused at publish(): the queue was full
    std::uint64_t dropped_too_large = 0;    // over max_payload_bytes: local sockets only
    std::uint64_t lost_in_flight = 0;       // in a batch when the publishing connection broke
    std::uint64_t dropped_stale = 0;        // waited longer than max_queue_age (Redis was down)
    std::uint64_t dropped_at_stop = 0;      // still queued when stop() was called
    std::uint64_t received = 0;             // frames of other nodes delivered to the local hub
    std::uint64_t own_echoes = 0;           // this node's frames coming back, skipped
    std::uint64_t malformed = 0;            // payloads that were not ours, skipped
    std::uint64_t gaps = 0;                 // sequence gaps seen in other nodes' frames
    std::uint64_t subscriptions = 0;        // PSUBSCRIBE confirmations, the first one included
    std::uint64_t resubscribed_notices = 0; // calls of the onResubscribed listener
    std::uint64_t publisher_connects = 0;   // successful connections of the publisher
  };
  using ResubscribedListener = std::function<void()>;

  // Starts both threads; connecting happens on them, so a Redis that is down does not stop the
  // node from starting (see the gap notice above). Throws std::invalid_argument on a bad URL or
  // prefix.
  RedisBus(Hub& hub, RedisBusOptions options);
  ~RedisBus() override;
  RedisBus(const RedisBus&) = delete;
  RedisBus& operator=(const RedisBus&) = delete;

  void publish(const std::string& topic, const Frame& frame) override;

  // Safe from any thread, at any time; replaces the previous listener.
  void onResubscribed(ResubscribedListener listener);
  // Ends both threads; idempotent. After it, publish() still delivers locally.
  void stop();

  Stats stats() const;
  bool subscribed() const { return subscribed_.load(); }
  // Random per instance, in hex: a restarted node is a new node to the others.
  std::string nodeId() const;

 private:
  struct Queued {
    std::string topic;
    Frame frame;
    std::uint64_t node_seq;
    std::chrono::steady_clock::time_point queued_at;
  };

  void publisherLoop();
  void subscriberLoop();
  // Waits out the backoff unless stopping; false when stopping.
  bool backoff(std::chrono::milliseconds& delay);
  void notifyResubscribed();
  void warnDropped(const char* why);

  Hub& hub_;
  const RedisBusOptions options_;
  std::string host_;
  int port_ = 6379;
  const std::uint64_t node_id_;  // in every payload

  // Callers -> publisher thread.
  std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::deque<Queued> queue_;
  std::uint64_t next_node_seq_ = 0;  // under queue_mu_; every frame takes one, dropped or not
  bool stopping_ = false;           // under queue_mu_; mirrored in stop_flag_ for the subscriber
  std::condition_variable stop_cv_;  // with queue_mu_: ends a backoff wait at once on stop()

  std::atomic<bool> stop_flag_{false};
  int wake_fd_ = -1;  // eventfd: wakes the subscriber's poll() on stop()
  std::atomic<bool> subscribed_{false};

  std::mutex listener_mu_;
  ResubscribedListener listener_;

  std::atomic<std::int64_t> last_warning_ms_{0};
  struct Counters {
    std::atomic<std::uint64_t> published{0}, dropped_queue_full{0}, dropped_too_large{0}, lost_in_flight{0},
        dropped_stale{0}, dropped_at_stop{0}, received{0}, own_echoes{0}, malformed{0}, gaps{0}, subscriptions{0},
        resubscribed_notices{0}, publisher_connects{0};
  } counters_;

  std::mutex stop_mu_;  // one stop() joins, the others wait for it
  std::thread publisher_;
  std::thread subscriber_;
};

// redis://HOST[:PORT] -> host and port; throws std::invalid_argument otherwise.
void parseRedisUrl(const std::string& url, std::string& host, int& port);

}  // namespace parley
