// One client socket as the realtime layer sees it. The Beast session implements it; the hub and
// the protocol only queue frames and read the identity. Frames are shared, encoded-once strings:
// a fan-out to N sockets costs N pointer copies, not N encodings.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/model.h"

namespace parley {

using Frame = std::shared_ptr<const std::string>;

inline Frame makeFrame(std::string s) { return std::make_shared<const std::string>(std::move(s)); }

enum class ClientRole { None, Agent, Visitor };

// Who is on the other end; written once by hello (on the socket's strand), read by the hub.
struct ClientIdentity {
  ClientRole role = ClientRole::None;
  Id workspace_id = 0;
  Id agent_id = 0;        // role Agent
  Id contact_id = 0;      // role Visitor
  std::string name;
};

class Connection {
 public:
  virtual ~Connection() = default;
  // Queues a frame; safe from any thread. A socket whose queue overflows is closed (it resumes).
  virtual void send(Frame frame) = 0;
  virtual void close() = 0;
  virtual const std::string& peerIp() const = 0;
  virtual const std::string& origin() const = 0;
  virtual const std::string& userAgent() const = 0;
  virtual const std::string& host() const = 0;  // the Host header of the upgrade request

  ClientIdentity identity;
  std::atomic<bool> authenticated{false};
  std::int64_t connected_at = 0;
};

using ConnectionPtr = std::shared_ptr<Connection>;

}  // namespace parley
