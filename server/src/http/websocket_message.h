// Joins a client's data frames into messages (RFC 6455 5.4) and checks that text messages are
// UTF-8 (8.1). Pure, no I/O: the session feeds it the data frames the frame parser found and acts
// on the verdict; control frames never reach it (they may come between fragments). Kept apart so
// its state machine can be tested byte by byte and fuzzed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "http/websocket_frame.h"

namespace parley {

struct WsMessageResult {
  enum Kind { Pending, Message, Error } kind = Pending;
  std::string_view data;            // Message: the whole payload (valid until the next call)
  bool is_text = false;             // Message
  std::uint16_t close_code = 0;     // Error
  const char* reason = "";          // Error
};

class WsMessageAssembler {
 public:
  explicit WsMessageAssembler(std::size_t max_message) : max_(max_message) {}

  // Text, Binary or Continuation frames only. After an Error the connection must be closed with
  // its code: the assembler's state is then meaningless.
  WsMessageResult onDataFrame(const WsFrame& f);

  // The verdict on a lone final Text or Binary frame, for a socket that holds no assembler (the
  // common case: a session makes one only when a message arrives in fragments).
  static WsMessageResult whole(const WsFrame& f, std::size_t max_message);

  // Bytes held for an unfinished fragmented message (the session's memory budget counts them).
  std::size_t heldBytes() const { return fragments_.capacity() + done_.capacity(); }
  bool midMessage() const { return fragmenting_; }

 private:
  static WsMessageResult finish(std::string_view data, bool is_text);

  std::size_t max_;
  std::string fragments_;  // a message sent in several frames (rare)
  std::string done_;       // the last fragmented message handed out
  bool fragmenting_ = false;
  bool fragmented_text_ = false;
};

// Close code for text that is not UTF-8 (RFC 6455 7.4.1).
namespace ws_close {
constexpr std::uint16_t kInvalidPayload = 1007;
}  // namespace ws_close

}  // namespace parley
