// The frames an authenticated socket sends after hello (see realtime_protocol.cpp for hello).
#include <boost/json.hpp>

#include "domain/clock.h"
#include "domain/text_limits.h"
#include "wire/json_codec.h"
#include "bus/hub.h"
#include "app/message_input.h"
#include "realtime/frame_senders.h"
#include "realtime/realtime_protocol.h"

namespace parley {

namespace bj = boost::json;

namespace {
constexpr int kMaxResumeEvents = 5000;
}  // namespace

void RealtimeProtocol::messageSend(const ConnectionPtr& c, const bj::object& f) {
  MessageInput in;
  try {
    in = parseMessageInput(f, deps_.uploads_dir);
  } catch (const json::FieldError& e) {
    return sendError(c, "invalid", e.field + " " + e.message, e.field, json::optString(f, "client_id").value_or(""));
  }
  const auto& id = c->identity;
  const bool visitor = id.role == ClientRole::Visitor;
  Sender sender{visitor ? SenderType::Visitor : SenderType::Agent, id.workspace_id, visitor ? id.contact_id : id.agent_id,
                visitor ? c->peerIp() : std::string()};
  MessageDraft draft{in.conversation_id, 0, in.client_id, std::move(in.body), std::move(in.attachments_json),
                     in.is_private, std::move(in.content_json)};
  std::weak_ptr<Connection> weak = c;
  deps_.messages.send(sender, std::move(draft), [weak, visitor, client_id = in.client_id](const SendResult& r) {
    auto conn = weak.lock();
    if (!conn) return;
    if (r.error) return sendAppError(conn, *r.error, client_id);
    // A visitor's ack counts in visitor seqs, like everything else the visitor sees.
    sendJson(conn, bj::object{{"type", "message.ack"},
                              {"client_id", client_id},
                              {"id", r.message.id},
                              {"seq", visitor ? r.message.visitor_seq : r.message.seq},
                              {"conversation_id", r.message.conversation_id},
                              {"created_at", r.message.created_at},
                              {"duplicate", r.duplicate}});
  });
}

void RealtimeProtocol::typing(const ConnectionPtr& c, const bj::object& f) {
  auto conv = conversationFor(c, f);
  if (!conv) return;
  bool isTyping = json::optBool(f, "typing").value_or(true);
  const auto& id = c->identity;
  if (id.role == ClientRole::Visitor) {
    // Over the budget the frame is dropped without an answer: a flood gets nothing back to read.
    if (!deps_.visitors.typing.allow(VisitorLimits::key(id.contact_id), nowMillis())) return;
    auto draft = truncateUtf8(json::optString(f, "draft").value_or(""), 2000);
    deps_.events.typing(*conv, SenderType::Visitor, id.contact_id, id.name, isTyping, isTyping ? draft : "");
  } else {
    deps_.events.typing(*conv, SenderType::Agent, id.agent_id, id.name, isTyping, "");
  }
}

void RealtimeProtocol::read(const ConnectionPtr& c, const bj::object& f) {
  auto conv = conversationFor(c, f);
  if (!conv) return;
  auto seq = json::reqInt(f, "seq");
  if (seq < 0) return sendError(c, "invalid", "seq must not be negative", "seq");
  // A visitor counts in visitor seqs, an agent in seqs; the store clamps to the last message.
  const ReaderType reader = c->identity.role == ClientRole::Visitor ? ReaderType::Visitor : ReaderType::Agent;
  deps_.conversations.markRead(c->identity.workspace_id, conv->id, reader, seq);
}

void RealtimeProtocol::resume(const ConnectionPtr& c, const bj::object& f) {
  const auto& id = c->identity;
  if (auto epoch = json::optString(f, "epoch"); epoch && *epoch != deps_.event_log.epoch())
    return sendJson(c, bj::object{{"type", "resume.reset"}, {"reason", "epoch"}});
  if (id.role == ClientRole::Visitor) {
    auto conv = conversationFor(c, f);
    if (!conv) return;
    // In visitor seqs: the visitor's cursor, the frames' replay keys and last_seq alike.
    auto after = std::max<std::int64_t>(0, json::optInt(f, "after_seq").value_or(0));
    auto lastSeq = conv->visitor_last_seq;
    for (;;) {
      auto page = deps_.message_log.messagesAfter(id.workspace_id, conv->id, after, 500, false);
      for (const auto& m : page) {
        auto f = makeFrame(EventPublisher::visitorMessageFrame(m, *conv), conv->id, m.visitor_seq);
        if (c->replay.admitReplay(*f)) c->sendReplayed(f);
      }
      if (!page.empty()) lastSeq = std::max(lastSeq, page.back().visitor_seq);
      if (page.size() < 500) break;
      after = page.back().visitor_seq;
    }
    c->replay.replayDone();
    return c->sendReplayed(makeFrame(bj::serialize(
        bj::object{{"type", "resume.done"}, {"conversation_id", conv->id}, {"last_seq", lastSeq}})));
  }
  auto after = json::optInt(f, "after_offset");
  if (!after) return sendError(c, "missing", "after_offset is required", "after_offset");
  auto events = deps_.event_log.eventsAfter(id.workspace_id, *after, kMaxResumeEvents + 1);
  if (events.size() > static_cast<std::size_t>(kMaxResumeEvents))
    return sendJson(c, bj::object{{"type", "resume.reset"}, {"reason", "too_far"}});
  std::int64_t last = *after;
  for (const auto& e : events) {
    // For webhooks only (ContactStore::logContactUpdated): agents learn contact changes otherwise.
    if (e.event.type == "contact.updated") {
      last = e.event.offset;
      continue;
    }
    auto f = EventPublisher::replayFrame(e);
    if (c->replay.admitReplay(*f)) c->sendReplayed(f);
    last = e.event.offset;
  }
  c->replay.replayDone();
  c->sendReplayed(makeFrame(bj::serialize(bj::object{{"type", "resume.done"}, {"offset", last}})));
}

void RealtimeProtocol::presenceSet(const ConnectionPtr& c, const bj::object& f) {
  const auto& id = c->identity;
  if (id.role != ClientRole::Agent) return sendError(c, "forbidden", "only agents set presence", "type");
  const auto status = parseAgentPresence(json::reqString(f, "status"));
  if (!status || !isPickable(*status)) return sendError(c, "invalid", "status must be online or away", "status");
  auto effective = deps_.presence.setAgentStatus(id.workspace_id, id.agent_id, *status);
  deps_.events.agentPresence(id.workspace_id, id.agent_id, effective, deps_.presence.agentsOnline(id.workspace_id));
}

void RealtimeProtocol::pageview(const ConnectionPtr& c, const bj::object& f) {
  const auto& id = c->identity;
  if (id.role != ClientRole::Visitor) return sendError(c, "forbidden", "only visitors send page views", "type");
  // Over the budget the view is dropped without an answer (a flood gets nothing back to read).
  if (!deps_.visitors.page_views.allow(VisitorLimits::key(id.contact_id), nowMillis())) return;
  PageView pv;
  pv.workspace_id = id.workspace_id;
  pv.contact_id = id.contact_id;
  pv.url = json::reqString(f, "url");
  if (pv.url.empty() || pv.url.size() > 2048) return sendError(c, "invalid", "url must be 1 to 2048 bytes", "url");
  pv.title = truncateUtf8(json::optString(f, "title").value_or(""), 300);
  pv.referrer = truncateUtf8(json::optString(f, "referrer").value_or(""), 2048);
  pv.created_at = nowMillis();
  deps_.contacts.addPageView(pv);
  deps_.presence.visitorPage(id.contact_id, pv.url, pv.title);
  deps_.events.visitorPresence(id.workspace_id, id.contact_id, true, pv.url, pv.title);
}

}  // namespace parley
