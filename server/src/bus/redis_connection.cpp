#include "bus/redis_connection.h"

#include <spdlog/spdlog.h>

namespace parley {

timeval toTimeval(std::chrono::milliseconds ms) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(ms.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((ms.count() % 1000) * 1000);
  return tv;
}

RedisContextPtr connectRedis(const std::string& host, int port, std::chrono::milliseconds connect_timeout,
                             std::chrono::milliseconds io_timeout, const char* role) {
  RedisContextPtr c(redisConnectWithTimeout(host.c_str(), port, toTimeval(connect_timeout)));
  if (!c) return nullptr;
  if (c->err) {
    spdlog::debug("redis {}: cannot connect to {}:{}: {}", role, host, port, c->errstr);
    return nullptr;
  }
  if (redisSetTimeout(c.get(), toTimeval(io_timeout)) != REDIS_OK || redisEnableKeepAlive(c.get()) != REDIS_OK)
    return nullptr;
  return c;
}

}  // namespace parley
