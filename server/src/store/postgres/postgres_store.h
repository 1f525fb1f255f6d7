// The PostgreSQL store (issue 12): every store interface on one database that several server
// processes or nodes share. Made of parts: PostgresAccounts (workspaces, agents, sessions, teams,
// canned replies, installation secrets) and, implemented here across postgres_*.cpp by concept,
// contacts, conversations, the message log, the event log and search; all of them borrow
// connections from one pool.
//
// What holds across instances (store.h's contracts, and issue 12's guarantees):
//  - seq per conversation without gaps or duplicates: an append locks the conversation row
//    (SELECT ... FOR UPDATE) before numbering, so a writer on another instance waits for the
//    commit and then numbers after it;
//  - client_id idempotency: a unique index (messages_client_id_unique) is the arbiter; a resend
//    that meets it finds the first message, as on SQLite;
//  - event offsets in commit order, per workspace (postgres_events.cpp): a reader that has seen
//    offset N can never later find a smaller offset committed;
//  - durability: synchronous_commit = on (PostgreSQL's default, and set again on every message
//    transaction), so a commit that returned is on disk; syncCommitted() has nothing left to do.
//
// Lock order, so that writers on different instances cannot deadlock: a transaction that logs
// events first locks its workspaces' event_counters rows (in workspace id order), then the rows it
// writes (contacts by id, conversations), then agents (auto-assignment locks its candidates).
//
// Work that every node may try at once and only one may do (the snooze wake-up, auto-assignment)
// is claimed in one transaction: postgres_claims.cpp.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/postgres/pg_pool.h"
#include "store/postgres/postgres_accounts.h"
#include "store/store.h"

namespace parley {

class PostgresStore : public Store {
 public:
  // Connects (`url`: postgresql://USER@HOST:PORT/DB), applies pending migrations and reads the
  // epoch. Throws pg::PgError when the server cannot be reached.
  explicit PostgresStore(const std::string& url, std::size_t connections = kDefaultConnections);
  ~PostgresStore() override;

  // MessageWriter's batch, the server's readers and the bus's catch-up each hold one at a time.
  static constexpr std::size_t kDefaultConnections = 6;

  // WorkspaceStore, AgentStore, AgentSessionStore, TeamStore, CannedReplyStore, InstallationStore:
  // PostgresAccounts' (postgres_store.cpp forwards).
  Workspace createWorkspace(const NewWorkspace& w, Millis now) override;
  std::optional<Workspace> workspaceById(Id id) override;
  std::optional<Workspace> workspaceByPublicId(std::string_view public_id) override;
  std::optional<Workspace> firstWorkspace() override;
  void updateWorkspace(const Workspace& w) override;
  Agent createAgent(const Agent& a) override;
  std::optional<Agent> agentById(Id workspace_id, Id id) override;
  std::optional<Agent> agentByEmail(std::string_view email) override;
  std::vector<Agent> listAgents(Id workspace_id) override;
  void updateAgent(const Agent& a) override;
  std::size_t countAgents() override;
  bool setAgentPasswordHash(Id workspace_id, Id agent_id, std::string_view password_hash) override;
  std::string agentPreferences(Id workspace_id, Id agent_id) override;
  bool setAgentPreferences(Id workspace_id, Id agent_id, std::string_view json) override;
  void createAgentSession(std::string_view token_hash, Id agent_id, Millis expires_at) override;
  std::optional<Agent> agentBySession(std::string_view token_hash, Millis now) override;
  void deleteAgentSession(std::string_view token_hash) override;
  std::size_t deleteAgentSessions(Id agent_id) override;
  std::vector<std::string> agentSessionHashes(Id agent_id, Millis now) override;
  Team createTeam(Id workspace_id, std::string_view name) override;
  std::vector<Team> listTeams(Id workspace_id) override;
  void setTeamMembers(Id workspace_id, Id team_id, const std::vector<Id>& agent_ids) override;
  std::optional<Team> updateTeam(Id workspace_id, Id team_id, std::optional<std::string> name,
                                 std::optional<std::vector<Id>> member_ids) override;
  CannedReply createCannedReply(Id workspace_id, std::string_view shortcut, std::string_view body) override;
  std::vector<CannedReply> listCannedReplies(Id workspace_id) override;
  std::optional<CannedReply> updateCannedReply(const CannedReply& r) override;
  bool deleteCannedReply(Id workspace_id, Id id) override;
  std::string installationSecret(std::string_view name) override;
  std::uint64_t changesFromOtherProcesses() override;

  // ProactiveRuleStore (postgres_proactive_rules.cpp)
  ProactiveRule createProactiveRule(const ProactiveRule& r) override;
  std::vector<ProactiveRule> listProactiveRules(Id workspace_id) override;
  std::optional<ProactiveRule> proactiveRuleById(Id workspace_id, Id id) override;
  std::optional<ProactiveRule> updateProactiveRule(const ProactiveRule& r) override;
  bool deleteProactiveRule(Id workspace_id, Id id) override;
  std::size_t countProactiveRules(Id workspace_id) override;
  std::int64_t proactiveCapHours(Id workspace_id) override;
  void setProactiveCapHours(Id workspace_id, std::int64_t hours) override;
  std::vector<ProactiveRule> proactiveRulesFor(Id workspace_id, Id contact_id, Millis now) override;
  ProactiveClaim claimProactive(Id workspace_id, Id rule_id, Id contact_id, Millis now) override;
  bool proactiveDelivered(Id workspace_id, Id rule_id, Id contact_id, Id conversation_id, Id message_id) override;
  void releaseProactive(Id workspace_id, Id rule_id, Id contact_id, Millis claimed_at) override;
  bool proactiveOpened(Id workspace_id, Id rule_id, Id contact_id, Millis now) override;
  int proactiveReplied(Id workspace_id, Id contact_id, Id conversation_id, Millis now) override;

  // ContactStore (postgres_contacts.cpp, postgres_contact_list.cpp, postgres_contact_merge.cpp)
  Contact createContact(const Contact& c, std::string_view visitor_token_hash) override;
  std::optional<Contact> contactByVisitorToken(Id workspace_id, std::string_view token_hash) override;
  std::optional<Contact> contactById(Id workspace_id, Id id) override;
  void updateContact(const Contact& c) override;
  std::optional<Contact> contactByExternalId(Id workspace_id, std::string_view external_id) override;
  std::vector<Contact> contactsSeenSince(Id workspace_id, Millis since, int limit) override;
  ContactPage listContacts(Id workspace_id, const ContactFilter& f) override;
  void addPageView(const PageView& pv) override;
  std::vector<PageView> pageViews(Id workspace_id, Id contact_id, int limit) override;
  std::optional<ContactMerge> mergeContacts(Id workspace_id, Id from_id, Id into_id,
                                            std::string_view visitor_token_hash, Millis now) override;
  std::optional<ContactMerge> mergeDuplicateContact(Id workspace_id, Id from_id, Id into_id, Millis now) override;
  std::optional<std::int64_t> logContactUpdated(Id workspace_id, Id contact_id, Millis now) override;

  // ConversationStore (postgres_conversations.cpp, postgres_conversation_list.cpp)
  std::optional<Conversation> conversationById(Id workspace_id, Id id) override;
  std::optional<Conversation> openConversationForContact(Id workspace_id, Id contact_id) override;
  ConversationPage listConversations(Id workspace_id, const ConversationFilter& f) override;
  std::optional<ConversationChange> updateConversation(Id workspace_id, Id id, const ConversationPatch& p,
                                                       Millis now) override;
  std::optional<Conversation> markRead(Id workspace_id, Id conversation_id, ReaderType reader,
                                       std::int64_t seq) override;
  std::vector<TagCount> tagCounts(Id workspace_id) override;
  // ...and the snooze wake-up and auto-assignment, claimed (postgres_claims.cpp)
  std::vector<Conversation> dueSnoozed(Millis now, int limit) override;
  std::vector<ConversationChange> wakeDueSnoozed(Millis now, int limit) override;
  std::optional<ConversationChange> assignIfUnderCapacity(Id workspace_id, Id conversation_id,
                                                          const std::vector<Id>& agents, Millis now) override;

  // MessageLog (postgres_messages.cpp)
  std::vector<AppendResult> appendMessages(std::span<const NewMessage> batch) override;
  std::vector<AppendResult> appendMessagesUnsynced(std::span<const NewMessage> batch) override;
  void syncCommitted() override;
  std::vector<Message> messagesAfter(Id workspace_id, Id conversation_id, std::int64_t after_seq, int limit,
                                     bool include_private) override;

  // EventLog (postgres_events.cpp)
  std::string epoch() override;
  std::vector<EventRecord> eventsAfter(Id workspace_id, std::int64_t after_offset, int limit) override;
  std::int64_t lastOffset(Id workspace_id) override;

  // SearchIndex (postgres_search.cpp; searchContacts in postgres_contacts.cpp)
  std::vector<MessageHit> searchMessages(Id workspace_id, std::string_view query, int limit) override;
  std::vector<Contact> searchContacts(Id workspace_id, std::string_view query, int limit) override;

  // RoutingRuleStore (postgres_routing.cpp)
  std::vector<RoutingRule> listRoutingRules(Id workspace_id) override;
  RoutingRule createRoutingRule(const RoutingRule& r) override;
  std::optional<RoutingRule> updateRoutingRule(const RoutingRule& r) override;
  bool deleteRoutingRule(Id workspace_id, Id id) override;
  bool reorderRoutingRules(Id workspace_id, const std::vector<Id>& ids) override;
  TeamRouting teamRouting(Id workspace_id, Id team_id) override;
  std::vector<TeamRouting> listTeamRouting(Id workspace_id) override;
  void setTeamRouting(const TeamRouting& t) override;
  std::vector<TeamRouting> routingTimersOn() override;
  void noteAssignment(Id workspace_id, Id conversation_id, Id agent_id, Millis at) override;
  std::vector<AssignedConversation> assignedOpen(Id workspace_id, Id team_id, int limit) override;
  std::optional<ConversationChange> unassignIfStill(Id workspace_id, Id conversation_id, Id agent_id,
                                                    Millis now) override;
  std::vector<Conversation> claimReminders(Id workspace_id, Id team_id, Millis waiting_before, Millis now,
                                           int limit) override;

  // SegmentStore (postgres_segments.cpp)
  Segment createSegment(const Segment& s) override;
  std::vector<Segment> listSegments(Id workspace_id) override;
  std::optional<Segment> segmentById(Id workspace_id, Id id) override;
  std::optional<Segment> updateSegment(const Segment& s) override;
  bool deleteSegment(Id workspace_id, Id id) override;
  std::int64_t countContacts(Id workspace_id, const ContactQuery& q) override;

  // CampaignStore (postgres_campaigns.cpp)
  Campaign createCampaign(const Campaign& c) override;
  std::vector<Campaign> listCampaigns(Id workspace_id) override;
  std::optional<Campaign> campaignById(Id workspace_id, Id id) override;
  std::optional<Campaign> updateCampaign(const Campaign& c) override;
  std::optional<Campaign> cancelCampaign(Id workspace_id, Id id, Millis now) override;
  bool deleteCampaign(Id workspace_id, Id id) override;
  std::vector<Campaign> dueCampaigns(Millis now, int limit) override;
  bool startCampaign(Id workspace_id, Id campaign_id, const ContactQuery& q, Millis now) override;
  std::vector<Campaign> sendingCampaigns(int limit) override;
  std::vector<CampaignDelivery> claimRecipients(Id workspace_id, Id campaign_id, std::span<const Id> contact_ids,
                                                Millis now, Millis lease_until, int limit) override;
  bool markRecipientDelivered(Id workspace_id, Id campaign_id, Id contact_id, Id conversation_id,
                              std::int64_t message_seq, Millis now) override;
  void markRecipientFailed(Id workspace_id, Id campaign_id, Id contact_id, Millis now) override;
  int finishCampaigns(Millis now, Millis window_started_before) override;

  // ApiTokenStore (postgres_api_tokens.cpp)
  ApiToken createApiToken(Id workspace_id, std::string_view name, ApiTokenScope scope, Id created_by,
                          std::string_view token_hash, std::string_view hint, Millis now) override;
  std::vector<ApiToken> listApiTokens(Id workspace_id) override;
  std::size_t countApiTokens(Id workspace_id) override;
  std::optional<ApiToken> apiTokenByHash(std::string_view token_hash) override;
  void touchApiToken(Id workspace_id, Id id, Millis now) override;
  bool deleteApiToken(Id workspace_id, Id id) override;

  // MailOutboxStore (postgres_mail_outbox.cpp)
  EnqueueResult enqueueEmail(const QueuedEmail& e, std::size_t max_queued) override;
  std::vector<QueuedEmail> claimDueEmails(std::string_view owner, Millis now, Millis lease_until, int limit) override;
  bool saveEmailAttempt(Id id, std::string_view owner, QueuedEmailState state, int attempt, Millis next_attempt_at,
                        std::string_view error, Millis now) override;
  void releaseEmailLeases(std::string_view owner) override;
  std::vector<QueuedEmail> recentEmails(Id workspace_id, int limit) override;
  void markContinuityDue(Id workspace_id, Id conversation_id, std::int64_t vseq, Millis due_at) override;
  std::vector<ContinuityDue> dueContinuity(Millis now, int limit) override;
  void clearContinuityDue(Id conversation_id, std::int64_t through_vseq) override;
  EnqueueResult enqueueContinuityEmail(const QueuedEmail& e, std::int64_t through_vseq, std::size_t max_queued) override;
  // PrivacyStore (postgres_privacy.cpp)
  std::optional<ErasureOutcome> eraseContact(Id workspace_id, Id contact_id) override;
  RetentionSettings retentionSettings(Id workspace_id) override;
  void saveRetentionSettings(Id workspace_id, const RetentionSettings& s, Millis now) override;
  std::vector<Id> claimRetentionRuns(Millis now, Millis lease_until, int limit) override;
  ErasureOutcome applyRetention(Id workspace_id, Millis now, int limit) override;
  void scrubDeleted() override;

  // AgentDigestStore (postgres_mail_outbox.cpp)
  bool addDigestItem(const DigestItem& item, std::size_t max_items) override;
  std::vector<DigestDue> dueDigests(Millis oldest_before, int limit) override;
  std::vector<DigestItem> digestItems(Id workspace_id, Id agent_id) override;
  EnqueueResult enqueueDigestEmail(const QueuedEmail& e, Id agent_id, Id through_item_id, std::size_t max_queued) override;
  void dropDigestItems(Id workspace_id, Id agent_id, Id through_item_id) override;

  // TwoFactorStore (postgres_two_factor.cpp)
  std::optional<AgentTwoFactor> agentTwoFactor(Id agent_id) override;
  bool twoFactorEnabled(Id agent_id) override;
  bool beginTwoFactorSetup(Id agent_id, std::string_view sealed_secret, Millis now) override;
  bool enableTwoFactor(Id agent_id, std::int64_t step, const std::vector<std::string>& code_hashes, Millis now) override;
  bool claimTotpStep(Id agent_id, std::int64_t step) override;
  bool useRecoveryCode(Id agent_id, std::string_view code_hash) override;
  void replaceRecoveryCodes(Id agent_id, const std::vector<std::string>& code_hashes) override;
  bool disableTwoFactor(Id agent_id) override;
  // AuditStore (postgres_audit_log.cpp)
  Id appendAuditEntry(const AuditEntry& e) override;
  std::vector<AuditEntry> listAuditEntries(Id workspace_id, const AuditQuery& q) override;

  // BlockStore (postgres_blocks.cpp)
  Block createBlock(const Block& b) override;
  std::vector<Block> listBlocks(Id workspace_id) override;
  std::size_t countBlocks(Id workspace_id) override;
  std::optional<Block> deleteBlock(Id workspace_id, Id id) override;

  // WebhookStore (postgres_webhooks.cpp)
  std::vector<Webhook> listWebhooks(Id workspace_id) override;
  std::optional<Webhook> webhookById(Id workspace_id, Id id) override;
  std::optional<Webhook> createWebhook(const Webhook& w, std::size_t max_per_workspace) override;
  std::optional<Webhook> updateWebhook(Id workspace_id, Id id, const WebhookUpdate& update, Millis now) override;
  bool deleteWebhook(Id workspace_id, Id id) override;
  std::vector<Webhook> claimDueWebhooks(std::string_view owner, Millis now, Millis lease_until, int limit) override;
  bool saveWebhookProgress(Id webhook_id, std::string_view owner, const WebhookProgress& p, Millis lease_until) override;
  void releaseWebhookLeases(std::string_view owner) override;
  WebhookDelivery recordWebhookDelivery(const WebhookDelivery& d) override;
  std::vector<WebhookDelivery> webhookDeliveries(Id workspace_id, Id webhook_id, int limit) override;
  std::optional<WebhookDelivery> webhookDeliveryById(Id workspace_id, Id webhook_id, Id delivery_id) override;
  bool webhookCsatReported(Id webhook_id, Id conversation_id) override;
  void markWebhookCsatReported(Id webhook_id, Id conversation_id) override;
  bool isFirstConversationOfContact(Id workspace_id, Id contact_id, Id conversation_id) override;

  // ReportStore (postgres_reports.cpp)
  ReportCounts reportCounts(Id workspace_id, Millis from, Millis to) override;
  std::vector<DurationSample> firstResponseSamples(Id workspace_id, Millis from, Millis to, std::size_t limit) override;
  std::vector<DurationSample> resolutionSamples(Id workspace_id, Millis from, Millis to, std::size_t limit) override;
  std::vector<ReportGroupCounts> agentReportRows(Id workspace_id, Millis from, Millis to, std::size_t limit) override;
  std::vector<ReportGroupCounts> teamReportRows(Id workspace_id, Millis from, Millis to, std::size_t limit) override;
  std::vector<TimeBucketCount> conversationBuckets(Id workspace_id, Millis from, Millis to) override;
  std::vector<CsatComment> csatComments(Id workspace_id, Millis from, Millis to, std::size_t limit,
                                        std::size_t offset) override;
  LiveCounts liveCounts(Id workspace_id) override;

  // BotReportStore (postgres_bot_report.cpp)
  void recordUnanswered(Id workspace_id, std::string_view question, Millis now) override;
  std::vector<UnansweredQuestion> topUnanswered(Id workspace_id, Millis since, std::size_t limit) override;
  BotNumbers botNumbers(Id workspace_id, Millis since) override;

  // BotStore (postgres_bot.cpp)
  std::optional<std::string> botSettings(Id workspace_id) override;
  void saveBotSettings(Id workspace_id, std::string_view settings_json, Millis now) override;
  std::optional<std::string> botState(Id workspace_id, Id conversation_id) override;
  bool saveBotState(Id workspace_id, Id conversation_id, std::string_view stage, std::string_view state_json,
                    Millis now) override;

  // ArticleStore (postgres_articles.cpp, postgres_article_categories.cpp)
  Article createArticle(const Article& a) override;
  std::optional<Article> articleById(Id workspace_id, Id id) override;
  std::optional<Article> articleBySlug(Id workspace_id, std::string_view slug) override;
  std::optional<Article> updateArticle(const Article& a) override;
  bool deleteArticle(Id workspace_id, Id id) override;
  ArticlePage listArticles(Id workspace_id, const ArticleQuery& q) override;
  std::vector<ArticleMatch> searchPublishedArticles(Id workspace_id, std::string_view query,
                                                    std::size_t limit) override;
  std::vector<Article> popularArticles(Id workspace_id, std::size_t limit) override;
  bool countArticleView(Id workspace_id, Id id) override;
  ArticleVote voteArticle(Id workspace_id, Id article_id, std::string_view voter, bool helpful, Millis now) override;
  ArticleCategory createArticleCategory(const ArticleCategory& c) override;
  std::vector<ArticleCategory> listArticleCategories(Id workspace_id) override;
  std::optional<ArticleCategory> articleCategoryById(Id workspace_id, Id id) override;
  std::optional<ArticleCategory> articleCategoryBySlug(Id workspace_id, std::string_view slug) override;
  std::optional<ArticleCategory> updateArticleCategory(const ArticleCategory& c) override;
  bool deleteArticleCategory(Id workspace_id, Id id) override;
  std::optional<Id> workspaceWithHelpDomain(std::string_view host) override;

 private:
  // Helpers run on the caller's connection (inside its transaction where they write).
  static std::optional<Conversation> loadConversation(pg::Connection& c, Id workspace_id, Id id,
                                                      bool for_update = false);
  // Writes what applyPatch computed (every patchable column) to the conversation's row.
  static void writeConversation(pg::Connection& c, const Conversation& next);
  static std::optional<Message> loadMessage(pg::Connection& c, Id id);
  static std::optional<Contact> loadContact(pg::Connection& c, Id workspace_id, Id id);
  // Locks the workspaces' event counter rows (making missing ones), in id order: every
  // transaction that logs events calls this before its first other lock (postgres_events.cpp).
  static void lockEventCounters(pg::Connection& c, std::vector<Id> workspace_ids);
  static std::int64_t logEvent(pg::Connection& c, Id workspace_id, std::string_view type, Id conversation_id,
                               std::optional<Id> message_id, Millis at);
  // The body of both merges, inside the caller's transaction.
  static ContactMerge mergeLocked(pg::Connection& c, Id workspace_id, const Contact& from, const Contact& into,
                                  Millis now);
  struct BatchAgent {
    Id workspace_id = 0;
    std::optional<std::string> name, avatar_url;
  };
  using BatchAgents = std::unordered_map<Id, BatchAgent>;
  static AppendResult appendOne(pg::Connection& c, const NewMessage& nm, BatchAgents& agents);
  static std::vector<AppendResult> appendBatch(pg::Connection& c, std::span<const NewMessage> batch);

  std::shared_ptr<pg::PgPool> pool_;
  PostgresAccounts accounts_;
  std::string epoch_;
};

}  // namespace parley
