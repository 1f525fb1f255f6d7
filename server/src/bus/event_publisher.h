// Turns stored changes into frames and publishes them: once encoded per audience (agents,
// the visitor), then shared by every socket. Replays use the same encoders as live frames.
#pragma once

#include <string>

#include "bus/bus.h"
#include "bus/visitor_presence_batcher.h"
#include "bus/connection.h"
#include "store/store.h"

namespace parley {

class EventPublisher {
 public:
  explicit EventPublisher(Bus& bus);

  void messageCreated(const AppendResult& r);
  void conversationUpdated(const Conversation& c, std::int64_t offset, bool visitor_should_know);
  // Typing and read markers go to every socket of the audience, the sender's own included: across
  // nodes there is no "this socket" to skip, and clients ignore their own echo (by sender id).
  void typing(const Conversation& c, SenderType sender_type, Id sender_id, const std::string& name,
              bool is_typing, const std::string& draft);
  // `c` as it is after the read marker moved (the frames carry its markers).
  void read(const Conversation& c, ReaderType reader);
  void agentPresence(Id workspace_id, Id agent_id, AgentPresence status, int agents_online);
  // Coalesced for agents (see VisitorPresenceBatcher): `presence` for a lone change,
  // `presence.visitors` for a burst.
  void visitorPresence(Id workspace_id, Id contact_id, bool online, const std::string& url,
                       const std::string& title);

  // Frames as agents see them (with offset) and as the visitor sees them (no private fields).
  static std::string agentMessageFrame(const Message& m, const Conversation& c, std::int64_t offset);
  static std::string visitorMessageFrame(const Message& m, const Conversation& c);
  static std::string conversationFrame(const char* type, const Conversation& c, std::int64_t offset);
  static std::string visitorConversationFrame(const Conversation& c);
  static Frame replayFrame(const EventRecord& e);

  // A chat nobody has answered for the team's reminder time (app/routing_timers.h): agents' screens
  // chime and mark it. Not logged: a reminder missed while offline is not worth replaying.
  void unattended(const Conversation& c, Millis waiting_ms);

 private:
  void publishVisitorPresence(Id workspace_id, const std::vector<VisitorPresenceChange>& changes);

  Bus& bus_;
  VisitorPresenceBatcher visitor_presence_;  // last: its thread publishes through bus_
};

}  // namespace parley
