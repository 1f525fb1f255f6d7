// The only place that knows Boost.Beast on the server side: accepts TCP, parses HTTP/1.1,
// upgrades /ws to WebSocket and hands requests and frames to Beast-free code.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "app/server_config.h"
#include "bus/hub.h"
#include "http/router.h"
#include "realtime/realtime_protocol.h"

namespace parley {

class NetServer {
 public:
  // The hub lets go of signed-in sockets first on shutdown (see ~Impl); all must outlive the server.
  NetServer(const ServerConfig& config, Hub& hub, Router& router, RealtimeProtocol& protocol);
  ~NetServer();
  // Binds and listens; returns the bound port (useful with port 0).
  int listen();
  // A second listener (`--metrics-address`) that answers only `router` (no WebSocket, any Host
  // header), on the same I/O threads; returns its bound port. Call after listen(), before run().
  int listenMetrics(const std::string& host, int port, Router& router);
  // Runs the I/O threads until stop() or SIGINT/SIGTERM.
  void run();
  void stop();
  // Runs f on an I/O thread.
  void post(std::function<void()> f);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace parley
