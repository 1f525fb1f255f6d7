// Fan-out between nodes. On one node LocalBus hands events straight to the hub; with several
// nodes a Redis bus publishes them so every node's hub delivers to its own sockets.
#pragma once

#include <string>

#include "bus/connection.h"

namespace parley {

class Hub;

class Bus {
 public:
  virtual ~Bus() = default;
  virtual void publish(const std::string& topic, const Frame& frame) = 0;
};

class LocalBus final : public Bus {
 public:
  explicit LocalBus(Hub& hub) : hub_(hub) {}
  void publish(const std::string& topic, const Frame& frame) override;

 private:
  Hub& hub_;
};

}  // namespace parley
