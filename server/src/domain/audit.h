// The audit log (issue 16, item 2): who did what to what, when and from which address. Records and
// the fixed list of actions; the store only appends and lists (store/audit_store.h), the use case
// that writes an entry is app/audit_recorder.h.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.h"

namespace parley {

// Every action the log may hold: dotted words, stable (filters, exports and integrations name them).
// A feature adds its word here and one AuditRecorder call after its action succeeded.
namespace audit_action {
inline constexpr std::string_view kAgentLogin = "agent.login";
inline constexpr std::string_view kAgentLoginFailed = "agent.login_failed";
inline constexpr std::string_view kAgentCreated = "agent.created";
inline constexpr std::string_view kAgentUpdated = "agent.updated";
inline constexpr std::string_view kAgentDeactivated = "agent.deactivated";
inline constexpr std::string_view kAgentRoleChanged = "agent.role_changed";
inline constexpr std::string_view kAgentPasswordChanged = "agent.password_changed";
inline constexpr std::string_view kSettingsUpdated = "settings.updated";
inline constexpr std::string_view kApiTokenCreated = "api_token.created";
inline constexpr std::string_view kApiTokenRevoked = "api_token.revoked";
inline constexpr std::string_view kWebhookCreated = "webhook.created";
inline constexpr std::string_view kWebhookUpdated = "webhook.updated";
inline constexpr std::string_view kWebhookDeleted = "webhook.deleted";
inline constexpr std::string_view kBlockCreated = "block.created";
inline constexpr std::string_view kBlockRemoved = "block.removed";
// Reserved for the data-protection and two-factor features of the same issue.
inline constexpr std::string_view kContactExported = "contact.exported";
inline constexpr std::string_view kContactErased = "contact.erased";
inline constexpr std::string_view kTwoFactorEnabled = "two_factor.enabled";
inline constexpr std::string_view kTwoFactorDisabled = "two_factor.disabled";
inline constexpr std::string_view kTwoFactorRecoveryUsed = "two_factor.recovery_code_used";
inline constexpr std::string_view kTwoFactorRecoveryReplaced = "two_factor.recovery_codes_replaced";
inline constexpr std::string_view kTwoFactorRequired = "two_factor.required_changed";
}  // namespace audit_action

// The list above, in order (the dashboard's filter; the API refuses any other word).
const std::vector<std::string_view>& auditActions();
bool isAuditAction(std::string_view action);

// Bounded sizes: an entry is small whatever the input (longer text is cut at a UTF-8 boundary).
constexpr std::size_t kMaxAuditNameBytes = 200;     // actor name or email, target label
constexpr std::size_t kMaxAuditAddressBytes = 64;   // an IPv6 text is at most 45
constexpr std::size_t kMaxAuditDetailsBytes = 2000; // the details JSON; larger is replaced by {"truncated":true}
constexpr int kMaxAuditPage = 200;

enum class AuditActorType { Agent, ApiToken, System };
std::string_view toString(AuditActorType t);
std::optional<AuditActorType> parseAuditActorType(std::string_view word);

struct AuditActor {
  AuditActorType type = AuditActorType::System;
  Id id = 0;          // the agent or the API token; 0 for the system
  std::string name;   // at the time: "Ada Lovelace <ada@example.com>", the token's name, "system"
};

struct AuditTarget {
  std::string type;   // "agent", "workspace", "api_token", "webhook", "block", "contact", ...
  Id id = 0;
  std::string label;  // what a person recognises: a name, an email, a URL, an address
};

struct AuditEntry {
  Id id = 0;
  Id workspace_id = 0;
  Millis at = 0;
  AuditActor actor;
  std::string address;  // the client's address (trusted-proxy aware), "" for the CLI and jobs
  std::string action;
  AuditTarget target;
  std::string details_json = "{}";  // a small JSON object
};

// The entry cut to the bounds above (names and labels at a UTF-8 boundary).
AuditEntry boundedAuditEntry(AuditEntry e);

struct AuditQuery {
  std::optional<Id> before_id;  // the cursor: entries older than this one (ids only grow)
  int limit = 50;
  std::string action;           // "" any; an exact word
  std::optional<AuditActorType> actor_type;
  std::optional<Id> actor_id;   // with actor_type
  std::optional<Millis> from;   // at >= from
  std::optional<Millis> to;     // at < to
};

}  // namespace parley
