#include "store/sqlite/sqlite_rows.h"

#include <boost/json.hpp>
#include <chrono>
#include <stdexcept>

namespace parley::sqlite {

const std::string kConversationColumns =
    "c.id, c.workspace_id, c.contact_id, c.status, c.priority, c.assignee_id, c.team_id, c.tags, "
    "c.last_seq, c.created_at, c.updated_at, c.first_reply_at, c.resolved_at, c.waiting_since, "
    "c.snoozed_until, c.visitor_last_read_seq, c.agent_last_read_seq, c.last_message_body, "
    "c.last_message_sender_type, c.last_message_at, c.csat_score, c.csat_comment, "
    "ct.name, ct.email, ct.country, c.visitor_last_seq, c.visitor_read_vseq, c.agent_read_vseq";

const std::string kSelectConversation =
    "SELECT " + kConversationColumns + " FROM conversations c JOIN contacts ct ON ct.id = c.contact_id ";

Conversation readConversation(const Query& q, int i) {
  Conversation c;
  c.id = q.i64(i + 0);
  c.workspace_id = q.i64(i + 1);
  c.contact_id = q.i64(i + 2);
  c.status = readEnum<ConversationStatus>(q, i + 3);
  c.priority = readEnum<Priority>(q, i + 4);
  c.assignee_id = q.optI64(i + 5);
  c.team_id = q.optI64(i + 6);
  c.tags = tagsFromJson(q.text(i + 7));
  c.last_seq = q.i64(i + 8);
  c.created_at = q.i64(i + 9);
  c.updated_at = q.i64(i + 10);
  c.first_reply_at = q.optI64(i + 11);
  c.resolved_at = q.optI64(i + 12);
  c.waiting_since = q.optI64(i + 13);
  c.snoozed_until = q.optI64(i + 14);
  c.visitor_last_read_seq = q.i64(i + 15);
  c.agent_last_read_seq = q.i64(i + 16);
  if (!q.isNull(i + 19)) {
    c.last_message = LastMessage{q.text(i + 17), readEnum<SenderType>(q, i + 18), q.i64(i + 19)};
  }
  if (auto s = q.optI64(i + 20)) c.csat_score = static_cast<int>(*s);
  c.csat_comment = q.optText(i + 21);
  c.contact_name = q.optText(i + 22);
  c.contact_email = q.optText(i + 23);
  c.contact_country = q.optText(i + 24);
  c.visitor_last_seq = q.i64(i + 25);
  c.visitor_read_vseq = q.i64(i + 26);
  c.agent_read_vseq = q.i64(i + 27);
  return c;
}

const std::string kMessageColumns =
    "m.id, m.workspace_id, m.conversation_id, m.seq, m.sender_type, m.sender_id, m.body, m.private, "
    "m.client_id, m.attachments, m.created_at, a.name, a.avatar_url, m.visitor_seq, m.content";

const std::string kSelectMessage =
    "SELECT " + kMessageColumns +
    " FROM messages m LEFT JOIN agents a ON m.sender_type = 'agent' AND a.id = m.sender_id ";

Message readMessage(const Query& q, int i) {
  Message m;
  m.id = q.i64(i + 0);
  m.workspace_id = q.i64(i + 1);
  m.conversation_id = q.i64(i + 2);
  m.seq = q.i64(i + 3);
  m.sender_type = readEnum<SenderType>(q, i + 4);
  m.sender_id = q.optI64(i + 5);
  m.body = q.text(i + 6);
  m.is_private = q.i64(i + 7) != 0;
  m.client_id = q.optText(i + 8);
  m.attachments_json = q.text(i + 9);
  m.created_at = q.i64(i + 10);
  m.sender_name = q.optText(i + 11);
  // An agent without an avatar has '' stored; the API wants that as absent.
  if (auto url = q.optText(i + 12); url && !url->empty()) m.sender_avatar_url = std::move(url);
  m.visitor_seq = q.optI64(i + 13).value_or(0);
  m.content_json = q.optText(i + 14).value_or("");
  return m;
}

const std::string kSelectAgent =
    "SELECT a.id, a.workspace_id, a.email, a.name, a.password_hash, a.role, a.capacity, a.presence, "
    "a.avatar_url, a.active, a.created_at FROM agents a ";

Agent readAgent(const Query& q, int i) {
  Agent a;
  a.id = q.i64(i + 0);
  a.workspace_id = q.i64(i + 1);
  a.email = q.text(i + 2);
  a.name = q.text(i + 3);
  a.password_hash = q.text(i + 4);
  a.role = readEnum<AgentRole>(q, i + 5);
  a.capacity = static_cast<int>(q.i64(i + 6));
  a.presence = readEnum<AgentPresence>(q, i + 7);
  a.avatar_url = q.text(i + 8);
  a.active = q.i64(i + 9) != 0;
  a.created_at = q.i64(i + 10);
  return a;
}

const std::string kSelectContact =
    "SELECT ct.id, ct.workspace_id, ct.external_id, ct.name, ct.email, ct.attributes, ct.country, "
    "ct.timezone, ct.language, ct.browser, ct.os, ct.current_url, ct.current_title, ct.first_seen_at, "
    "ct.last_seen_at FROM contacts ct ";

Contact readContact(const Query& q, int i) {
  Contact c;
  c.id = q.i64(i + 0);
  c.workspace_id = q.i64(i + 1);
  c.external_id = q.optText(i + 2);
  c.name = q.optText(i + 3);
  c.email = q.optText(i + 4);
  c.attributes_json = q.text(i + 5);
  c.country = q.optText(i + 6);
  c.timezone = q.optText(i + 7);
  c.language = q.optText(i + 8);
  c.browser = q.optText(i + 9);
  c.os = q.optText(i + 10);
  c.current_url = q.optText(i + 11);
  c.current_title = q.optText(i + 12);
  c.first_seen_at = q.i64(i + 13);
  c.last_seen_at = q.i64(i + 14);
  return c;
}

const std::string kSelectWorkspace =
    "SELECT w.id, w.public_id, w.name, w.settings, w.hmac_secret, w.allowed_origins, w.created_at "
    "FROM workspaces w ";

Workspace readWorkspace(const Query& q, int i) {
  Workspace w;
  w.id = q.i64(i + 0);
  w.public_id = q.text(i + 1);
  w.name = q.text(i + 2);
  w.settings_json = q.text(i + 3);
  w.hmac_secret = q.text(i + 4);
  w.allowed_origins_json = q.text(i + 5);
  w.created_at = q.i64(i + 6);
  return w;
}

std::string tagsToJson(const std::vector<std::string>& tags) {
  boost::json::array a;
  for (const auto& t : tags) a.emplace_back(t);
  return boost::json::serialize(a);
}

std::vector<std::string> tagsFromJson(std::string_view json) {
  std::vector<std::string> out;
  boost::json::error_code ec;
  auto v = boost::json::parse(json, ec);
  if (ec || !v.is_array()) return out;  // the store writes this column itself; be lenient anyway
  for (const auto& e : v.as_array()) {
    if (e.is_string()) out.emplace_back(e.as_string().c_str(), e.as_string().size());
  }
  return out;
}

std::string likeContains(std::string_view text) {
  std::string p = "%";
  for (char ch : text) {
    if (ch == '%' || ch == '_' || ch == '\\') p.push_back('\\');
    p.push_back(ch);
  }
  p.push_back('%');
  return p;
}

int clampLimit(int limit, int fallback, int max) {
  if (limit <= 0) return fallback;
  return limit > max ? max : limit;
}

std::string lowerAscii(std::string_view s) {
  std::string out(s);
  for (char& ch : out) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  return out;
}

Millis nowMillis() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace parley::sqlite
