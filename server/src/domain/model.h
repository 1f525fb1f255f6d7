// Plain records shared by the store, the HTTP handlers and the realtime hub.
// No behaviour here: rules live in the other domain/ files, I/O in store/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/enums.h"

namespace parley {

using Id = std::int64_t;
using Millis = std::int64_t;  // milliseconds since the Unix epoch
inline constexpr Millis kMsPerDay = 86'400'000;

struct Workspace {
  Id id = 0;
  std::string public_id;        // what the snippet names; never the numeric id
  std::string name;
  std::string settings_json = "{}";
  std::string hmac_secret;      // identity verification secret (hex)
  std::string allowed_origins_json = "[]";  // JSON array of origins; empty = any
  Millis created_at = 0;
};

struct Agent {
  Id id = 0;
  Id workspace_id = 0;
  std::string email;
  std::string name;
  std::string password_hash;    // Argon2id string from libsodium
  AgentRole role = AgentRole::Agent;
  int capacity = 5;             // open conversations auto-assignment may give
  AgentPresence presence = AgentPresence::Offline;
  std::string avatar_url;
  bool active = true;
  Millis created_at = 0;
};

struct Team {
  Id id = 0;
  Id workspace_id = 0;
  std::string name;
  std::vector<Id> member_ids;
};

struct Contact {
  Id id = 0;
  Id workspace_id = 0;
  std::optional<std::string> external_id;  // the site's user id after identify
  std::optional<std::string> name;
  std::optional<std::string> email;
  std::string attributes_json = "{}";
  std::optional<std::string> country;      // ISO 3166 alpha-2
  std::optional<std::string> timezone;     // IANA, e.g. Europe/Berlin
  std::optional<std::string> language;     // BCP 47, e.g. de-DE
  std::optional<std::string> browser;      // "Chrome 120"
  std::optional<std::string> os;           // "Windows 10"
  std::optional<std::string> current_url;
  std::optional<std::string> current_title;
  Millis first_seen_at = 0;
  Millis last_seen_at = 0;
};

struct PageView {
  Id id = 0;
  Id workspace_id = 0;
  Id contact_id = 0;
  std::string url;
  std::string title;
  std::string referrer;
  Millis created_at = 0;
};

struct LastMessage {
  std::string body;
  SenderType sender_type = SenderType::System;
  Millis created_at = 0;
};

struct Conversation {
  Id id = 0;
  Id workspace_id = 0;
  Id contact_id = 0;
  ConversationStatus status = ConversationStatus::Open;
  Priority priority = Priority::None;
  std::optional<Id> assignee_id;
  std::optional<Id> team_id;
  std::vector<std::string> tags;
  std::int64_t last_seq = 0;
  Millis created_at = 0;
  Millis updated_at = 0;
  std::optional<Millis> first_reply_at;
  std::optional<Millis> resolved_at;
  std::optional<Millis> waiting_since;   // set while the visitor waits for an agent
  std::optional<Millis> snoozed_until;
  std::int64_t visitor_last_read_seq = 0;
  std::int64_t agent_last_read_seq = 0;
  // The same three counted in visitor seqs (public messages only, without gaps): all the visitor
  // is ever shown, so that a visitor cannot count the private notes.
  std::int64_t visitor_last_seq = 0;
  std::int64_t visitor_read_vseq = 0;
  std::int64_t agent_read_vseq = 0;
  std::optional<LastMessage> last_message;
  std::optional<int> csat_score;
  std::optional<std::string> csat_comment;
  // Denormalised from the contact for list views.
  std::optional<std::string> contact_name;
  std::optional<std::string> contact_email;
  std::optional<std::string> contact_country;
};

struct Message {
  Id id = 0;
  Id workspace_id = 0;
  Id conversation_id = 0;
  std::int64_t seq = 0;
  std::int64_t visitor_seq = 0;     // the visitor's count (public messages only); 0 for a private note
  SenderType sender_type = SenderType::System;
  std::optional<Id> sender_id;      // contact id for visitors, agent id for agents
  std::string body;
  bool is_private = false;          // agents' private note: never shown to the visitor
  std::optional<std::string> client_id;
  std::string attachments_json = "[]";
  Millis created_at = 0;
  // Filled for agent messages from the agents table.
  std::optional<std::string> sender_name;
  std::optional<std::string> sender_avatar_url;
  // Structured content (issue 14): quick replies, article cards or a quick-reply press, as the
  // canonical JSON of wire/message_content; empty for a plain message.
  std::string content_json;
};

// One row of the per-workspace event log. It references rows instead of copying them:
// a replay shows the message as stored and the conversation as it is now.
struct Event {
  std::int64_t offset = 0;
  Id workspace_id = 0;
  std::string type;                 // message.created | conversation.created | conversation.updated
  Id conversation_id = 0;
  std::optional<Id> message_id;
  Millis created_at = 0;
};

}  // namespace parley
