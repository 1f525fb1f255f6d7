#include "store_copy_fixture.h"

#include <gtest/gtest.h>

#include <sstream>

#include "security/password.h"

namespace parley::test {

namespace {

template <class T>
std::string opt(const std::optional<T>& v) {
  if (!v) return "null";
  std::ostringstream out;
  out << *v;
  return out.str();
}

NewMessage visitorSays(const Contact& c, Id conversation, std::string body, Millis at, std::string client_id) {
  NewMessage m;
  m.workspace_id = c.workspace_id;
  m.conversation_id = conversation;
  m.contact_id = c.id;
  m.sender_type = SenderType::Visitor;
  m.body = std::move(body);
  m.client_id = std::move(client_id);
  m.created_at = at;
  return m;
}

NewMessage agentSays(const Agent& a, Id conversation, std::string body, Millis at, bool is_private = false) {
  NewMessage m;
  m.workspace_id = a.workspace_id;
  m.conversation_id = conversation;
  m.sender_type = SenderType::Agent;
  m.sender_id = a.id;
  m.body = std::move(body);
  m.is_private = is_private;
  m.created_at = at;
  return m;
}

AppendResult append(Store& store, const NewMessage& m) {
  auto results = store.appendMessages(std::span<const NewMessage>(&m, 1));
  EXPECT_EQ(results.size(), 1u);
  EXPECT_TRUE(results[0].status == AppendResult::Status::Ok || results[0].status == AppendResult::Status::Duplicate)
      << results[0].error;
  return results[0];
}

Agent makeAgent(Store& store, Id workspace, const std::string& email, AgentRole role, int capacity,
                const std::string& password) {
  Agent a;
  a.workspace_id = workspace;
  a.email = email;
  a.name = "Agent " + email;
  a.role = role;
  a.capacity = capacity;
  a.password_hash = hashPassword(password);
  a.avatar_url = "/uploads/avatar-" + email + ".png";
  a.created_at = 1'700'000'000'000;
  return store.createAgent(a);
}

Contact makeContact(Store& store, Id workspace, const std::string& token_hash, std::optional<std::string> name,
                    Millis seen) {
  Contact c;
  c.workspace_id = workspace;
  c.name = std::move(name);
  c.first_seen_at = seen;
  c.last_seen_at = seen;
  c.browser = "Firefox 120";
  c.os = "Linux";
  return store.createContact(c, token_hash);
}

}  // namespace

FilledInstallation fillInstallation(Store& store) {
  setPasswordHashingCost(true);  // real Argon2id strings, at the minimum cost
  FilledInstallation out;
  auto acme = store.createWorkspace(NewWorkspace{"Acme", "acme", ""}, 1'000);
  acme.settings_json = R"({"greeting":"Hi there","business_hours":{"tz":"Europe/Berlin"}})";
  acme.allowed_origins_json = R"(["https://acme.test"])";
  store.updateWorkspace(acme);
  auto other = store.createWorkspace(NewWorkspace{"Other Co", "", ""}, 2'000);
  auto empty = store.createWorkspace(NewWorkspace{"Empty", "", ""}, 3'000);
  out.workspaces = {acme.id, other.id, empty.id};

  auto admin = makeAgent(store, acme.id, "ada@acme.test", AgentRole::Admin, 7, kAdminPassword);
  auto agent = makeAgent(store, acme.id, "bob@acme.test", AgentRole::Agent, 3, "bob-password");
  agent.active = false;  // deactivated agents are history too
  agent.presence = AgentPresence::Away;
  store.updateAgent(agent);
  auto otherAgent = makeAgent(store, other.id, "cy@other.test", AgentRole::Admin, 5, "cy-password");
  store.setAgentPreferences(acme.id, admin.id, R"({"sound":false,"desktop":true})");
  out.admin = admin.id;
  out.agent = agent.id;
  out.other_agent = otherAgent.id;
  out.session_hash = "session-hash-of-ada";
  store.createAgentSession(out.session_hash, admin.id, 4'000'000'000'000);

  out.team = store.createTeam(acme.id, "Billing").id;
  store.setTeamMembers(acme.id, out.team, {admin.id, agent.id});
  store.createTeam(other.id, "Support");

  // A known contact with attributes, and a duplicate merged into it: the duplicate's widget token
  // lives on in visitor_tokens, naming the survivor.
  Contact known;
  known.workspace_id = acme.id;
  known.external_id = "user-42";
  known.name = "Dana Known";
  known.email = "dana@example.com";
  known.attributes_json = R"({"plan":"pro","seats":12,"vip":true})";
  known.country = "DE";
  known.timezone = "Europe/Berlin";
  known.language = "de-DE";
  known.browser = "Chrome 120";
  known.os = "Windows 10";
  known.first_seen_at = 5'000;
  known.last_seen_at = 6'000;
  known = store.createContact(known, "token-hash-dana");
  auto duplicate = makeContact(store, acme.id, "token-hash-dana-phone", std::nullopt, 5'500);
  store.mergeDuplicateContact(acme.id, duplicate.id, known.id, 7'000);
  out.chatting_contact = known.id;
  out.visitor_tokens = {"token-hash-dana", "token-hash-dana-phone"};
  for (int i = 0; i < 3; ++i) {
    PageView pv;
    pv.workspace_id = acme.id;
    pv.contact_id = known.id;
    pv.url = "https://acme.test/pricing?p=" + std::to_string(i);
    pv.title = "Pricing " + std::to_string(i);
    pv.referrer = i == 0 ? "https://search.test/" : "";
    pv.created_at = 8'000 + i;
    store.addPageView(pv);
  }
  auto anonymous = makeContact(store, acme.id, "token-hash-anon", std::nullopt, 9'000);
  auto otherVisitor = makeContact(store, other.id, "token-hash-eve", std::string("Eve"), 9'500);
  out.contacts = {known.id, anonymous.id, otherVisitor.id};

  // The long conversation: a visitor, a resend, replies, a private note, an attachment, a patch
  // touching every inbox column, read markers and a rating.
  auto first = append(store, visitorSays(known, 0, "Hello, my invoice is wrong", 10'000, "v-1"));
  const Id conv = first.conversation.id;
  out.long_conversation = conv;
  append(store, visitorSays(known, conv, "Hello, my invoice is wrong", 10'001, "v-1"));  // a resend: stored once
  append(store, agentSays(admin, conv, "Looking into it", 11'000));
  append(store, agentSays(admin, conv, "Bob, is this the March bug?", 11'500, true));
  auto withFile = visitorSays(known, conv, "Here is the invoice", 12'000, "v-2");
  withFile.attachments_json =
      R"([{"url":"/uploads/1/ab12cd.pdf","name":"invoice März.pdf","type":"application/pdf","size":48213}])";
  append(store, withFile);
  append(store, agentSays(admin, conv, "Fixed, sorry about that", 13'000));
  ConversationPatch patch;
  patch.priority = Priority::High;
  patch.assignee_id = std::optional<Id>(admin.id);
  patch.team_id = std::optional<Id>(out.team);
  patch.tags = std::vector<std::string>{"billing", "vip"};
  store.updateConversation(acme.id, conv, patch, 13'500);
  store.markRead(acme.id, conv, ReaderType::Agent, 5);
  store.markRead(acme.id, conv, ReaderType::Visitor, 3);
  ConversationPatch resolved;
  resolved.status = ConversationStatus::Resolved;
  store.updateConversation(acme.id, conv, resolved, 13'900);
  ConversationPatch rated;  // the visitor's rating, once the conversation is resolved
  rated.csat_score = 5;
  rated.csat_comment = "Quick and kind";
  store.updateConversation(acme.id, conv, rated, 14'000);

  // A second conversation of the same contact after the first was resolved, one of an anonymous
  // visitor, and a snoozed one in the other workspace (its events interleave with Acme's offsets).
  auto again = append(store, visitorSays(known, 0, "One more question", 15'000, "v-3"));
  auto anon = append(store, visitorSays(anonymous, 0, "Is anyone there?", 15'500, "a-1"));
  auto eve = append(store, visitorSays(otherVisitor, 0, "Bonjour", 16'000, "e-1"));
  append(store, agentSays(otherAgent, eve.conversation.id, "Bonjour Eve", 16'500));
  ConversationPatch snooze;
  snooze.status = ConversationStatus::Snoozed;
  snooze.snoozed_until = std::optional<Millis>(20'000);
  store.updateConversation(other.id, eve.conversation.id, snooze, 17'000);
  out.conversations = {{acme.id, conv}, {acme.id, again.conversation.id}, {acme.id, anon.conversation.id},
                       {other.id, eve.conversation.id}};

  store.createCannedReply(acme.id, "thanks", "Thank you for your patience!");
  store.createCannedReply(acme.id, "bye", "Have a nice day");
  store.createCannedReply(other.id, "merci", "Merci beaucoup");
  store.installationSecret("device");
  return out;
}

std::string describe(const Workspace& w) {
  std::ostringstream o;
  o << w.id << "|" << w.public_id << "|" << w.name << "|" << w.settings_json << "|" << w.hmac_secret << "|"
    << w.allowed_origins_json << "|" << w.created_at;
  return o.str();
}

std::string describe(const Agent& a) {
  std::ostringstream o;
  o << a.id << "|" << a.workspace_id << "|" << a.email << "|" << a.name << "|" << a.password_hash << "|" << a.role
    << "|" << a.capacity << "|" << toString(a.presence) << "|" << a.avatar_url << "|" << a.active << "|" << a.created_at;
  return o.str();
}

std::string describe(const Team& t) {
  std::ostringstream o;
  o << t.id << "|" << t.workspace_id << "|" << t.name << "|members";
  for (Id m : t.member_ids) o << " " << m;
  return o.str();
}

std::string describe(const Contact& c) {
  std::ostringstream o;
  o << c.id << "|" << c.workspace_id << "|" << opt(c.external_id) << "|" << opt(c.name) << "|" << opt(c.email) << "|"
    << c.attributes_json << "|" << opt(c.country) << "|" << opt(c.timezone) << "|" << opt(c.language) << "|"
    << opt(c.browser) << "|" << opt(c.os) << "|" << opt(c.current_url) << "|" << opt(c.current_title) << "|"
    << c.first_seen_at << "|" << c.last_seen_at;
  return o.str();
}

std::string describe(const PageView& p) {
  std::ostringstream o;
  o << p.id << "|" << p.workspace_id << "|" << p.contact_id << "|" << p.url << "|" << p.title << "|" << p.referrer
    << "|" << p.created_at;
  return o.str();
}

std::string describe(const Conversation& c) {
  std::ostringstream o;
  o << c.id << "|ws " << c.workspace_id << "|contact " << c.contact_id << "|" << c.status << "|" << c.priority
    << "|assignee " << opt(c.assignee_id) << "|team " << opt(c.team_id) << "|tags";
  for (const auto& t : c.tags) o << " " << t;
  o << "|seq " << c.last_seq << "|" << c.created_at << "|" << c.updated_at << "|first reply " << opt(c.first_reply_at)
    << "|resolved " << opt(c.resolved_at) << "|waiting " << opt(c.waiting_since) << "|snoozed "
    << opt(c.snoozed_until) << "|read " << c.visitor_last_read_seq << " " << c.agent_last_read_seq << "|vseq "
    << c.visitor_last_seq << " " << c.visitor_read_vseq << " " << c.agent_read_vseq << "|last ";
  if (c.last_message)
    o << c.last_message->body << " " << c.last_message->sender_type << " " << c.last_message->created_at;
  o << "|csat " << opt(c.csat_score) << " " << opt(c.csat_comment) << "|contact " << opt(c.contact_name) << " "
    << opt(c.contact_email) << " " << opt(c.contact_country);
  return o.str();
}

std::string describe(const Message& m) {
  std::ostringstream o;
  o << m.id << "|ws " << m.workspace_id << "|conv " << m.conversation_id << "|seq " << m.seq << "|vseq "
    << m.visitor_seq << "|" << m.sender_type << " " << opt(m.sender_id) << "|" << m.body << "|private "
    << m.is_private << "|client " << opt(m.client_id) << "|" << m.attachments_json << "|" << m.created_at << "|"
    << opt(m.sender_name) << "|" << opt(m.sender_avatar_url);
  return o.str();
}

std::string describe(const Event& e) {
  std::ostringstream o;
  o << e.offset << "|ws " << e.workspace_id << "|" << e.type << "|conv " << e.conversation_id << "|msg "
    << opt(e.message_id) << "|" << e.created_at;
  return o.str();
}

std::string describe(const CannedReply& r) {
  std::ostringstream o;
  o << r.id << "|" << r.workspace_id << "|" << r.shortcut << "|" << r.body;
  return o.str();
}

}  // namespace parley::test
