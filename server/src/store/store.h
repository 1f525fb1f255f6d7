// The storage interface. Handlers and the realtime hub only see this; SQLite (default) and
// PostgreSQL (many nodes) implement it. Every query is scoped by workspace id, so a caller can
// never read another workspace's rows by guessing an id.
//
// Methods are synchronous and thread-safe. Writers that must be fast (messages) are batched by
// MessageWriter into appendMessages(), which commits many messages in one transaction.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "domain/conversation_patch.h"
#include "domain/model.h"

namespace parley {

inline constexpr int kMaxPageViewsPerContact = 200;

// A unique constraint was hit (e.g. an agent email already taken). The message is for people
// ("an agent with this email already exists"), never the database's own text; `field` names the
// input that collided when the store knows it.
struct StoreConflict : std::runtime_error {
  explicit StoreConflict(const std::string& message, std::string field = {})
      : std::runtime_error(message), field(std::move(field)) {}
  std::string field;
};

// A conversation patch that cannot apply (domain applyPatch's refusal, or an assignee or team that
// is not in the workspace). Nothing was written; what() is for people, `field` names the input.
struct InvalidPatch : std::invalid_argument {
  explicit InvalidPatch(const PatchRefusal& r) : std::invalid_argument(r.message), field(r.field) {}
  std::string field;
};

struct NewWorkspace {
  std::string name;
  std::string public_id;     // empty: the store makes one
  std::string hmac_secret;   // empty: the store makes one
};

struct ConversationFilter {
  std::optional<ConversationStatus> status;
  enum class Assignee { Any, None, Id } assignee = Assignee::Any;
  Id assignee_id = 0;
  std::optional<Id> team_id;
  std::optional<std::string> tag;
  std::optional<Priority> priority;
  std::optional<Id> contact_id;
  std::string sort = "newest";  // newest (updated_at desc) | waiting (waiting_since asc) | priority
  std::string cursor;           // opaque, from the previous page's next_cursor (same sort); a
                                // malformed one or an unknown sort throws std::invalid_argument
  int limit = 50;
};

struct ConversationPage {
  std::vector<Conversation> conversations;
  std::optional<std::string> next_cursor;
};

struct ConversationChange {
  Conversation conversation;
  std::int64_t offset = 0;   // of the conversation.updated event
};

struct NewMessage {
  Id workspace_id = 0;
  Id conversation_id = 0;    // 0: a visitor's first send, use the open conversation or open one
                             // (also for an agent's proactive message to contact_id)
  Id contact_id = 0;         // for visitor messages: the visitor; checked against the conversation
  SenderType sender_type = SenderType::System;
  std::optional<Id> sender_id;
  std::string body;
  bool is_private = false;
  std::optional<std::string> client_id;
  std::string attachments_json = "[]";
  Millis created_at = 0;
};

struct AppendResult {
  enum class Status { Ok, Duplicate, NotFound, Invalid, Failed } status = Status::Ok;  // Failed: set by MessageWriter when the store threw
  std::string error;               // for NotFound / Invalid
  Message message;                 // the stored message (the first one on Duplicate)
  Conversation conversation;       // as it is after this message
  bool conversation_created = false;
  std::int64_t conversation_created_offset = 0;
  std::int64_t offset = 0;         // of the message.created event (0 on Duplicate)
};

// A replayed event with the rows it references, loaded in one go.
struct EventRecord {
  Event event;
  Conversation conversation;
  std::optional<Message> message;
};

struct CannedReply {
  Id id = 0;
  Id workspace_id = 0;
  std::string shortcut;   // unique per workspace
  std::string body;
};

// One full-text hit. `snippet` is plain text around the match (no highlight markup).
struct MessageHit {
  Id conversation_id = 0;
  Id message_id = 0;
  std::int64_t seq = 0;
  std::string snippet;
  Millis created_at = 0;
};

struct TagCount {
  std::string name;
  std::int64_t count = 0;
};

// The contacts page: everyone the workspace has met, newest seen first, paged by keyset.
struct ContactFilter {
  std::string query;              // substring of name, email or external id (ASCII case-insensitive); empty: all
  std::string segment = "all";    // all | known (has a name, email or user id) | chatted (has a conversation)
  std::string cursor;             // opaque, from the previous page's next_cursor; a malformed one throws
                                  // std::invalid_argument, as does an unknown segment
  int limit = 50;
};

struct ContactListItem {
  Contact contact;
  std::int64_t conversation_count = 0;
};

struct ContactPage {
  std::vector<ContactListItem> contacts;
  std::optional<std::string> next_cursor;
};

// The outcome of merging an anonymous visitor into a known contact (identify).
struct ContactMerge {
  Contact contact;                          // the surviving contact
  std::vector<ConversationChange> moved;    // conversations that changed contact, each logged
};

class Store {
 public:
  virtual ~Store() = default;

  // Names this database; a client holding a cursor from another epoch reloads.
  virtual std::string epoch() = 0;

  // Workspaces
  virtual Workspace createWorkspace(const NewWorkspace& w, Millis now) = 0;
  virtual std::optional<Workspace> workspaceById(Id id) = 0;
  virtual std::optional<Workspace> workspaceByPublicId(std::string_view public_id) = 0;
  virtual std::optional<Workspace> firstWorkspace() = 0;
  virtual void updateWorkspace(const Workspace& w) = 0;

  // Agents. Emails are unique across the whole store (login is by email alone).
  virtual Agent createAgent(const Agent& a) = 0;   // throws StoreConflict on a taken email
  virtual std::optional<Agent> agentById(Id workspace_id, Id id) = 0;
  virtual std::optional<Agent> agentByEmail(std::string_view email) = 0;
  virtual std::vector<Agent> listAgents(Id workspace_id) = 0;
  virtual void updateAgent(const Agent& a) = 0;    // throws StoreConflict on a taken email
  virtual std::size_t countAgents() = 0;

  // Agent sessions: only the token's hash is stored.
  virtual void createAgentSession(std::string_view token_hash, Id agent_id, Millis expires_at) = 0;
  virtual std::optional<Agent> agentBySession(std::string_view token_hash, Millis now) = 0;
  virtual void deleteAgentSession(std::string_view token_hash) = 0;
  // Ends every session of the agent (deactivation, role or password change); returns how many.
  virtual std::size_t deleteAgentSessions(Id agent_id) = 0;

  // A random secret of the installation, made on first use and kept (e.g. the key that signs
  // login device tokens). `name` picks one of several.
  virtual std::string installationSecret(std::string_view name) = 0;

  // Changes when another process (say `parley agent password`) commits to this database; a
  // running server polls it to notice such changes. Constant for stores that see no such thing.
  virtual std::uint64_t changesFromOtherProcesses() { return 0; }

  // Teams
  virtual Team createTeam(Id workspace_id, std::string_view name) = 0;
  virtual std::vector<Team> listTeams(Id workspace_id) = 0;
  virtual void setTeamMembers(Id workspace_id, Id team_id, const std::vector<Id>& agent_ids) = 0;

  // Contacts (visitors). The visitor token is stored hashed.
  virtual Contact createContact(const Contact& c, std::string_view visitor_token_hash) = 0;
  virtual std::optional<Contact> contactByVisitorToken(Id workspace_id, std::string_view token_hash) = 0;
  virtual std::optional<Contact> contactById(Id workspace_id, Id id) = 0;
  virtual void updateContact(const Contact& c) = 0;
  // Also sets the contact's current page. A contact keeps its newest kMaxPageViewsPerContact.
  virtual void addPageView(const PageView& pv) = 0;
  virtual std::vector<PageView> pageViews(Id workspace_id, Id contact_id, int limit) = 0;

  // Conversations
  virtual std::optional<Conversation> conversationById(Id workspace_id, Id id) = 0;
  virtual std::optional<Conversation> openConversationForContact(Id workspace_id, Id contact_id) = 0;
  virtual ConversationPage listConversations(Id workspace_id, const ConversationFilter& f) = 0;
  // Applies the patch with domain applyPatch to the conversation as stored (in one transaction),
  // writes the result and logs conversation.updated; nullopt when the conversation is not found.
  // Throws InvalidPatch (nothing written) when applyPatch refuses, or for an assignee/team that is
  // not in this workspace.
  virtual std::optional<ConversationChange> updateConversation(Id workspace_id, Id id,
                                                               const ConversationPatch& p, Millis now) = 0;
  // Read markers only move forward (and never past the last message); the visitor's `seq` is
  // counted in visitor seqs, the agent's in seqs. Returns the conversation after the change.
  virtual std::optional<Conversation> markRead(Id workspace_id, Id conversation_id,
                                               ReaderType reader, std::int64_t seq) = 0;

  // Messages: each entry is handled on its own (one failing does not fail the others), all in one
  // transaction; the results are in the input's order.
  virtual std::vector<AppendResult> appendMessages(std::span<const NewMessage> batch) = 0;
  // The same, but the commit may return before it is on disk; syncCommitted() then makes every
  // commit made so far durable. MessageWriter uses the pair to let one batch wait for the disk
  // while the next batch is written. syncCommitted() may run on another thread than the writes.
  virtual std::vector<AppendResult> appendMessagesUnsynced(std::span<const NewMessage> batch) {
    return appendMessages(batch);
  }
  virtual void syncCommitted() {}
  // include_private: every message after seq `after_seq`, by seq (agents). Otherwise the
  // visitor's view: public messages after visitor seq `after_seq`, by visitor seq.
  virtual std::vector<Message> messagesAfter(Id workspace_id, Id conversation_id, std::int64_t after_seq,
                                             int limit, bool include_private) = 0;

  // Event log
  virtual std::vector<EventRecord> eventsAfter(Id workspace_id, std::int64_t after_offset, int limit) = 0;
  virtual std::int64_t lastOffset(Id workspace_id) = 0;

  // ---- Added with the SQLite store ----

  // Renames and/or replaces the members (agents of other workspaces are ignored); nullopt when
  // the team is not in this workspace.
  virtual std::optional<Team> updateTeam(Id workspace_id, Id team_id, std::optional<std::string> name,
                                         std::optional<std::vector<Id>> member_ids) = 0;

  // Canned replies. create/update throw StoreConflict on a shortcut taken in the workspace.
  virtual CannedReply createCannedReply(Id workspace_id, std::string_view shortcut, std::string_view body) = 0;
  virtual std::vector<CannedReply> listCannedReplies(Id workspace_id) = 0;   // by shortcut
  virtual std::optional<CannedReply> updateCannedReply(const CannedReply& r) = 0;  // nullopt: not found
  virtual bool deleteCannedReply(Id workspace_id, Id id) = 0;                // false: not found

  // Search. The query is plain words (all must match); FTS syntax in it is treated as text.
  // Private notes are included: only agents search.
  virtual std::vector<MessageHit> searchMessages(Id workspace_id, std::string_view query, int limit) = 0;
  // Substring match on name, email or external id, case-insensitive for ASCII; newest seen first.
  virtual std::vector<Contact> searchContacts(Id workspace_id, std::string_view query, int limit) = 0;
  // Every tag in use with the number of conversations carrying it, most used first.
  virtual std::vector<TagCount> tagCounts(Id workspace_id) = 0;

  // Identify: the contact that already has this external id, if any.
  virtual std::optional<Contact> contactByExternalId(Id workspace_id, std::string_view external_id) = 0;
  // Moves from_id's conversations, messages and page views to into_id, deletes from_id and gives
  // into_id the visitor token hash (the caller issues a fresh token: tokens are stored hashed).
  // Logs conversation.updated per moved conversation. nullopt when either contact is not found.
  virtual std::optional<ContactMerge> mergeContacts(Id workspace_id, Id from_id, Id into_id,
                                                    std::string_view visitor_token_hash, Millis now) = 0;
  // Contacts seen at or after `since`, newest first (candidates for "online now").
  virtual std::vector<Contact> contactsSeenSince(Id workspace_id, Millis since, int limit) = 0;
  // Snoozed conversations whose snoozed_until <= now, across all workspaces (the wake-up job).
  virtual std::vector<Conversation> dueSnoozed(Millis now, int limit) = 0;

  // ---- Added for contacts and agent profiles (issue 10) ----

  virtual ContactPage listContacts(Id workspace_id, const ContactFilter& f) = 0;
  // An agent merging a duplicate: like mergeContacts, but the duplicate's widget tokens keep working
  // (they now name the survivor), and the survivor also learns the duplicate's attributes and user
  // id where it has none. Throws StoreConflict (nothing written) when both have different user ids.
  virtual std::optional<ContactMerge> mergeDuplicateContact(Id workspace_id, Id from_id, Id into_id, Millis now) = 0;

  // The agent's own settings (notification preferences) as a JSON object the API has validated;
  // "{}" when none were saved. set returns false when the agent is not in this workspace.
  virtual std::string agentPreferences(Id workspace_id, Id agent_id) = 0;
  virtual bool setAgentPreferences(Id workspace_id, Id agent_id, std::string_view json) = 0;
  // Only the hash: a concurrent PATCH of the name cannot write an old hash back.
  virtual bool setAgentPasswordHash(Id workspace_id, Id agent_id, std::string_view password_hash) = 0;
  // The stored (hashed) tokens of the agent's live sessions, to end all but the current one.
  virtual std::vector<std::string> agentSessionHashes(Id agent_id, Millis now) = 0;
};

}  // namespace parley
