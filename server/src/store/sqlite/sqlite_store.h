// The default store: one SQLite file (WAL, synchronous=FULL). One connection behind one mutex:
// SQLite has a single writer anyway, and MessageWriter batches messages so that each commit
// (one fsync) carries many of them. The implementation is split by concept over sqlite_*.cpp.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "store/sqlite/sqlite_migrations.h"
#include "store/sqlite/wal_file.h"
#include "store/store.h"

namespace parley {

namespace sqlite {
class Db;
}

class SqliteStore : public Store {
 public:
  // Opens or creates the file and applies pending migrations.
  explicit SqliteStore(const std::string& path);
  ~SqliteStore() override;

  // WorkspaceStore (sqlite_store.cpp)
  Workspace createWorkspace(const NewWorkspace& w, Millis now) override;
  std::optional<Workspace> workspaceById(Id id) override;
  std::optional<Workspace> workspaceByPublicId(std::string_view public_id) override;
  std::optional<Workspace> firstWorkspace() override;
  void updateWorkspace(const Workspace& w) override;

  // AgentStore (sqlite_store.cpp, sqlite_agent_profile.cpp)
  Agent createAgent(const Agent& a) override;
  std::optional<Agent> agentById(Id workspace_id, Id id) override;
  std::optional<Agent> agentByEmail(std::string_view email) override;
  std::vector<Agent> listAgents(Id workspace_id) override;
  void updateAgent(const Agent& a) override;
  std::size_t countAgents() override;
  bool setAgentPasswordHash(Id workspace_id, Id agent_id, std::string_view password_hash) override;
  std::string agentPreferences(Id workspace_id, Id agent_id) override;
  bool setAgentPreferences(Id workspace_id, Id agent_id, std::string_view json) override;

  // AgentSessionStore (sqlite_store.cpp, sqlite_agent_profile.cpp)
  void createAgentSession(std::string_view token_hash, Id agent_id, Millis expires_at) override;
  std::optional<Agent> agentBySession(std::string_view token_hash, Millis now) override;
  void deleteAgentSession(std::string_view token_hash) override;
  std::size_t deleteAgentSessions(Id agent_id) override;
  std::vector<std::string> agentSessionHashes(Id agent_id, Millis now) override;

  // TeamStore (sqlite_teams.cpp)
  Team createTeam(Id workspace_id, std::string_view name) override;
  std::vector<Team> listTeams(Id workspace_id) override;
  void setTeamMembers(Id workspace_id, Id team_id, const std::vector<Id>& agent_ids) override;
  std::optional<Team> updateTeam(Id workspace_id, Id team_id, std::optional<std::string> name,
                                 std::optional<std::vector<Id>> member_ids) override;

  // ContactStore (sqlite_contacts.cpp, sqlite_contact_list.cpp)
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

  // ConversationStore (sqlite_conversations.cpp, sqlite_conversation_list.cpp)
  std::optional<Conversation> conversationById(Id workspace_id, Id id) override;
  std::optional<Conversation> openConversationForContact(Id workspace_id, Id contact_id) override;
  ConversationPage listConversations(Id workspace_id, const ConversationFilter& f) override;
  std::optional<ConversationChange> updateConversation(Id workspace_id, Id id, const ConversationPatch& p,
                                                       Millis now) override;
  std::optional<Conversation> markRead(Id workspace_id, Id conversation_id, ReaderType reader,
                                       std::int64_t seq) override;
  std::vector<TagCount> tagCounts(Id workspace_id) override;
  // ...and the snooze wake-up and auto-assignment, claimed (sqlite_claims.cpp)
  std::vector<Conversation> dueSnoozed(Millis now, int limit) override;
  std::vector<ConversationChange> wakeDueSnoozed(Millis now, int limit) override;
  std::optional<ConversationChange> assignIfUnderCapacity(Id workspace_id, Id conversation_id,
                                                          const std::vector<Id>& agents, Millis now) override;

  // MessageLog (sqlite_messages.cpp)
  std::vector<AppendResult> appendMessages(std::span<const NewMessage> batch) override;
  std::vector<AppendResult> appendMessagesUnsynced(std::span<const NewMessage> batch) override;
  void syncCommitted() override;
  std::vector<Message> messagesAfter(Id workspace_id, Id conversation_id, std::int64_t after_seq, int limit,
                                     bool include_private) override;

  // EventLog (sqlite_events.cpp; epoch in sqlite_store.cpp)
  std::string epoch() override;
  std::vector<EventRecord> eventsAfter(Id workspace_id, std::int64_t after_offset, int limit) override;
  std::int64_t lastOffset(Id workspace_id) override;

  // SearchIndex (sqlite_search.cpp; searchContacts in sqlite_contacts.cpp)
  std::vector<MessageHit> searchMessages(Id workspace_id, std::string_view query, int limit) override;
  std::vector<Contact> searchContacts(Id workspace_id, std::string_view query, int limit) override;

  // CannedReplyStore (sqlite_canned_replies.cpp)
  CannedReply createCannedReply(Id workspace_id, std::string_view shortcut, std::string_view body) override;
  std::vector<CannedReply> listCannedReplies(Id workspace_id) override;
  std::optional<CannedReply> updateCannedReply(const CannedReply& r) override;
  bool deleteCannedReply(Id workspace_id, Id id) override;

  // RoutingRuleStore (sqlite_routing.cpp)
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

  // ProactiveRuleStore (sqlite_proactive_rules.cpp)
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

  // SegmentStore (sqlite_segments.cpp)
  Segment createSegment(const Segment& s) override;
  std::vector<Segment> listSegments(Id workspace_id) override;
  std::optional<Segment> segmentById(Id workspace_id, Id id) override;
  std::optional<Segment> updateSegment(const Segment& s) override;
  bool deleteSegment(Id workspace_id, Id id) override;
  std::int64_t countContacts(Id workspace_id, const ContactQuery& q) override;

  // CampaignStore (sqlite_campaigns.cpp)
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

  // ArticleStore (sqlite_articles.cpp, sqlite_article_categories.cpp)
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

  // InstallationStore (sqlite_store.cpp)
  std::string installationSecret(std::string_view name) override;
  std::uint64_t changesFromOtherProcesses() override;

  // ApiTokenStore (sqlite_api_tokens.cpp)
  ApiToken createApiToken(Id workspace_id, std::string_view name, ApiTokenScope scope, Id created_by,
                          std::string_view token_hash, std::string_view hint, Millis now) override;
  std::vector<ApiToken> listApiTokens(Id workspace_id) override;
  std::size_t countApiTokens(Id workspace_id) override;
  std::optional<ApiToken> apiTokenByHash(std::string_view token_hash) override;
  void touchApiToken(Id workspace_id, Id id, Millis now) override;
  bool deleteApiToken(Id workspace_id, Id id) override;

  // MailOutboxStore (sqlite_mail_outbox.cpp)
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
  // PrivacyStore (sqlite_privacy.cpp)
  std::optional<ErasureOutcome> eraseContact(Id workspace_id, Id contact_id) override;
  RetentionSettings retentionSettings(Id workspace_id) override;
  void saveRetentionSettings(Id workspace_id, const RetentionSettings& s, Millis now) override;
  std::vector<Id> claimRetentionRuns(Millis now, Millis lease_until, int limit) override;
  ErasureOutcome applyRetention(Id workspace_id, Millis now, int limit) override;
  void scrubDeleted() override;

  // AgentDigestStore (sqlite_mail_outbox.cpp)
  bool addDigestItem(const DigestItem& item, std::size_t max_items) override;
  std::vector<DigestDue> dueDigests(Millis oldest_before, int limit) override;
  std::vector<DigestItem> digestItems(Id workspace_id, Id agent_id) override;
  EnqueueResult enqueueDigestEmail(const QueuedEmail& e, Id agent_id, Id through_item_id, std::size_t max_queued) override;
  void dropDigestItems(Id workspace_id, Id agent_id, Id through_item_id) override;

  // TwoFactorStore (sqlite_two_factor.cpp)
  std::optional<AgentTwoFactor> agentTwoFactor(Id agent_id) override;
  bool twoFactorEnabled(Id agent_id) override;
  bool beginTwoFactorSetup(Id agent_id, std::string_view sealed_secret, Millis now) override;
  bool enableTwoFactor(Id agent_id, std::int64_t step, const std::vector<std::string>& code_hashes, Millis now) override;
  bool claimTotpStep(Id agent_id, std::int64_t step) override;
  bool useRecoveryCode(Id agent_id, std::string_view code_hash) override;
  void replaceRecoveryCodes(Id agent_id, const std::vector<std::string>& code_hashes) override;
  bool disableTwoFactor(Id agent_id) override;
  // AuditStore (sqlite_audit_log.cpp)
  Id appendAuditEntry(const AuditEntry& e) override;
  std::vector<AuditEntry> listAuditEntries(Id workspace_id, const AuditQuery& q) override;

  // BlockStore (sqlite_blocks.cpp)
  Block createBlock(const Block& b) override;
  std::vector<Block> listBlocks(Id workspace_id) override;
  std::size_t countBlocks(Id workspace_id) override;
  std::optional<Block> deleteBlock(Id workspace_id, Id id) override;

  // WebhookStore (sqlite_webhooks.cpp)
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

  // ReportStore (sqlite_reports.cpp)
  ReportCounts reportCounts(Id workspace_id, Millis from, Millis to) override;
  std::vector<DurationSample> firstResponseSamples(Id workspace_id, Millis from, Millis to, std::size_t limit) override;
  std::vector<DurationSample> resolutionSamples(Id workspace_id, Millis from, Millis to, std::size_t limit) override;
  std::vector<ReportGroupCounts> agentReportRows(Id workspace_id, Millis from, Millis to, std::size_t limit) override;
  std::vector<ReportGroupCounts> teamReportRows(Id workspace_id, Millis from, Millis to, std::size_t limit) override;
  std::vector<TimeBucketCount> conversationBuckets(Id workspace_id, Millis from, Millis to) override;
  std::vector<CsatComment> csatComments(Id workspace_id, Millis from, Millis to, std::size_t limit,
                                        std::size_t offset) override;
  LiveCounts liveCounts(Id workspace_id) override;

  // BotReportStore (sqlite_bot_report.cpp)
  void recordUnanswered(Id workspace_id, std::string_view question, Millis now) override;
  std::vector<UnansweredQuestion> topUnanswered(Id workspace_id, Millis since, std::size_t limit) override;
  BotNumbers botNumbers(Id workspace_id, Millis since) override;

  // BotStore (sqlite_bot.cpp)
  std::optional<std::string> botSettings(Id workspace_id) override;
  void saveBotSettings(Id workspace_id, std::string_view settings_json, Millis now) override;
  std::optional<std::string> botState(Id workspace_id, Id conversation_id) override;
  bool saveBotState(Id workspace_id, Id conversation_id, std::string_view stage, std::string_view state_json,
                    Millis now) override;

 private:
  // Helpers below expect mu_ held (and a transaction open where they write).
  std::optional<Conversation> loadConversation(Id workspace_id, Id id);
  // Writes what applyPatch computed (every patchable column) to the conversation's row.
  void writeConversation(const Conversation& c);
  std::optional<Message> loadMessage(Id id);
  std::optional<Contact> loadContact(Id workspace_id, Id id);
  std::optional<Team> loadTeam(Id workspace_id, Id id);
  std::optional<Campaign> loadCampaign(Id workspace_id, Id id);  // with its stats
  std::optional<Article> loadArticle(Id workspace_id, Id id);
  // Throws for a category of another workspace or a slug another article has.
  void checkArticleWrite(const Article& a);
  // The body of both merges, inside the caller's transaction.
  ContactMerge mergeLocked(Id workspace_id, const Contact& from, Id into_id, Millis now);
  void replaceTeamMembers(Id workspace_id, Id team_id, const std::vector<Id>& agent_ids);
  bool agentInWorkspace(Id workspace_id, Id agent_id);
  std::int64_t logEvent(Id workspace_id, std::string_view type, Id conversation_id,
                        std::optional<Id> message_id, Millis at);
  AppendResult appendOne(const NewMessage& nm);
  std::vector<AppendResult> appendBatch(std::span<const NewMessage> batch);
  struct BatchAgent {
    Id workspace_id = 0;
    std::optional<std::string> name, avatar_url;
  };
  std::unordered_map<Id, BatchAgent> batch_agents_;  // appendBatch's agent lookups
  // Full-text indexing is deferred: FTS5 writes a segment per flush, so indexing a batch of one
  // message cost more than storing it. Messages are indexed once kIndexBatch are waiting, and
  // before every search, so search never misses a committed message.
  static constexpr std::int64_t kIndexBatch = 256;
  void indexPendingMessages();

  std::mutex mu_;
  std::unique_ptr<sqlite::Db> db_;
  std::string epoch_;
  std::int64_t unindexed_ = 0;  // messages committed (or in the open batch) and not yet in messages_fts
  sqlite::WalFile wal_;          // synced by syncCommitted(), on the writer's sync thread
};

}  // namespace parley
