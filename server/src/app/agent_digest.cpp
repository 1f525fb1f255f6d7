#include "app/agent_digest.h"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include "wire/json_codec.h"

namespace parley {

namespace {

constexpr int kDigestAgentsPerPass = 50;  // agents looked at per pass; the rest wait for the next

std::string digestVisitorName(ContactStore& contacts, Id workspace_id, Id contact_id) {
  if (auto c = contacts.contactById(workspace_id, contact_id)) {
    if (c->name && !c->name->empty()) return *c->name;
    if (c->email && !c->email->empty()) return *c->email;
  }
  return "a visitor";
}

}  // namespace

bool agentEmailNotificationsOn(std::string_view preferences_json) {
  auto v = json::parseOr(preferences_json, boost::json::object{});
  if (!v.is_object()) return false;
  auto it = v.get_object().find("notifications");
  if (it == v.get_object().end() || !it->value().is_object()) return false;
  auto e = it->value().get_object().find("email");
  return e != it->value().get_object().end() && e->value().is_bool() && e->value().get_bool();
}

std::string digestExcerpt(std::string_view body) {
  std::string out;
  bool space = false;
  for (char ch : body) {
    const auto u = static_cast<unsigned char>(ch);
    if (u == ' ' || u == '\n' || u == '\r' || u == '\t' || u == '\f' || u == '\v') {
      space = !out.empty();
      continue;
    }
    if (u < 0x20 || u == 0x7f) continue;  // other control characters
    if (space) out += ' ';
    space = false;
    out += ch;
  }
  if (out.size() <= kDigestExcerptMax) return out;
  std::size_t cut = kDigestExcerptMax - 3;  // room for "..."
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
  out.resize(cut);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + "...";
}

std::string dashboardConversationLink(std::string_view public_url, Id conversation_id) {
  return std::string(public_url) + "/app/#/inbox?c=" + std::to_string(conversation_id);
}

NotificationItem digestLine(const DigestItem& item, const std::string& visitor_name, std::string_view public_url) {
  NotificationItem line;
  line.what = item.kind == DigestItemKind::Reply ? visitor_name + " replied" : "New conversation from " + visitor_name;
  line.excerpt = item.excerpt;
  line.link = dashboardConversationLink(public_url, item.conversation_id);
  return line;
}

AgentDigest::AgentDigest(EmailOutbox& outbox, AgentDigestStore& digests, WorkspaceStore& workspaces,
                         AgentStore& agents, ConversationStore& conversations, ContactStore& contacts,
                         const PresenceTracker& presence, Millis window_ms)
    : outbox_(outbox),
      digests_(digests),
      workspaces_(workspaces),
      agents_(agents),
      conversations_(conversations),
      contacts_(contacts),
      presence_(presence),
      window_ms_(window_ms) {}

bool AgentDigest::wantsEmail(const Agent& a) {
  return a.active && presence_.agentPresence(a.id) == AgentPresence::Offline &&
         agentEmailNotificationsOn(agents_.agentPreferences(a.workspace_id, a.id));
}

void AgentDigest::add(const Agent& a, const AppendResult& r, DigestItemKind kind) {
  DigestItem item;
  item.workspace_id = a.workspace_id;
  item.agent_id = a.id;
  item.conversation_id = r.conversation.id;
  item.kind = kind;
  item.excerpt = digestExcerpt(r.message.body);
  item.created_at = r.message.created_at;
  digests_.addDigestItem(item, kMaxDigestItemsPerAgent);
}

void AgentDigest::onStoredMessage(const AppendResult& r) {
  if (!outbox_.enabled()) return;
  const auto& m = r.message;
  if (m.sender_type != SenderType::Visitor || m.is_private) return;
  if (r.conversation_created) {
    for (const auto& a : agents_.listAgents(m.workspace_id))
      if (wantsEmail(a)) add(a, r, DigestItemKind::NewConversation);
    return;
  }
  if (!r.conversation.assignee_id) return;
  if (auto a = agents_.agentById(m.workspace_id, *r.conversation.assignee_id); a && wantsEmail(*a))
    add(*a, r, DigestItemKind::Reply);
}

std::size_t AgentDigest::runPass(Millis now) {
  if (!outbox_.enabled()) return 0;
  std::size_t queued = 0;
  for (const auto& due : digests_.dueDigests(now - window_ms_, kDigestAgentsPerPass)) {
    auto items = digests_.digestItems(due.workspace_id, due.agent_id);
    if (items.empty()) continue;
    const Id through = items.back().id;
    auto ws = workspaces_.workspaceById(due.workspace_id);
    auto agent = agents_.agentById(due.workspace_id, due.agent_id);
    // Gone, turned off meanwhile, or back (the inbox shows it all): no email.
    if (!ws || !agent || !agent->active || agent->email.empty() ||
        !agentEmailNotificationsOn(agents_.agentPreferences(agent->workspace_id, agent->id)) ||
        presence_.agentPresence(agent->id) != AgentPresence::Offline) {
      digests_.dropDigestItems(due.workspace_id, due.agent_id, through);
      continue;
    }
    std::vector<NotificationItem> lines;
    for (const auto& item : items) {
      std::string who = "a visitor";
      if (auto c = conversations_.conversationById(ws->id, item.conversation_id))
        who = digestVisitorName(contacts_, ws->id, c->contact_id);
      lines.push_back(digestLine(item, who, outbox_.config().public_url));
    }
    auto text = agentNotificationEmail(ws->name, lines);
    auto q = outbox_.composeAgentEmail(*ws, agent->email, "agent_notification",
                                       "agent_digest:" + std::to_string(agent->id) + ":" + std::to_string(through),
                                       text, now);
    auto r = digests_.enqueueDigestEmail(q, agent->id, through, kMaxQueuedEmailsPerWorkspace);
    if (r == EnqueueResult::Queued) ++queued;
    if (r == EnqueueResult::QueueFull)
      spdlog::warn("email: workspace {} has {} emails waiting; agent {}'s notification email not queued", ws->id,
                   kMaxQueuedEmailsPerWorkspace, agent->id);
  }
  return queued;
}

}  // namespace parley
