// What one WebSocket may make the server hold (docs/security.md, "Memory held for clients"). Part of
// ServerConfig: the transport (http/websocket_session.cpp) enforces them; the protocol above it
// never sees a frame larger than max_message.
#pragma once

#include <cstddef>

namespace parley {

struct WebSocketLimits {
  // A whole message, reassembled from its fragments, and so also any one frame: larger closes 1009.
  std::size_t max_message = 64 * 1024;
  // Unsent bytes one socket may have queued before it is closed as too slow (it resumes). Before
  // hello a socket gets pongs and errors only; agents get more room for presence bursts.
  std::size_t queued_before_hello = 64 * 1024;
  std::size_t queued_visitor = 1 << 20;
  std::size_t queued_agent = 32 << 20;
};

}  // namespace parley
