#include "store/postgres/pg_rows.h"

#include <boost/json.hpp>

#include "domain/ascii.h"

namespace parley::pg {

const std::string kConversationColumns =
    "c.id, c.workspace_id, c.contact_id, c.status, c.priority, c.assignee_id, c.team_id, c.tags, "
    "c.last_seq, c.created_at, c.updated_at, c.first_reply_at, c.resolved_at, c.waiting_since, "
    "c.snoozed_until, c.visitor_last_read_seq, c.agent_last_read_seq, c.last_message_body, "
    "c.last_message_sender_type, c.last_message_at, c.csat_score, c.csat_comment, "
    "ct.name, ct.email, ct.country, c.visitor_last_seq, c.visitor_read_vseq, c.agent_read_vseq";

const std::string kSelectConversation =
    "SELECT " + kConversationColumns + " FROM conversations c JOIN contacts ct ON ct.id = c.contact_id ";

Conversation readConversation(const Result& r, int row, int i) {
  Conversation c;
  c.id = r.i64(row, i + 0);
  c.workspace_id = r.i64(row, i + 1);
  c.contact_id = r.i64(row, i + 2);
  c.status = readEnum<ConversationStatus>(r, row, i + 3);
  c.priority = readEnum<Priority>(r, row, i + 4);
  c.assignee_id = r.optI64(row, i + 5);
  c.team_id = r.optI64(row, i + 6);
  c.tags = tagsFromJson(r.text(row, i + 7));
  c.last_seq = r.i64(row, i + 8);
  c.created_at = r.i64(row, i + 9);
  c.updated_at = r.i64(row, i + 10);
  c.first_reply_at = r.optI64(row, i + 11);
  c.resolved_at = r.optI64(row, i + 12);
  c.waiting_since = r.optI64(row, i + 13);
  c.snoozed_until = r.optI64(row, i + 14);
  c.visitor_last_read_seq = r.i64(row, i + 15);
  c.agent_last_read_seq = r.i64(row, i + 16);
  if (!r.isNull(row, i + 19)) {
    c.last_message = LastMessage{r.text(row, i + 17), readEnum<SenderType>(r, row, i + 18), r.i64(row, i + 19)};
  }
  if (auto s = r.optI64(row, i + 20)) c.csat_score = static_cast<int>(*s);
  c.csat_comment = r.optText(row, i + 21);
  c.contact_name = r.optText(row, i + 22);
  c.contact_email = r.optText(row, i + 23);
  c.contact_country = r.optText(row, i + 24);
  c.visitor_last_seq = r.i64(row, i + 25);
  c.visitor_read_vseq = r.i64(row, i + 26);
  c.agent_read_vseq = r.i64(row, i + 27);
  return c;
}

const std::string kMessageColumns =
    "m.id, m.workspace_id, m.conversation_id, m.seq, m.sender_type, m.sender_id, m.body, m.private, "
    "m.client_id, m.attachments, m.created_at, a.name, a.avatar_url, m.visitor_seq, m.content";

const std::string kSelectMessage =
    "SELECT " + kMessageColumns +
    " FROM messages m LEFT JOIN agents a ON m.sender_type = 'agent' AND a.id = m.sender_id ";

Message readMessage(const Result& r, int row, int i) {
  Message m;
  m.id = r.i64(row, i + 0);
  m.workspace_id = r.i64(row, i + 1);
  m.conversation_id = r.i64(row, i + 2);
  m.seq = r.i64(row, i + 3);
  m.sender_type = readEnum<SenderType>(r, row, i + 4);
  m.sender_id = r.optI64(row, i + 5);
  m.body = r.text(row, i + 6);
  m.is_private = r.boolean(row, i + 7);
  m.client_id = r.optText(row, i + 8);
  m.attachments_json = r.text(row, i + 9);
  m.created_at = r.i64(row, i + 10);
  m.sender_name = r.optText(row, i + 11);
  // An agent without an avatar has '' stored; the API wants that as absent.
  if (auto url = r.optText(row, i + 12); url && !url->empty()) m.sender_avatar_url = std::move(url);
  m.visitor_seq = r.optI64(row, i + 13).value_or(0);
  m.content_json = r.optText(row, i + 14).value_or("");
  return m;
}

const std::string kSelectContact =
    "SELECT ct.id, ct.workspace_id, ct.external_id, ct.name, ct.email, ct.attributes, ct.country, "
    "ct.timezone, ct.language, ct.browser, ct.os, ct.current_url, ct.current_title, ct.first_seen_at, "
    "ct.last_seen_at FROM contacts ct ";

Contact readContact(const Result& r, int row, int i) {
  Contact c;
  c.id = r.i64(row, i + 0);
  c.workspace_id = r.i64(row, i + 1);
  c.external_id = r.optText(row, i + 2);
  c.name = r.optText(row, i + 3);
  c.email = r.optText(row, i + 4);
  c.attributes_json = r.text(row, i + 5);
  c.country = r.optText(row, i + 6);
  c.timezone = r.optText(row, i + 7);
  c.language = r.optText(row, i + 8);
  c.browser = r.optText(row, i + 9);
  c.os = r.optText(row, i + 10);
  c.current_url = r.optText(row, i + 11);
  c.current_title = r.optText(row, i + 12);
  c.first_seen_at = r.i64(row, i + 13);
  c.last_seen_at = r.i64(row, i + 14);
  return c;
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
  if (ec || !v.is_array()) return out;
  for (const auto& e : v.as_array()) {
    if (e.is_string()) out.emplace_back(e.as_string().c_str(), e.as_string().size());
  }
  return out;
}

std::string likeContainsLower(std::string_view text) {
  std::string p = "%";
  for (char ch : asciiLower(text)) {
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

}  // namespace parley::pg
