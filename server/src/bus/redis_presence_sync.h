// Presence across nodes (issue 12, item 5): every node writes what its own sockets are to Redis
// and reads the others', so "agents online", the live visitors list and auto-assignment see the
// whole cluster. Contract:
//
// - Every `period` the sync thread writes this node's snapshot (PresenceTracker::localSnapshot)
//   to `<prefix>node:<node id>` with an expiry of `ttl`, reads every other node's key, merges them
//   and hands the result to PresenceTracker::setRemote. A node that dies stops refreshing its key:
//   its agents and visitors vanish from every other node within ttl + period (6 s by default).
// - Redis is never the source of truth and never blocks a request: queries read the last merged
//   snapshot in memory. While Redis is unreachable the others' snapshot is kept until it is older
//   than ttl, then dropped (this node then answers for its own sockets only); the thread
//   reconnects with capped backoff.
// - The listener given to onVanished() hears, on the sync thread, about agents and visitors that
//   were on other nodes and are now on none (a node died or a socket closed there): their own node
//   told everybody if it closed them cleanly; if it died, nobody did, and this node tells its own
//   sockets (the listener must deliver locally only, or every node would tell every socket).
//   It also hears which nodes left (their key is gone: they died, or stopped): a node that dies
//   may have committed events it never published on the bus, and its sequence numbers end with
//   it, so the bus cannot see that gap (redis_bus.h, "The gap notice"); the listener repairs it
//   from the event log like any other gap.
// - stop() deletes this node's key (a clean shutdown vanishes at once) and joins the thread.
//
// Limits: a snapshot over max_snapshot_bytes is not written (logged; the others then see this
// node's previous one until it expires), and a key read over it is skipped; at most max_nodes
// other nodes are read. Cost: every node reads every other node's snapshot each period, so the
// traffic grows with nodes x visitors; at ~100 bytes a visitor, 20,000 visitors a node and 5 nodes
// that is ~8 MB/s through Redis (docs/scaling.md).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "bus/presence.h"

namespace parley {

struct RedisPresenceOptions {
  std::string url = "redis://127.0.0.1:6379";
  std::string key_prefix = "parley:presence:";
  std::string node_id;  // unique per process (RedisBus::nodeId())
  std::chrono::milliseconds period{1000};
  std::chrono::milliseconds ttl{5000};
  std::chrono::milliseconds connect_timeout{1000};
  std::chrono::milliseconds io_timeout{1000};
  std::size_t max_snapshot_bytes = 16 << 20;
  std::size_t max_nodes = 256;
};

class RedisPresenceSync {
 public:
  struct Vanished {
    std::vector<std::pair<Id, Id>> agents;    // (workspace, agent)
    std::vector<std::pair<Id, Id>> visitors;  // (workspace, contact)
    std::vector<std::string> nodes;           // the keys of the nodes that left
  };
  using VanishedListener = std::function<void(const Vanished&)>;

  // Starts the sync thread; throws std::invalid_argument on a bad URL or an empty node id.
  RedisPresenceSync(PresenceTracker& presence, RedisPresenceOptions options);
  ~RedisPresenceSync();
  RedisPresenceSync(const RedisPresenceSync&) = delete;
  RedisPresenceSync& operator=(const RedisPresenceSync&) = delete;

  void onVanished(VanishedListener listener);
  void stop();
  std::uint64_t rounds() const { return rounds_.load(); }  // successful write+read rounds

 private:
  void loop();
  void publishRemote(std::shared_ptr<const PresenceSnapshot> next, std::vector<std::string> leftNodes = {});
  bool waitFor(std::chrono::milliseconds d);  // false when stopping

  PresenceTracker& presence_;
  const RedisPresenceOptions options_;
  std::string host_;
  int port_ = 6379;

  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  VanishedListener listener_;
  std::shared_ptr<const PresenceSnapshot> remote_;  // sync thread only
  std::vector<std::string> known_nodes_;            // sync thread only: the others' keys, last round
  std::atomic<std::uint64_t> rounds_{0};
  std::mutex stop_mu_;
  std::thread thread_;
};

// The wire form of a snapshot (JSON); parse returns false on anything malformed.
std::string encodePresence(const PresenceSnapshot& s);
bool decodePresence(const std::string& text, PresenceSnapshot& out);

}  // namespace parley
