#include "bus/event_publisher.h"

#include <boost/json.hpp>

#include "wire/json_codec.h"
#include "wire/json_writer.h"
#include "bus/hub.h"

namespace parley {

namespace bj = boost::json;

namespace {
// message.created is the hottest frame: the message is encoded once and spliced into both
// audiences' frames instead of building and serializing a JSON tree per audience.
std::string messageFrameText(std::string_view message_json, std::string_view conversation_json,
                             std::int64_t offset) {
  std::string out;
  out.reserve(message_json.size() + conversation_json.size() + 64);
  out += R"({"type":"message.created",)";
  if (offset != 0) {
    out += R"("offset":)";
    out += std::to_string(offset);
    out += ',';
  }
  out += R"("message":)";
  out += message_json;
  out += R"(,"conversation":)";
  out += conversation_json;
  out += '}';
  return out;
}
}  // namespace

EventPublisher::EventPublisher(Bus& bus)
    : bus_(bus), visitor_presence_([this](Id ws, const std::vector<VisitorPresenceChange>& changes) {
        publishVisitorPresence(ws, changes);
      }) {}

std::string EventPublisher::agentMessageFrame(const Message& m, const Conversation& c, std::int64_t offset) {
  return messageFrameText(json::messageJson(m), json::conversationJson(c), offset);
}

std::string EventPublisher::visitorMessageFrame(const Message& m, const Conversation& c) {
  return messageFrameText(json::messageJson(m, true), json::conversationForVisitorJson(c), 0);
}

std::string EventPublisher::conversationFrame(const char* type, const Conversation& c, std::int64_t offset) {
  std::string out;
  json::JsonWriter w(out);
  w.beginObject().key("type").string(type).key("offset").number(offset).key("conversation");
  json::writeConversation(w, c);
  w.endObject();
  return out;
}

std::string EventPublisher::visitorConversationFrame(const Conversation& c) {
  return bj::serialize(
      bj::object{{"type", "conversation.updated"}, {"conversation", json::conversationForVisitor(c)}});
}

Frame EventPublisher::replayFrame(const EventRecord& e) {
  if (e.event.type == "message.created" && e.message)
    return makeFrame(agentMessageFrame(*e.message, e.conversation, e.event.offset), e.conversation.id, e.message->seq,
                     e.event.offset);
  return makeFrame(conversationFrame(e.event.type.c_str(), e.conversation, e.event.offset), 0, 0, e.event.offset);
}

void EventPublisher::messageCreated(const AppendResult& r) {
  const auto& c = r.conversation;
  if (r.conversation_created)
    bus_.publish(Hub::agentsTopic(c.workspace_id),
                 makeFrame(conversationFrame("conversation.created", c, r.conversation_created_offset), 0, 0,
                           r.conversation_created_offset));
  const auto message = json::messageJson(r.message);
  bus_.publish(Hub::agentsTopic(c.workspace_id),
               makeFrame(messageFrameText(message, json::conversationJson(c), r.offset), c.id, r.message.seq,
                         r.offset));
  // The visitor's frame counts in visitor seqs (and its ReplayFilter is keyed on them).
  if (!r.message.is_private)
    bus_.publish(Hub::visitorTopic(c.contact_id),
                 makeFrame(visitorMessageFrame(r.message, c), c.id, r.message.visitor_seq));
}

void EventPublisher::conversationUpdated(const Conversation& c, std::int64_t offset, bool visitor_should_know) {
  bus_.publish(Hub::agentsTopic(c.workspace_id),
               makeFrame(conversationFrame("conversation.updated", c, offset), 0, 0, offset));
  if (visitor_should_know) bus_.publish(Hub::visitorTopic(c.contact_id), makeFrame(visitorConversationFrame(c)));
}

void EventPublisher::typing(const Conversation& c, SenderType sender_type, Id sender_id,
                            const std::string& name, bool is_typing, const std::string& draft) {
  bj::object f{{"type", "typing"},     {"conversation_id", c.id}, {"sender_type", toString(sender_type)},
               {"sender_id", sender_id}, {"name", name},          {"typing", is_typing}};
  if (sender_type == SenderType::Visitor) {
    // The draft ("sneak peek") is for agents only.
    f["draft"] = draft;
    bus_.publish(Hub::agentsTopic(c.workspace_id), makeFrame(bj::serialize(f)));
    return;
  }
  auto frame = makeFrame(bj::serialize(f));
  bus_.publish(Hub::visitorTopic(c.contact_id), frame);
  bus_.publish(Hub::agentsTopic(c.workspace_id), frame);
}

void EventPublisher::unattended(const Conversation& c, Millis waiting_ms) {
  std::string out;
  json::JsonWriter w(out);
  w.beginObject().key("type").string("conversation.unattended").key("waiting_ms").number(waiting_ms).key("conversation");
  json::writeConversation(w, c);
  w.endObject();
  bus_.publish(Hub::agentsTopic(c.workspace_id), makeFrame(std::move(out)));
}

void EventPublisher::read(const Conversation& c, ReaderType reader) {
  // Agents get the marker in seqs; the visitor (told only of agents' reads) in visitor seqs.
  const bool byVisitor = reader == ReaderType::Visitor;
  bus_.publish(Hub::agentsTopic(c.workspace_id),
               makeFrame(bj::serialize(bj::object{{"type", "read"},
                                                  {"conversation_id", c.id},
                                                  {"reader_type", toString(reader)},
                                                  {"seq", byVisitor ? c.visitor_last_read_seq : c.agent_last_read_seq}})));
  if (!byVisitor)
    bus_.publish(Hub::visitorTopic(c.contact_id),
                 makeFrame(bj::serialize(bj::object{{"type", "read"},
                                                    {"conversation_id", c.id},
                                                    {"reader_type", toString(reader)},
                                                    {"seq", c.agent_read_vseq}})));
}

void EventPublisher::agentPresence(Id workspace_id, Id agent_id, AgentPresence status, int agents_online) {
  bus_.publish(Hub::agentsTopic(workspace_id),
               makeFrame(bj::serialize(bj::object{{"type", "presence"},
                                                  {"agent_id", agent_id},
                                                  {"status", toString(status)},
                                                  {"agents_online", agents_online}})));
  bus_.publish(Hub::visitorsTopic(workspace_id),
               makeFrame(bj::serialize(bj::object{{"type", "presence"}, {"agents_online", agents_online}})));
}

void EventPublisher::visitorPresence(Id workspace_id, Id contact_id, bool online, const std::string& url,
                                     const std::string& title) {
  visitor_presence_.changed(workspace_id, VisitorPresenceChange{contact_id, online, url, title});
}

void EventPublisher::publishVisitorPresence(Id workspace_id, const std::vector<VisitorPresenceChange>& changes) {
  std::string out;
  json::JsonWriter w(out);
  auto entry = [&w](const VisitorPresenceChange& c) {
    w.key("contact_id").number(c.contact_id).key("online").boolean(c.online);
    w.key("url").string(c.url).key("title").string(c.title);
  };
  if (changes.size() == 1) {
    w.beginObject().key("type").string("presence");
    entry(changes.front());
    w.endObject();
  } else {
    w.beginObject().key("type").string("presence.visitors").key("visitors").beginArray();
    for (const auto& c : changes) {
      w.beginObject();
      entry(c);
      w.endObject();
    }
    w.endArray().endObject();
  }
  bus_.publish(Hub::agentsTopic(workspace_id), makeFrame(std::move(out)));
}

}  // namespace parley
