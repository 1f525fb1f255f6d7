#include "domain/audit.h"

#include <algorithm>

#include "domain/text_limits.h"

namespace parley {

const std::vector<std::string_view>& auditActions() {
  using namespace audit_action;
  static const std::vector<std::string_view> all = {
      kAgentLogin,        kAgentLoginFailed,       kAgentCreated,      kAgentUpdated,        kAgentDeactivated,
      kAgentRoleChanged,  kAgentPasswordChanged,   kSettingsUpdated,   kApiTokenCreated,     kApiTokenRevoked,
      kWebhookCreated,    kWebhookUpdated,         kWebhookDeleted,    kBlockCreated,        kBlockRemoved,
      kContactExported,   kContactErased,          kTwoFactorEnabled,  kTwoFactorDisabled,   kTwoFactorRecoveryUsed,
      kTwoFactorRecoveryReplaced, kTwoFactorRequired};
  return all;
}

bool isAuditAction(std::string_view action) {
  const auto& all = auditActions();
  return std::find(all.begin(), all.end(), action) != all.end();
}

std::string_view toString(AuditActorType t) {
  switch (t) {
    case AuditActorType::Agent: return "agent";
    case AuditActorType::ApiToken: return "api_token";
    case AuditActorType::System: return "system";
  }
  return "system";
}

std::optional<AuditActorType> parseAuditActorType(std::string_view word) {
  if (word == "agent") return AuditActorType::Agent;
  if (word == "api_token") return AuditActorType::ApiToken;
  if (word == "system") return AuditActorType::System;
  return std::nullopt;
}

AuditEntry boundedAuditEntry(AuditEntry e) {
  e.actor.name = truncateUtf8(e.actor.name, kMaxAuditNameBytes);
  e.target.label = truncateUtf8(e.target.label, kMaxAuditNameBytes);
  e.target.type = truncateUtf8(e.target.type, 32);
  e.address = truncateUtf8(e.address, kMaxAuditAddressBytes);
  if (e.details_json.empty()) e.details_json = "{}";
  if (e.details_json.size() > kMaxAuditDetailsBytes) e.details_json = R"({"truncated":true})";
  return e;
}

}  // namespace parley
