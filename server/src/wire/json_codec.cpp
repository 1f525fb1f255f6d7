#include "wire/json_codec.h"
#include "wire/message_content.h"

#include <cmath>

namespace parley::json {

namespace bj = boost::json;

namespace {
bj::value str(const std::optional<std::string>& s) { return s ? bj::value(*s) : bj::value(nullptr); }
bj::value num(const std::optional<std::int64_t>& n) { return n ? bj::value(*n) : bj::value(nullptr); }
}  // namespace

bj::value parseOr(std::string_view text, bj::value fallback) {
  boost::system::error_code ec;
  auto v = bj::parse(text, ec);
  return ec ? fallback : v;
}

bj::object agent(const Agent& a) {
  return {{"id", a.id},           {"email", a.email},       {"name", a.name},
          {"role", toString(a.role)},       {"capacity", a.capacity}, {"presence", toString(a.presence)},
          {"avatar_url", a.avatar_url}, {"active", a.active}};
}

bj::object workspacePublic(const Workspace& w) {
  return {{"id", w.id}, {"public_id", w.public_id}, {"name", w.name}};
}

bj::object workspaceAdmin(const Workspace& w) {
  auto o = workspacePublic(w);
  o["settings"] = parseOr(w.settings_json, bj::object{});
  o["allowed_origins"] = parseOr(w.allowed_origins_json, bj::array{});
  o["hmac_secret"] = w.hmac_secret;
  return o;
}

bj::object contact(const Contact& c, bool online) {
  return {{"id", c.id},
          {"external_id", str(c.external_id)},
          {"name", str(c.name)},
          {"email", str(c.email)},
          {"attributes", parseOr(c.attributes_json, bj::object{})},
          {"country", str(c.country)},
          {"timezone", str(c.timezone)},
          {"language", str(c.language)},
          {"browser", str(c.browser)},
          {"os", str(c.os)},
          {"first_seen_at", c.first_seen_at},
          {"last_seen_at", c.last_seen_at},
          {"current_url", str(c.current_url)},
          {"current_title", str(c.current_title)},
          {"online", online}};
}

bj::object conversationForVisitor(const Conversation& c) {
  // Counted in visitor seqs: the visitor never learns how many private notes there are.
  bj::object o{{"id", c.id},
               {"status", toString(c.status)},
               {"last_seq", c.visitor_last_seq},
               {"created_at", c.created_at},
               {"updated_at", c.updated_at},
               {"visitor_last_read_seq", c.visitor_read_vseq},
               {"agent_last_read_seq", c.agent_read_vseq},
               {"csat_score", c.csat_score ? bj::value(*c.csat_score) : bj::value(nullptr)}};
  return o;
}

bj::object conversation(const Conversation& c) {
  bj::array tags;
  for (const auto& t : c.tags) tags.emplace_back(t);
  bj::value last = nullptr;
  if (c.last_message)
    last = bj::object{{"body", c.last_message->body},
                      {"sender_type", toString(c.last_message->sender_type)},
                      {"created_at", c.last_message->created_at}};
  return {{"id", c.id},
          {"contact_id", c.contact_id},
          {"status", toString(c.status)},
          {"priority", toString(c.priority)},
          {"assignee_id", num(c.assignee_id)},
          {"team_id", num(c.team_id)},
          {"tags", std::move(tags)},
          {"last_seq", c.last_seq},
          {"created_at", c.created_at},
          {"updated_at", c.updated_at},
          {"first_reply_at", num(c.first_reply_at)},
          {"resolved_at", num(c.resolved_at)},
          {"waiting_since", num(c.waiting_since)},
          {"snoozed_until", num(c.snoozed_until)},
          {"visitor_last_read_seq", c.visitor_last_read_seq},
          {"agent_last_read_seq", c.agent_last_read_seq},
          {"last_message", std::move(last)},
          {"csat_score", c.csat_score ? bj::value(*c.csat_score) : bj::value(nullptr)},
          {"csat_comment", str(c.csat_comment)},
          {"contact", bj::object{{"id", c.contact_id},
                                 {"name", str(c.contact_name)},
                                 {"email", str(c.contact_email)},
                                 {"country", str(c.contact_country)}}}};
}

bj::object message(const Message& m, bool for_visitor) {
  bj::value sender = nullptr;
  if (m.sender_name)
    sender = bj::object{{"name", *m.sender_name}, {"avatar_url", m.sender_avatar_url.value_or("")}};
  bj::object out{{"id", m.id},
          {"conversation_id", m.conversation_id},
          {"seq", for_visitor ? m.visitor_seq : m.seq},
          {"sender_type", toString(m.sender_type)},
          {"sender_id", num(m.sender_id)},
          {"sender", std::move(sender)},
          {"body", m.body},
          {"private", m.is_private},
          {"client_id", str(m.client_id)},
          {"attachments", parseOr(m.attachments_json, bj::array{})},
          {"created_at", m.created_at}};
  if (auto c = contentField(m.content_json)) out[c->key] = bj::parse(c->json);
  return out;
}

bj::object pageView(const PageView& p) {
  return {{"url", p.url}, {"title", p.title}, {"referrer", p.referrer}, {"created_at", p.created_at}};
}

bj::object team(const Team& t) {
  bj::array members;
  for (auto id : t.member_ids) members.emplace_back(id);
  return {{"id", t.id}, {"name", t.name}, {"member_ids", std::move(members)}};
}

std::optional<std::string> optString(const bj::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return std::nullopt;
  if (!it->value().is_string()) throw FieldError{std::string(key), "must be a string"};
  return std::string(it->value().get_string());
}

bool hasNonFiniteNumber(const bj::value& v) {
  switch (v.kind()) {
    case bj::kind::double_:
      return !std::isfinite(v.get_double());
    case bj::kind::array:
      for (const auto& e : v.get_array())
        if (hasNonFiniteNumber(e)) return true;
      return false;
    case bj::kind::object:
      for (const auto& [k, e] : v.get_object())
        if (hasNonFiniteNumber(e)) return true;
      return false;
    default:
      return false;
  }
}

std::optional<std::int64_t> optInt(const bj::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return std::nullopt;
  const auto& v = it->value();
  if (v.is_int64()) return v.get_int64();
  if (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
    return static_cast<std::int64_t>(v.get_uint64());
  // A double converts only when it is a whole number inside int64's range (casting one outside
  // it is undefined behaviour: 1e19 came from the fuzzer).
  if (v.is_double()) {
    const double d = v.get_double();
    if (std::isfinite(d) && d >= -9223372036854775808.0 && d < 9223372036854775808.0 && d == std::trunc(d))
      return static_cast<std::int64_t>(d);
  }
  throw FieldError{std::string(key), "must be an integer"};
}

std::optional<bool> optBool(const bj::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return std::nullopt;
  if (!it->value().is_bool()) throw FieldError{std::string(key), "must be true or false"};
  return it->value().get_bool();
}

std::string reqString(const bj::object& o, std::string_view key) {
  auto v = optString(o, key);
  if (!v) throw FieldError{std::string(key), "is required"};
  return *v;
}

std::int64_t reqInt(const bj::object& o, std::string_view key) {
  auto v = optInt(o, key);
  if (!v) throw FieldError{std::string(key), "is required"};
  return *v;
}

bool isNull(const bj::object& o, std::string_view key) {
  auto it = o.find(key);
  return it != o.end() && it->value().is_null();
}

}  // namespace parley::json
