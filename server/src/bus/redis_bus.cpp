#include "bus/redis_bus.h"

#include <hiredis/hiredis.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <random>
#include <stdexcept>
#include <unordered_map>
#include <vector>

#include "bus/hub.h"
#include "bus/redis_connection.h"
#include "domain/clock.h"

namespace parley {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// Payload: version, node id, node seq, then the frame's resume keys and its text. Integers are
// written little-endian byte by byte, so nodes of any byte order agree.
// The payload's first byte: a frame, or an end frame (OutFrame::close_code), which has the same
// layout with the close code in the conversation's place and the reason as its text. A node older
// than end frames counts one as malformed and drops it.
constexpr std::uint8_t kPayloadVersion = 1;
constexpr std::uint8_t kEndPayload = 2;
constexpr std::size_t kHeaderBytes = 1 + 5 * 8;
// At most one warning about dropped frames per interval; the line carries the counters.
constexpr Millis kWarningIntervalMs = 10'000;

void putU64(std::string& out, std::uint64_t v) {
  char bytes[8];
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>((v >> (8 * i)) & 0xff);
  out.append(bytes, 8);
}

std::uint64_t getU64(const char* p) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  return v;
}

void appendBulk(std::string& out, const char* data, std::size_t size) {
  out += '$';
  out += std::to_string(size);
  out += "\r\n";
  out.append(data, size);
  out += "\r\n";
}

// One PUBLISH in RESP, written straight into the batch buffer: the frame's text is copied once
// here (and once more by hiredis into its output buffer), never into an intermediate payload.
void appendPublish(std::string& out, const std::string& channel, std::uint64_t node_id, std::uint64_t node_seq,
                   const OutFrame& f) {
  out += "*3\r\n$7\r\nPUBLISH\r\n";
  appendBulk(out, channel.data(), channel.size());
  out += '$';
  out += std::to_string(kHeaderBytes + f.text.size());
  out += "\r\n";
  out += static_cast<char>(f.close_code ? kEndPayload : kPayloadVersion);
  putU64(out, node_id);
  putU64(out, node_seq);
  putU64(out, f.close_code ? f.close_code : static_cast<std::uint64_t>(f.conversation_id));
  putU64(out, static_cast<std::uint64_t>(f.seq));
  putU64(out, static_cast<std::uint64_t>(f.offset));
  out += f.text;
  out += "\r\n";
}

using ContextPtr = RedisContextPtr;

ContextPtr connectRedis(const std::string& host, int port, const RedisBusOptions& o, const char* role) {
  return parley::connectRedis(host, port, o.connect_timeout, o.io_timeout, role);
}

bool flushOutput(redisContext* c) {
  int done = 0;
  do {
    if (redisBufferWrite(c, &done) != REDIS_OK) return false;
  } while (!done);
  return true;
}

bool isString(const redisReply* r) { return r && (r->type == REDIS_REPLY_STRING || r->type == REDIS_REPLY_STATUS); }

bool equals(const redisReply* r, const char* word) {
  return isString(r) && r->len == std::strlen(word) && std::memcmp(r->str, word, r->len) == 0;
}

std::uint64_t randomNodeId() {
  std::random_device rd;
  std::uint64_t id = (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
  return id == 0 ? 1 : id;
}

milliseconds withJitter(milliseconds d) {
  // ±25%: nodes that lost Redis together do not all knock at the same instant.
  thread_local std::minstd_rand rng{std::random_device{}()};
  std::uniform_int_distribution<long> spread(-d.count() / 4, d.count() / 4);
  return d + milliseconds(spread(rng));
}

}  // namespace

void parseRedisUrl(const std::string& url, std::string& host, int& port) {
  const std::string scheme = "redis://";
  if (url.rfind(scheme, 0) != 0) throw std::invalid_argument("bus URL must start with redis://: " + url);
  std::string rest = url.substr(scheme.size());
  if (auto slash = rest.find('/'); slash != std::string::npos) {
    // A database number means nothing to pub/sub; refuse anything else rather than ignore it.
    const auto path = rest.substr(slash + 1);
    if (!path.empty() && path.find_first_not_of("0123456789") != std::string::npos)
      throw std::invalid_argument("bus URL path must be empty or a database number: " + url);
    rest.resize(slash);
  }
  if (rest.find('@') != std::string::npos)
    throw std::invalid_argument("bus URL: passwords are not supported (keep Redis on a private network): " + url);
  port = 6379;
  if (auto colon = rest.rfind(':'); colon != std::string::npos) {
    const auto digits = rest.substr(colon + 1);
    if (digits.empty() || digits.size() > 5 || digits.find_first_not_of("0123456789") != std::string::npos)
      throw std::invalid_argument("bus URL has a bad port: " + url);
    port = std::stoi(digits);
    if (port < 1 || port > 65535) throw std::invalid_argument("bus URL has a bad port: " + url);
    rest.resize(colon);
  }
  if (rest.empty()) throw std::invalid_argument("bus URL has no host: " + url);
  host = rest;
}

RedisBus::RedisBus(Hub& hub, RedisBusOptions options)
    : hub_(hub), options_(std::move(options)), node_id_(randomNodeId()) {
  parseRedisUrl(options_.url, host_, port_);
  if (options_.channel_prefix.find_first_of("*?[]\\") != std::string::npos)
    throw std::invalid_argument("bus channel prefix may not hold glob characters: " + options_.channel_prefix);
  if (options_.max_queued_frames == 0 || options_.max_batch_frames == 0 || options_.heartbeat.count() <= 0 ||
      options_.backoff_initial.count() <= 0 || options_.backoff_max < options_.backoff_initial)
    throw std::invalid_argument("bus options: limits must be positive");
  wake_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (wake_fd_ < 0) throw std::runtime_error("eventfd failed: " + std::string(std::strerror(errno)));
  publisher_ = std::thread([this] { publisherLoop(); });
  subscriber_ = std::thread([this] { subscriberLoop(); });
  spdlog::info("redis bus: node {} on {}:{} (channels {}*)", nodeId(), host_, port_, options_.channel_prefix);
}

RedisBus::~RedisBus() {
  stop();
  ::close(wake_fd_);
}

std::string RedisBus::nodeId() const {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(node_id_));
  return buf;
}

void RedisBus::publish(const std::string& topic, const Frame& frame) {
  // This node's sockets first, on the caller's thread, exactly as LocalBus: never through Redis.
  hub_.deliver(topic, frame);
  const bool too_large = kHeaderBytes + frame->text.size() > options_.max_payload_bytes;
  {
    std::lock_guard lock(queue_mu_);
    // Every frame takes a number, sent or not: the other nodes see the hole and repair.
    const auto seq = ++next_node_seq_;
    if (stopping_) {
      counters_.dropped_at_stop.fetch_add(1, std::memory_order_relaxed);
      return;
    }
    if (!too_large && queue_.size() < options_.max_queued_frames) {
      queue_.push_back(Queued{topic, frame, seq, Clock::now()});
      queue_cv_.notify_one();
      return;
    }
  }
  // Dropping is safe: Redis is never the source of truth. The frame's event is in the store's
  // event log, and the other nodes, seeing the hole in this node's sequence, repair from it.
  if (too_large) {
    counters_.dropped_too_large.fetch_add(1, std::memory_order_relaxed);
    warnDropped("a frame over max_payload_bytes");
  } else {
    counters_.dropped_queue_full.fetch_add(1, std::memory_order_relaxed);
    warnDropped("the publish queue is full");
  }
}

void RedisBus::warnDropped(const char* why) {
  const auto now = nowMillis();
  auto last = last_warning_ms_.load(std::memory_order_relaxed);
  if (now - last < kWarningIntervalMs || !last_warning_ms_.compare_exchange_strong(last, now)) return;
  const auto s = stats();
  spdlog::warn(
      "redis bus: dropping frames for other nodes ({}); so far {} queue full, {} too large, {} stale, {} lost in "
      "flight. Their sockets repair from the event log.",
      why, s.dropped_queue_full, s.dropped_too_large, s.dropped_stale, s.lost_in_flight);
}

void RedisBus::onResubscribed(ResubscribedListener listener) {
  std::lock_guard lock(listener_mu_);
  listener_ = std::move(listener);
}

void RedisBus::notifyResubscribed() {
  ResubscribedListener listener;
  {
    std::lock_guard lock(listener_mu_);
    listener = listener_;
  }
  counters_.resubscribed_notices.fetch_add(1, std::memory_order_relaxed);
  if (!listener) return;
  try {
    listener();
  } catch (const std::exception& e) {
    spdlog::error("redis bus: onResubscribed listener threw: {}", e.what());
  }
}

void RedisBus::stop() {
  std::lock_guard stop_lock(stop_mu_);
  {
    std::lock_guard lock(queue_mu_);
    stopping_ = true;
  }
  stop_flag_.store(true);
  queue_cv_.notify_all();
  stop_cv_.notify_all();
  const std::uint64_t one = 1;
  [[maybe_unused]] auto n = ::write(wake_fd_, &one, sizeof one);
  if (publisher_.joinable()) publisher_.join();
  if (subscriber_.joinable()) subscriber_.join();
}

RedisBus::Stats RedisBus::stats() const {
  Stats s;
  auto get = [](const std::atomic<std::uint64_t>& a) { return a.load(std::memory_order_relaxed); };
  s.published = get(counters_.published);
  s.dropped_queue_full = get(counters_.dropped_queue_full);
  s.dropped_too_large = get(counters_.dropped_too_large);
  s.lost_in_flight = get(counters_.lost_in_flight);
  s.dropped_stale = get(counters_.dropped_stale);
  s.dropped_at_stop = get(counters_.dropped_at_stop);
  s.received = get(counters_.received);
  s.own_echoes = get(counters_.own_echoes);
  s.malformed = get(counters_.malformed);
  s.gaps = get(counters_.gaps);
  s.subscriptions = get(counters_.subscriptions);
  s.resubscribed_notices = get(counters_.resubscribed_notices);
  s.publisher_connects = get(counters_.publisher_connects);
  return s;
}

bool RedisBus::backoff(milliseconds& delay) {
  const auto wait = withJitter(delay);
  delay = std::min(delay * 2, options_.backoff_max);
  std::unique_lock lock(queue_mu_);
  return !stop_cv_.wait_for(lock, wait, [this] { return stopping_; });
}

void RedisBus::publisherLoop() {
  ContextPtr ctx;
  auto delay = options_.backoff_initial;
  bool reported_down = false;
  std::vector<Queued> batch;
  batch.reserve(options_.max_batch_frames);
  std::string resp;
  std::string channel;
  for (;;) {
    if (!ctx) {
      if (stop_flag_.load()) break;
      ctx = connectRedis(host_, port_, options_, "publisher");
      if (!ctx) {
        if (!reported_down) spdlog::warn("redis bus: publisher cannot reach {}:{}; retrying", host_, port_);
        reported_down = true;
        if (!backoff(delay)) break;
        continue;
      }
      if (reported_down) spdlog::info("redis bus: publisher connected to {}:{} again", host_, port_);
      reported_down = false;
      delay = options_.backoff_initial;
      counters_.publisher_connects.fetch_add(1, std::memory_order_relaxed);
    }
    {
      std::unique_lock lock(queue_mu_);
      queue_cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) break;
      std::size_t bytes = 0;
      while (!queue_.empty() && batch.size() < options_.max_batch_frames &&
             (batch.empty() || bytes + queue_.front().frame->text.size() <= options_.max_batch_bytes)) {
        bytes += queue_.front().frame->text.size();
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    // Encoded outside the lock: callers keep enqueueing while this batch is written.
    resp.clear();
    const auto stale_before = Clock::now() - options_.max_queue_age;
    std::size_t stale = 0;
    for (auto& q : batch) {
      if (q.queued_at < stale_before) {
        // A hole in this node's sequence: the receivers repair, as for any drop.
        ++stale;
        q.frame.reset();
        continue;
      }
      channel.assign(options_.channel_prefix).append(q.topic);
      appendPublish(resp, channel, node_id_, q.node_seq, *q.frame);
    }
    if (stale) {
      counters_.dropped_stale.fetch_add(stale, std::memory_order_relaxed);
      warnDropped("frames waited longer than max_queue_age while Redis was away");
    }
    const std::size_t commands = batch.size() - stale;
    bool ok = commands == 0 || redisAppendFormattedCommand(ctx.get(), resp.data(), resp.size()) == REDIS_OK;
    std::size_t answered = 0;
    while (ok && answered < commands) {
      void* reply = nullptr;
      if (redisGetReply(ctx.get(), &reply) != REDIS_OK) {
        ok = false;
        break;
      }
      const bool refused = static_cast<redisReply*>(reply)->type == REDIS_REPLY_ERROR;
      if (refused) spdlog::warn("redis bus: PUBLISH refused: {}", static_cast<redisReply*>(reply)->str);
      freeReplyObject(reply);
      ++answered;
      if (!refused) counters_.published.fetch_add(1, std::memory_order_relaxed);
      else counters_.lost_in_flight.fetch_add(1, std::memory_order_relaxed);
    }
    if (!ok) {
      // Whether Redis took the unanswered ones is unknown; they count as lost, and the receivers
      // see the hole in this node's sequence if they did not arrive.
      counters_.lost_in_flight.fetch_add(commands - answered, std::memory_order_relaxed);
      spdlog::warn("redis bus: publisher lost its connection to {}:{} ({}); reconnecting", host_, port_,
                   ctx->errstr);
      warnDropped("the publishing connection broke");
      reported_down = true;
      ctx.reset();
      if (!backoff(delay)) {
        batch.clear();
        break;
      }
    }
    batch.clear();
  }
  std::lock_guard lock(queue_mu_);
  counters_.dropped_at_stop.fetch_add(queue_.size(), std::memory_order_relaxed);
  queue_.clear();
}

void RedisBus::subscriberLoop() {
  const std::string pattern = options_.channel_prefix + "*";
  auto delay = options_.backoff_initial;
  // Frames of other nodes may have been missed since the last subscription: a failed attempt or a
  // lost connection sets it; the next PSUBSCRIBE confirmation tells the listener and clears it.
  bool missed = false;
  bool reported_down = false;
  std::unordered_map<std::uint64_t, std::uint64_t> last_seq_of_node;
  // Nodes get a new id at every start; forgetting them all now and then bounds the map, at the
  // price of not seeing a gap in the one frame after (the next gap is seen again).
  constexpr std::size_t kMaxNodesRemembered = 4096;

  auto handlePayload = [&](const redisReply* channel, const redisReply* payload) {
    if (!isString(channel) || !isString(payload) || payload->len < kHeaderBytes ||
        payload->len > options_.max_payload_bytes || channel->len < options_.channel_prefix.size() ||
        (static_cast<std::uint8_t>(payload->str[0]) != kPayloadVersion &&
         static_cast<std::uint8_t>(payload->str[0]) != kEndPayload)) {
      counters_.malformed.fetch_add(1, std::memory_order_relaxed);
      return;
    }
    const char* p = payload->str + 1;
    const auto node = getU64(p);
    const auto node_seq = getU64(p + 8);
    if (node == node_id_) {
      counters_.own_echoes.fetch_add(1, std::memory_order_relaxed);
      return;
    }
    if (last_seq_of_node.size() >= kMaxNodesRemembered && !last_seq_of_node.count(node)) last_seq_of_node.clear();
    auto [it, first] = last_seq_of_node.try_emplace(node, node_seq);
    if (!first) {
      if (node_seq > it->second + 1) {
        counters_.gaps.fetch_add(1, std::memory_order_relaxed);
        notifyResubscribed();
      }
      it->second = std::max(it->second, node_seq);
    }
    const std::string topic(channel->str + options_.channel_prefix.size(),
                            channel->len - options_.channel_prefix.size());
    // The one copy of the text on this side (hiredis owns the reply's buffer).
    std::string text(p + 40, payload->len - kHeaderBytes);
    Frame frame;
    if (static_cast<std::uint8_t>(payload->str[0]) == kEndPayload) {
      const auto code = getU64(p + 16);
      if (code < 1000 || code > 4999) {  // what a WebSocket close may carry
        counters_.malformed.fetch_add(1, std::memory_order_relaxed);
        return;
      }
      frame = makeEndFrame(static_cast<std::uint16_t>(code), std::move(text));
    } else {
      frame = makeFrame(std::move(text), static_cast<Id>(getU64(p + 16)), static_cast<std::int64_t>(getU64(p + 24)),
                        static_cast<std::int64_t>(getU64(p + 32)));
    }
    counters_.received.fetch_add(1, std::memory_order_relaxed);
    hub_.deliver(topic, frame);
  };

  auto handleReply = [&](const redisReply* r) {
    if (!r || r->type != REDIS_REPLY_ARRAY || r->elements == 0) return;
    const auto* kind = r->element[0];
    if (equals(kind, "pmessage") && r->elements == 4) {
      handlePayload(r->element[2], r->element[3]);
    } else if (equals(kind, "psubscribe")) {
      subscribed_.store(true);
      counters_.subscriptions.fetch_add(1, std::memory_order_relaxed);
      delay = options_.backoff_initial;
      // The sequences seen before the drop say nothing about what came meanwhile; the notice
      // below covers that hole, so it is not reported again as a gap.
      last_seq_of_node.clear();
      if (reported_down) spdlog::info("redis bus: subscribed to {}:{} again", host_, port_);
      reported_down = false;
      if (missed) {
        missed = false;
        notifyResubscribed();
      }
    }
    // "pong" (the heartbeat's answer) needs nothing: any byte read proves the connection alive.
  };

  while (!stop_flag_.load()) {
    auto ctx = connectRedis(host_, port_, options_, "subscriber");
    bool alive = ctx && redisAppendCommand(ctx.get(), "PSUBSCRIBE %b", pattern.data(), pattern.size()) == REDIS_OK &&
                 flushOutput(ctx.get());
    auto last_read = Clock::now();
    while (alive && !stop_flag_.load()) {
      void* reply = nullptr;
      int rc;
      while ((rc = redisGetReplyFromReader(ctx.get(), &reply)) == REDIS_OK && reply) {
        handleReply(static_cast<redisReply*>(reply));
        freeReplyObject(reply);
        reply = nullptr;
      }
      if (rc != REDIS_OK) {
        alive = false;
        break;
      }
      pollfd fds[2] = {{ctx->fd, POLLIN, 0}, {wake_fd_, POLLIN, 0}};
      const int n = ::poll(fds, 2, static_cast<int>(options_.heartbeat.count()));
      if (n < 0) {
        if (errno == EINTR) continue;
        alive = false;
        break;
      }
      if (fds[1].revents) break;  // stop()
      if (fds[0].revents) {
        // poll said readable, so this read does not block (it reads what is there, or EOF).
        if (redisBufferRead(ctx.get()) != REDIS_OK) alive = false;
        else last_read = Clock::now();
        continue;
      }
      if (Clock::now() - last_read >= 3 * options_.heartbeat) {
        spdlog::warn("redis bus: no answer from {}:{} for {} ms; reconnecting", host_, port_,
                     3 * options_.heartbeat.count());
        alive = false;
      } else {
        alive = redisAppendCommand(ctx.get(), "PING") == REDIS_OK && flushOutput(ctx.get());
      }
    }
    subscribed_.store(false);
    if (stop_flag_.load()) break;
    missed = true;
    if (ctx && !reported_down)
      spdlog::warn("redis bus: subscription to {}:{} lost ({}); resubscribing", host_, port_,
                   ctx->err ? ctx->errstr : "no answer");
    else if (!ctx && !reported_down)
      spdlog::warn("redis bus: subscriber cannot reach {}:{}; retrying", host_, port_);
    reported_down = true;
    ctx.reset();
    if (!backoff(delay)) break;
  }
}

}  // namespace parley
