#include "bus/redis_presence_sync.h"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <iterator>
#include <stdexcept>

#include "bus/redis_bus.h"
#include "bus/redis_connection.h"
#include "domain/clock.h"

namespace parley {

namespace bj = boost::json;
using std::chrono::milliseconds;

std::string encodePresence(const PresenceSnapshot& s) {
  bj::array agents, visitors;
  agents.reserve(s.agents.size());
  for (const auto& [id, a] : s.agents) agents.push_back(bj::array{id, a.workspace_id, a.sockets, toString(a.chosen)});
  visitors.reserve(s.visitors.size());
  for (const auto& [id, v] : s.visitors)
    visitors.push_back(bj::array{id, v.workspace_id, v.sockets, v.online_since, v.url, v.title});
  return bj::serialize(bj::object{{"a", std::move(agents)}, {"v", std::move(visitors)}});
}

bool decodePresence(const std::string& text, PresenceSnapshot& out) {
  boost::system::error_code ec;
  auto v = bj::parse(text, ec);
  if (ec || !v.is_object()) return false;
  const auto* a = v.as_object().if_contains("a");
  const auto* vis = v.as_object().if_contains("v");
  if (!a || !a->is_array() || !vis || !vis->is_array()) return false;
  for (const auto& e : a->as_array()) {
    if (!e.is_array() || e.as_array().size() != 4) return false;
    const auto& r = e.as_array();
    if (!r[0].is_int64() || !r[1].is_int64() || !r[2].is_int64() || !r[3].is_string()) return false;
    const auto chosen = parseAgentPresence(r[3].as_string());
    if (!chosen || !isPickable(*chosen)) return false;
    out.agents[r[0].as_int64()] = OnlineAgent{r[1].as_int64(), static_cast<int>(r[2].as_int64()), *chosen};
  }
  for (const auto& e : vis->as_array()) {
    if (!e.is_array() || e.as_array().size() != 6) return false;
    const auto& r = e.as_array();
    if (!r[0].is_int64() || !r[1].is_int64() || !r[2].is_int64() || !r[3].is_int64() || !r[4].is_string() ||
        !r[5].is_string())
      return false;
    out.visitors[r[0].as_int64()] = OnlineVisitor{r[0].as_int64(), r[1].as_int64(), static_cast<int>(r[2].as_int64()),
                                                  r[3].as_int64(), std::string(r[4].as_string()),
                                                  std::string(r[5].as_string())};
  }
  return true;
}

namespace {

// Adds one node's snapshot to the merged view of the others (a visitor or agent on two nodes
// adds up its sockets).
void mergeInto(PresenceSnapshot& into, const PresenceSnapshot& node) {
  for (const auto& [id, a] : node.agents) {
    auto [it, fresh] = into.agents.emplace(id, a);
    if (!fresh) it->second.sockets += a.sockets;
  }
  for (const auto& [id, v] : node.visitors) {
    auto [it, fresh] = into.visitors.emplace(id, v);
    if (!fresh) it->second.sockets += v.sockets;
  }
}

}  // namespace

RedisPresenceSync::RedisPresenceSync(PresenceTracker& presence, RedisPresenceOptions options)
    : presence_(presence), options_(std::move(options)) {
  parseRedisUrl(options_.url, host_, port_);
  if (options_.node_id.empty()) throw std::invalid_argument("presence sync needs a node id");
  thread_ = std::thread([this] { loop(); });
}

RedisPresenceSync::~RedisPresenceSync() { stop(); }

void RedisPresenceSync::onVanished(VanishedListener listener) {
  std::lock_guard lock(mu_);
  listener_ = std::move(listener);
}

void RedisPresenceSync::stop() {
  std::lock_guard stopLock(stop_mu_);
  {
    std::lock_guard lock(mu_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  presence_.setRemote(nullptr);
}

bool RedisPresenceSync::waitFor(milliseconds d) {
  std::unique_lock lock(mu_);
  return !cv_.wait_for(lock, d, [this] { return stopping_; });
}

void RedisPresenceSync::publishRemote(std::shared_ptr<const PresenceSnapshot> next, std::vector<std::string> leftNodes) {
  Vanished gone;
  gone.nodes = std::move(leftNodes);
  if (remote_) {
    // Only what left the others' view is asked about here (not a copy of this node's whole state).
    for (const auto& [id, a] : remote_->agents)
      if ((!next || !next->agents.count(id)) && presence_.agentSockets(id) == 0) gone.agents.emplace_back(a.workspace_id, id);
    for (const auto& [id, v] : remote_->visitors)
      if ((!next || !next->visitors.count(id)) && presence_.visitorSockets(id) == 0)
        gone.visitors.emplace_back(v.workspace_id, id);
  }
  remote_ = next;
  presence_.setRemote(std::move(next));
  if (gone.agents.empty() && gone.visitors.empty() && gone.nodes.empty()) return;
  VanishedListener listener;
  {
    std::lock_guard lock(mu_);
    listener = listener_;
  }
  if (listener) listener(gone);
}

void RedisPresenceSync::loop() {
  const std::string ownKey = options_.key_prefix + "node:" + options_.node_id;
  const std::string pattern = options_.key_prefix + "node:*";
  RedisContextPtr c;
  auto lastGood = std::chrono::steady_clock::now();
  milliseconds backoff{0};
  bool warned = false;
  Millis lastMalformedWarning = -60'000;
  while (waitFor(backoff)) {
    backoff = options_.period;
    if (!c) c = connectRedis(host_, port_, options_.connect_timeout, options_.io_timeout, "presence");
    bool ok = false;
    if (c) {
      ok = true;
      const auto mine = encodePresence(presence_.localSnapshot());
      if (mine.size() <= options_.max_snapshot_bytes) {
        RedisReplyPtr r(static_cast<redisReply*>(redisCommand(c.get(), "SET %b %b PX %lld", ownKey.data(), ownKey.size(),
                                                              mine.data(), mine.size(),
                                                              static_cast<long long>(options_.ttl.count()))));
        ok = r && r->type != REDIS_REPLY_ERROR;
      } else {
        spdlog::warn("presence: this node's snapshot ({} bytes) is over the limit; not shared", mine.size());
      }
      // Every other node's key: SCAN (never KEYS: it blocks Redis) until the cursor comes back to 0.
      std::vector<std::string> keys;
      std::string cursor = "0";
      while (ok) {
        RedisReplyPtr r(static_cast<redisReply*>(redisCommand(c.get(), "SCAN %s MATCH %b COUNT 1000", cursor.c_str(),
                                                              pattern.data(), pattern.size())));
        if (!r || r->type != REDIS_REPLY_ARRAY || r->elements != 2) {
          ok = false;
          break;
        }
        cursor.assign(r->element[0]->str, r->element[0]->len);
        for (std::size_t i = 0; i < r->element[1]->elements && keys.size() < options_.max_nodes; ++i) {
          std::string k(r->element[1]->element[i]->str, r->element[1]->element[i]->len);
          if (k != ownKey) keys.push_back(std::move(k));
        }
        if (cursor == "0") break;
      }
      auto merged = std::make_shared<PresenceSnapshot>();
      for (const auto& k : keys) {
        if (!ok) break;
        RedisReplyPtr r(static_cast<redisReply*>(redisCommand(c.get(), "GET %b", k.data(), k.size())));
        if (!r) {
          ok = false;
          break;
        }
        if (r->type != REDIS_REPLY_STRING || r->len > options_.max_snapshot_bytes) continue;  // expired meanwhile
        PresenceSnapshot node;
        if (decodePresence(std::string(r->str, r->len), node))
          mergeInto(*merged, node);
        else if (const auto now = nowMillis(); now - lastMalformedWarning >= 60'000) {
          lastMalformedWarning = now;  // once a minute at most: it comes back every period
          spdlog::warn("presence: skipped a malformed snapshot under {}", k);
        }
      }
      if (ok) {
        lastGood = std::chrono::steady_clock::now();
        rounds_.fetch_add(1);
        if (warned) spdlog::info("presence: Redis is back; presence is cluster-wide again");
        warned = false;
        // The nodes seen last round whose key is gone now (both lists are short: one key per node).
        std::sort(keys.begin(), keys.end());
        std::vector<std::string> left;
        std::set_difference(known_nodes_.begin(), known_nodes_.end(), keys.begin(), keys.end(), std::back_inserter(left));
        known_nodes_ = std::move(keys);
        publishRemote(std::move(merged), std::move(left));
        continue;
      }
      c.reset();
    }
    if (!warned) spdlog::warn("presence: Redis unreachable; presence of other nodes kept for {} ms, then dropped",
                              options_.ttl.count());
    warned = true;
    if (remote_ && std::chrono::steady_clock::now() - lastGood > options_.ttl) publishRemote(nullptr);
    backoff = std::min(options_.period * 2, milliseconds{2000});
  }
  // A clean stop: the others forget this node at once instead of after the expiry.
  if (!c) c = connectRedis(host_, port_, options_.connect_timeout, options_.io_timeout, "presence");
  if (c) RedisReplyPtr(static_cast<redisReply*>(redisCommand(c.get(), "DEL %b", ownKey.data(), ownKey.size())));
}

}  // namespace parley
