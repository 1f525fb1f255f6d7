#include "http/websocket_message.h"

#include "domain/text_limits.h"

namespace parley {

namespace {
WsMessageResult messageError(std::uint16_t code, const char* reason) {
  WsMessageResult r;
  r.kind = WsMessageResult::Error;
  r.close_code = code;
  r.reason = reason;
  return r;
}
}  // namespace

WsMessageResult WsMessageAssembler::finish(std::string_view data, bool is_text) {
  // Text is checked whole: a fragment may end inside a code point.
  if (is_text && !isValidUtf8(data)) return messageError(ws_close::kInvalidPayload, "text is not UTF-8");
  WsMessageResult r;
  r.kind = WsMessageResult::Message;
  r.data = data;
  r.is_text = is_text;
  return r;
}

WsMessageResult WsMessageAssembler::whole(const WsFrame& f, std::size_t max_message) {
  if (!f.fin || (f.opcode != WsOpcode::Text && f.opcode != WsOpcode::Binary))
    return messageError(ws_close::kProtocolError, "not a whole message");
  if (f.payload.size() > max_message) return messageError(ws_close::kTooBig, "message too big");
  return finish(f.payload, f.opcode == WsOpcode::Text);
}

WsMessageResult WsMessageAssembler::onDataFrame(const WsFrame& f) {
  switch (f.opcode) {
    case WsOpcode::Text:
    case WsOpcode::Binary: {
      if (fragmenting_) return messageError(ws_close::kProtocolError, "expected a continuation frame");
      const bool text = f.opcode == WsOpcode::Text;
      if (f.payload.size() > max_) return messageError(ws_close::kTooBig, "message too big");
      if (f.fin) return finish(f.payload, text);
      fragmenting_ = true;
      fragmented_text_ = text;
      fragments_.assign(f.payload);
      return {};
    }
    case WsOpcode::Continuation: {
      if (!fragmenting_) return messageError(ws_close::kProtocolError, "unexpected continuation frame");
      if (fragments_.size() + f.payload.size() > max_) return messageError(ws_close::kTooBig, "message too big");
      fragments_.append(f.payload);
      if (!f.fin) return {};
      fragmenting_ = false;
      done_.swap(fragments_);
      fragments_.clear();
      return finish(done_, fragmented_text_);
    }
    default:
      return messageError(ws_close::kProtocolError, "not a data frame");
  }
}

}  // namespace parley
