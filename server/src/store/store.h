// The storage interfaces, one per aggregate, and Store: all of them at once, which is what the
// server wires (SqliteStore implements it; store/sqlite/). A second backend implements the same
// interfaces; code that needs only one part may take only that interface.
//
// Contracts every interface keeps:
//  - every query is scoped by workspace id, so a caller can never read another workspace's rows by
//    guessing an id (the few cross-workspace calls say so);
//  - methods are synchronous and thread-safe;
//  - the store decides no domain rule: it writes what domain/ computed (applyPatch,
//    applyStoredMessage, the enums' words); its schema constraints are only the last defence;
//  - input errors are StoreConflict / InvalidPatch / std::invalid_argument (store_errors.h), with
//    text for people; anything else thrown is the store's own failure.
#pragma once

#include "store/agent_digest_store.h"
#include "store/agent_session_store.h"
#include "store/article_store.h"
#include "store/audit_store.h"
#include "store/block_store.h"
#include "store/agent_store.h"
#include "store/api_token_store.h"
#include "store/bot_report_store.h"
#include "store/bot_store.h"
#include "store/campaign_store.h"
#include "store/canned_reply_store.h"
#include "store/contact_store.h"
#include "store/conversation_store.h"
#include "store/event_log.h"
#include "store/installation_store.h"
#include "store/mail_outbox_store.h"
#include "store/message_log.h"
#include "store/privacy_store.h"
#include "store/proactive_rule_store.h"
#include "store/report_store.h"
#include "store/routing_rule_store.h"
#include "store/search_index.h"
#include "store/segment_store.h"
#include "store/store_errors.h"
#include "store/team_store.h"
#include "store/two_factor_store.h"
#include "store/webhook_store.h"
#include "store/workspace_store.h"

namespace parley {

class Store : public WorkspaceStore,
              public AgentStore,
              public AgentSessionStore,
              public TeamStore,
              public ContactStore,
              public ConversationStore,
              public MessageLog,
              public EventLog,
              public SearchIndex,
              public CannedReplyStore,
              public ProactiveRuleStore,
              public RoutingRuleStore,
              public SegmentStore,
              public CampaignStore,
              public BotStore,
              public BotReportStore,
              public ReportStore,
              public ArticleStore,
              public WebhookStore,
              public InstallationStore,
              public ApiTokenStore,
              public MailOutboxStore,
              public AgentDigestStore,
              public TwoFactorStore,
              public AuditStore,
              public BlockStore,
              public PrivacyStore {
 public:
  ~Store() override = default;
};

}  // namespace parley
