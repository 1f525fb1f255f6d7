// The WebSocket protocol of docs/protocol.md, independent of the transport: the Beast session
// calls onOpen/onFrame/onClose on the socket's strand, so frames of one socket never race.
#pragma once

#include <boost/json/fwd.hpp>
#include <string_view>

#include "app/app_context.h"
#include "bus/connection.h"
#include "realtime/frame_senders.h"

namespace parley {

class RealtimeProtocol {
 public:
  explicit RealtimeProtocol(AppContext& ctx) : ctx_(ctx) {}

  void onOpen(const ConnectionPtr& c);
  void onFrame(const ConnectionPtr& c, std::string_view text);
  void onClose(const ConnectionPtr& c);


 private:
  void hello(const ConnectionPtr& c, const boost::json::object& f);
  void messageSend(const ConnectionPtr& c, const boost::json::object& f);
  void typing(const ConnectionPtr& c, const boost::json::object& f);
  void read(const ConnectionPtr& c, const boost::json::object& f);
  void resume(const ConnectionPtr& c, const boost::json::object& f);
  void presenceSet(const ConnectionPtr& c, const boost::json::object& f);
  void pageview(const ConnectionPtr& c, const boost::json::object& f);
  // The conversation the socket may act on, or nullopt after an error frame.
  std::optional<Conversation> conversationFor(const ConnectionPtr& c, const boost::json::object& f);

  AppContext& ctx_;
};


}  // namespace parley
