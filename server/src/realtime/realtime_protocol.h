// The WebSocket protocol of docs/protocol.md, independent of the transport: the socket session
// (http/websocket_session.cpp) calls onOpen/onFrame/onClose on the socket's strand, so frames of
// one socket never race.
#pragma once

#include <boost/json/fwd.hpp>
#include <string_view>

#include <string>

#include "app/conversation_actions.h"
#include "app/message_sender.h"
#include "bus/connection.h"
#include "bus/event_publisher.h"
#include "bus/hub.h"
#include "bus/presence.h"
#include "realtime/frame_senders.h"
#include "security/visitor_limits.h"
#include "store/store.h"

namespace parley {

class RealtimeProtocol {
 public:
  // What the frames read and change; built from AppContext by realtimeDeps (realtime_wiring.h).
  struct Deps {
    AgentSessionStore& agent_sessions;
    WorkspaceStore& workspaces;
    ContactStore& contacts;
    ConversationStore& conversation_store;
    MessageLog& message_log;
    EventLog& event_log;
    Hub& hub;
    PresenceTracker& presence;
    EventPublisher& events;
    MessageSender& messages;
    ConversationActions& conversations;
    VisitorLimits& visitors;
    std::string uploads_dir;
    // Workspaces that require two-factor authentication refuse the hello of an agent without it
    // (domain/two_factor_policy.h). Null: never checked.
    TwoFactorStore* two_factor = nullptr;
  };

  explicit RealtimeProtocol(Deps deps) : deps_(std::move(deps)) {}

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

  Deps deps_;
};


}  // namespace parley
