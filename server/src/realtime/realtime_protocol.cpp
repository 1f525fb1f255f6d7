#include "realtime/frame_senders.h"
#include "realtime/realtime_protocol.h"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include "domain/clock.h"
#include "domain/text_limits.h"
#include "domain/two_factor_policy.h"
#include "store/store_errors.h"
#include "wire/json_codec.h"
#include "bus/hub.h"
#include "app/visitor_auth.h"
#include "security/origin.h"
#include "security/token.h"

namespace parley {

namespace bj = boost::json;

void RealtimeProtocol::onOpen(const ConnectionPtr& c) { c->connected_at = nowMillis(); }

void RealtimeProtocol::onFrame(const ConnectionPtr& c, std::string_view text) {
  boost::system::error_code ec;
  bj::value v = bj::parse(text, ec);
  if (ec || !v.is_object()) {
    sendError(c, "bad_json", "frames must be JSON objects");
    return;
  }
  if (json::hasNonFiniteNumber(v)) {
    sendError(c, "bad_json", "numbers must be finite");
    return;
  }
  const auto& f = v.get_object();
  auto typeIt = f.find("type");
  if (typeIt == f.end() || !typeIt->value().is_string()) {
    sendError(c, "missing", "every frame needs a type", "type");
    return;
  }
  std::string_view type = typeIt->value().get_string();
  try {
    if (type == "hello") return hello(c, f);
    if (!c->authenticated) {
      sendError(c, "unauthorized", "send hello with a token first");
      c->close();
      return;
    }
    if (type == "message.send") return messageSend(c, f);
    if (type == "typing") return typing(c, f);
    if (type == "read") return read(c, f);
    if (type == "resume") return resume(c, f);
    if (type == "presence.set") return presenceSet(c, f);
    if (type == "pageview") return pageview(c, f);
    if (type == "ping") {
      // `t` is echoed for the client's round-trip clock: a number or a short string, nothing bigger.
      bj::object pong{{"type", "pong"}};
      if (auto it = f.find("t"); it != f.end() && (it->value().is_number() ||
                                                   (it->value().is_string() && it->value().get_string().size() <= 64)))
        pong["t"] = it->value();
      return sendJson(c, pong);
    }
    sendError(c, "unknown_type", "unknown frame type", "type");
  } catch (const json::FieldError& e) {
    sendError(c, "invalid", e.field + " " + e.message, e.field);
  } catch (const StoreUnavailable& e) {
    // The database is down or restarting (a cluster's PostgreSQL): say so, the client tries again.
    spdlog::warn("frame {} not handled: {}", type, e.what());
    sendError(c, "unavailable", "the server cannot reach its database, try again in a moment");
  } catch (const std::exception& e) {
    spdlog::error("frame {} failed: {}", type, e.what());
    sendError(c, "internal", "the server could not handle this frame");
  }
}

void RealtimeProtocol::hello(const ConnectionPtr& c, const bj::object& f) {
  if (c->authenticated) return sendError(c, "invalid", "already authenticated", "type");
  auto token = json::optString(f, "token").value_or("");
  auto now = nowMillis();
  bj::object welcome{{"type", "welcome"}, {"epoch", deps_.event_log.epoch()}, {"server_time", now}};
  if (token.rfind("pa_", 0) == 0) {
    auto agent = deps_.agent_sessions.agentBySession(sha256Hex(token), now);
    if (!agent || !agent->active) {
      sendError(c, "unauthorized", "unknown or expired token", "token");
      return c->close();
    }
    auto ws = deps_.workspaces.workspaceById(agent->workspace_id);
    if (!ws) {
      sendError(c, "unauthorized", "unknown workspace", "token");
      return c->close();
    }
    if (deps_.two_factor && requiresTwoFactor(ws->settings_json) &&
        sessionReach(true, deps_.two_factor->twoFactorEnabled(agent->id)) == SessionReach::EnrolmentOnly) {
      sendError(c, "two_factor_setup_required",
                "this workspace requires two-factor authentication: set it up in your profile first", "token");
      return c->close();
    }
    if (deps_.presence.agentSockets(agent->id) >= VisitorLimits::kMaxSocketsPerAgent) {
      sendError(c, "too_many_connections", "this agent has too many open sockets: close a tab", "token");
      return c->close();
    }
    c->identity = {ClientRole::Agent, ws->id, agent->id, 0, agent->name, sha256Hex(token)};
    c->authenticated = true;
    deps_.hub.subscribe(Hub::agentsTopic(ws->id), c);
    // A session ended while this hello ran was not seen by the revoker (the socket was not
    // subscribed yet): look once more now that it is.
    if (!deps_.agent_sessions.agentBySession(c->identity.session_hash, now)) {
      deps_.hub.unsubscribe(Hub::agentsTopic(ws->id), c.get());
      c->authenticated = false;
      sendError(c, "unauthorized", "unknown or expired token", "token");
      return c->close();
    }
    auto status = deps_.presence.agentConnected(ws->id, agent->id);
    agent->presence = status;
    welcome["role"] = "agent";
    welcome["agent"] = json::agent(*agent);
    welcome["workspace"] = json::workspacePublic(*ws);
    welcome["offset"] = deps_.event_log.lastOffset(ws->id);
    sendJson(c, welcome);
    deps_.events.agentPresence(ws->id, agent->id, status, deps_.presence.agentsOnline(ws->id));
    return;
  }
  auto visitor = authenticateVisitor(deps_.workspaces, deps_.contacts, token);
  if (!visitor) {
    sendError(c, "unauthorized", "unknown token", "token");
    return c->close();
  }
  auto& [ws, contact] = *visitor;
  // One token is one person: a few tabs and devices, never thousands of sockets.
  if (deps_.presence.visitorSockets(contact.id) >= VisitorLimits::kMaxSocketsPerVisitor) {
    sendError(c, "too_many_connections", "too many chat windows are open: close one", "token");
    return c->close();
  }
  // Settings > Allowed domains: the page that embeds the chat must be one of them. Our own frame's
  // socket names that page in hello (embed_origin); any other page is named by its Origin header.
  auto site = embeddingOrigin(c->origin(), c->host(), json::optString(f, "embed_origin").value_or(""));
  if (!embeddingAllowed(ws, site, c->host())) {
    sendError(c, "forbidden", "this site may not open the chat", "origin");
    return c->close();
  }
  c->identity = {ClientRole::Visitor, ws.id, 0, contact.id, contact.name.value_or("")};
  c->authenticated = true;
  deps_.hub.subscribe(Hub::visitorTopic(contact.id), c);
  deps_.hub.subscribe(Hub::visitorsTopic(ws.id), c);
  bool cameOnline = deps_.presence.visitorConnected(ws.id, contact.id, now);
  welcome["role"] = "visitor";
  welcome["visitor"] = json::contact(contact, true);
  welcome["workspace"] = json::workspacePublic(ws);
  welcome["agents_online"] = deps_.presence.agentsOnline(ws.id);
  auto open = deps_.conversation_store.openConversationForContact(ws.id, contact.id);
  welcome["conversation"] = open ? bj::value(json::conversationForVisitor(*open)) : bj::value(nullptr);
  sendJson(c, welcome);
  if (cameOnline)
    deps_.events.visitorPresence(ws.id, contact.id, true, contact.current_url.value_or(""),
                                contact.current_title.value_or(""));
}

void RealtimeProtocol::onClose(const ConnectionPtr& c) {
  if (!c->authenticated) return;
  const auto id = c->identity;
  if (id.role == ClientRole::Agent) {
    deps_.hub.unsubscribe(Hub::agentsTopic(id.workspace_id), c.get());
    auto status = deps_.presence.agentDisconnected(id.workspace_id, id.agent_id);
    deps_.events.agentPresence(id.workspace_id, id.agent_id, status, deps_.presence.agentsOnline(id.workspace_id));
  } else if (id.role == ClientRole::Visitor) {
    deps_.hub.unsubscribe(Hub::visitorTopic(id.contact_id), c.get());
    deps_.hub.unsubscribe(Hub::visitorsTopic(id.workspace_id), c.get());
    if (deps_.presence.visitorDisconnected(id.contact_id))
      deps_.events.visitorPresence(id.workspace_id, id.contact_id, false, "", "");
  }
}

std::optional<Conversation> RealtimeProtocol::conversationFor(const ConnectionPtr& c, const bj::object& f) {
  auto id = json::optInt(f, "conversation_id");
  if (!id) {
    sendError(c, "missing", "conversation_id is required", "conversation_id");
    return std::nullopt;
  }
  auto conv = deps_.conversation_store.conversationById(c->identity.workspace_id, *id);
  if (!conv || (c->identity.role == ClientRole::Visitor && conv->contact_id != c->identity.contact_id)) {
    sendError(c, "not_found", "no such conversation", "conversation_id");
    return std::nullopt;
  }
  return conv;
}

}  // namespace parley
