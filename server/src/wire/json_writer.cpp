#include "wire/json_writer.h"
#include "wire/message_content.h"

#include <boost/json.hpp>

#include <charconv>

namespace parley::json {

void JsonWriter::separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_) out_ += ',';
  first_ = false;
}

JsonWriter& JsonWriter::beginObject() {
  separate();
  out_ += '{';
  first_ = true;
  return *this;
}

JsonWriter& JsonWriter::endObject() {
  out_ += '}';
  first_ = false;
  return *this;
}

JsonWriter& JsonWriter::beginArray() {
  separate();
  out_ += '[';
  first_ = true;
  return *this;
}

JsonWriter& JsonWriter::endArray() {
  out_ += ']';
  first_ = false;
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view k) {
  separate();
  out_ += '"';
  out_ += k;
  out_ += "\":";
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view s) {
  separate();
  static constexpr char kHex[] = "0123456789abcdef";
  out_.reserve(out_.size() + s.size() + 2);
  out_ += '"';
  std::size_t run = 0;  // start of the bytes that need no escaping, copied in one go
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out_.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\b': out_ += "\\b"; break;
      case '\f': out_ += "\\f"; break;
      case '\n': out_ += "\\n"; break;
      case '\r': out_ += "\\r"; break;
      case '\t': out_ += "\\t"; break;
      default:
        out_ += "\\u00";
        out_ += kHex[c >> 4];
        out_ += kHex[c & 0xF];
    }
  }
  out_.append(s.data() + run, s.size() - run);
  out_ += '"';
  return *this;
}

JsonWriter& JsonWriter::stringOrNull(const std::optional<std::string>& s) { return s ? string(*s) : null(); }

JsonWriter& JsonWriter::number(std::int64_t n) {
  separate();
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
  out_.append(buf, end);
  return *this;
}

JsonWriter& JsonWriter::numberOrNull(const std::optional<std::int64_t>& n) { return n ? number(*n) : null(); }

JsonWriter& JsonWriter::boolean(bool b) {
  separate();
  out_ += b ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null() {
  separate();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
  separate();
  out_ += json;
  return *this;
}

void writeMessage(JsonWriter& w, const Message& m, bool for_visitor) {
  w.beginObject();
  w.key("id").number(m.id);
  w.key("conversation_id").number(m.conversation_id);
  w.key("seq").number(for_visitor ? m.visitor_seq : m.seq);
  w.key("sender_type").string(toString(m.sender_type));
  w.key("sender_id").numberOrNull(m.sender_id);
  w.key("sender");
  if (m.sender_name) {
    w.beginObject();
    w.key("name").string(*m.sender_name);
    w.key("avatar_url").string(m.sender_avatar_url.value_or(""));
    w.endObject();
  } else {
    w.null();
  }
  w.key("body").string(m.body);
  w.key("private").boolean(m.is_private);
  w.key("client_id").stringOrNull(m.client_id);
  w.key("attachments");
  if (m.attachments_json == "[]") {
    w.raw("[]");
  } else {
    // Stored text is ours, but re-encode it so a damaged row can never break the frame.
    boost::system::error_code ec;
    auto v = boost::json::parse(m.attachments_json, ec);
    w.raw(ec ? std::string("[]") : boost::json::serialize(v));
  }
  w.key("created_at").number(m.created_at);
  if (auto c = contentField(m.content_json)) w.key(c->key).raw(c->json);
  w.endObject();
}

void writeConversationForVisitor(JsonWriter& w, const Conversation& c) {
  w.beginObject();
  w.key("id").number(c.id);
  w.key("status").string(toString(c.status));
  w.key("last_seq").number(c.visitor_last_seq);
  w.key("created_at").number(c.created_at);
  w.key("updated_at").number(c.updated_at);
  w.key("visitor_last_read_seq").number(c.visitor_read_vseq);
  w.key("agent_last_read_seq").number(c.agent_read_vseq);
  w.key("csat_score");
  if (c.csat_score) w.number(*c.csat_score); else w.null();
  w.endObject();
}

void writeConversation(JsonWriter& w, const Conversation& c) {
  w.beginObject();
  w.key("id").number(c.id);
  w.key("contact_id").number(c.contact_id);
  w.key("status").string(toString(c.status));
  w.key("priority").string(toString(c.priority));
  w.key("assignee_id").numberOrNull(c.assignee_id);
  w.key("team_id").numberOrNull(c.team_id);
  w.key("tags").beginArray();
  for (const auto& t : c.tags) w.string(t);
  w.endArray();
  w.key("last_seq").number(c.last_seq);
  w.key("created_at").number(c.created_at);
  w.key("updated_at").number(c.updated_at);
  w.key("first_reply_at").numberOrNull(c.first_reply_at);
  w.key("resolved_at").numberOrNull(c.resolved_at);
  w.key("waiting_since").numberOrNull(c.waiting_since);
  w.key("snoozed_until").numberOrNull(c.snoozed_until);
  w.key("visitor_last_read_seq").number(c.visitor_last_read_seq);
  w.key("agent_last_read_seq").number(c.agent_last_read_seq);
  w.key("last_message");
  if (c.last_message) {
    w.beginObject();
    w.key("body").string(c.last_message->body);
    w.key("sender_type").string(toString(c.last_message->sender_type));
    w.key("created_at").number(c.last_message->created_at);
    w.endObject();
  } else {
    w.null();
  }
  w.key("csat_score");
  if (c.csat_score) w.number(*c.csat_score); else w.null();
  w.key("csat_comment").stringOrNull(c.csat_comment);
  w.key("contact").beginObject();
  w.key("id").number(c.contact_id);
  w.key("name").stringOrNull(c.contact_name);
  w.key("email").stringOrNull(c.contact_email);
  w.key("country").stringOrNull(c.contact_country);
  w.endObject();
  w.endObject();
}

std::string messageJson(const Message& m, bool for_visitor) {
  std::string out;
  out.reserve(256 + m.body.size());
  JsonWriter w(out);
  writeMessage(w, m, for_visitor);
  return out;
}

std::string conversationJson(const Conversation& c) {
  std::string out;
  out.reserve(512);
  JsonWriter w(out);
  writeConversation(w, c);
  return out;
}

std::string conversationForVisitorJson(const Conversation& c) {
  std::string out;
  out.reserve(192);
  JsonWriter w(out);
  writeConversationForVisitor(w, c);
  return out;
}

}  // namespace parley::json
