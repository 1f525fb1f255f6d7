// One blocking hiredis connection with connect and I/O timeouts, shared by the Redis bus and the
// presence sync (each owns its own connections; hiredis contexts are not thread-safe).
#pragma once

#include <hiredis/hiredis.h>

#include <chrono>
#include <memory>
#include <string>

namespace parley {

struct RedisContextFree {
  void operator()(redisContext* c) const { redisFree(c); }
};
using RedisContextPtr = std::unique_ptr<redisContext, RedisContextFree>;

struct RedisReplyFree {
  void operator()(redisReply* r) const { freeReplyObject(r); }
};
using RedisReplyPtr = std::unique_ptr<redisReply, RedisReplyFree>;

timeval toTimeval(std::chrono::milliseconds ms);

// Reads and writes give up after io_timeout; nullptr (logged at debug level: callers report
// outages once, not per attempt) when Redis cannot be reached. `role` names the caller in the log.
RedisContextPtr connectRedis(const std::string& host, int port, std::chrono::milliseconds connect_timeout,
                             std::chrono::milliseconds io_timeout, const char* role);

}  // namespace parley
