// One client socket as the realtime layer sees it. WebSocketSession implements it; the hub and
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
#include "bus/replay_filter.h"

namespace parley {

using Frame = std::shared_ptr<const OutFrame>;

inline Frame makeFrame(std::string text, Id conversation_id = 0, std::int64_t seq = 0, std::int64_t offset = 0) {
  return std::make_shared<const OutFrame>(
      OutFrame{.text = std::move(text), .conversation_id = conversation_id, .seq = seq, .offset = offset});
}

// Published on a topic, ends every socket subscribed to it, on every node: Connection::end(code, reason).
inline Frame makeEndFrame(std::uint16_t close_code, std::string reason) {
  return std::make_shared<const OutFrame>(OutFrame{.text = std::move(reason), .close_code = close_code});
}

enum class ClientRole { None, Agent, Visitor };

// Who is on the other end; written once by hello (on the socket's strand), read by the hub.
struct ClientIdentity {
  ClientRole role = ClientRole::None;
  Id workspace_id = 0;
  Id agent_id = 0;        // role Agent
  Id contact_id = 0;      // role Visitor
  std::string name;
  std::string session_hash;  // role Agent: the session the socket said hello with (to end it)
};

class Connection {
 public:
  virtual ~Connection() = default;
  // Queues a live frame; safe from any thread. A socket whose queue overflows is closed (it
  // resumes). Frames a replay already sent are dropped here (see ReplayFilter).
  virtual void send(Frame frame) = 0;
  // Queues a replayed frame at once; only from the socket's strand (frame handlers run there), so
  // that a replay is never interleaved with live frames.
  virtual void sendReplayed(Frame frame) = 0;
  // Closes with 1008 (policy violation) after the frames already queued.
  virtual void close() = 0;
  // Closes with this code and reason after the frames already queued; safe from any thread.
  virtual void end(std::uint16_t code, std::string reason) = 0;
  virtual const std::string& peerIp() const = 0;
  virtual const std::string& origin() const = 0;
  virtual const std::string& userAgent() const = 0;
  virtual const std::string& host() const = 0;  // the Host header of the upgrade request

  ClientIdentity identity;
  ReplayFilter replay;  // used on the socket's strand only
  std::atomic<bool> authenticated{false};
  std::int64_t connected_at = 0;
};

using ConnectionPtr = std::shared_ptr<Connection>;

}  // namespace parley
