#include "app/audit_recorder.h"

#include <spdlog/spdlog.h>

#include "domain/clock.h"

namespace parley {

AuditActor agentAuditActor(Id agent_id, std::string_view name, std::string_view email) {
  std::string label(name);
  if (!email.empty()) label += (label.empty() ? "<" : " <") + std::string(email) + ">";
  return {AuditActorType::Agent, agent_id, std::move(label)};
}

AuditActor apiTokenAuditActor(Id token_id, std::string_view token_name) {
  return {AuditActorType::ApiToken, token_id, "API token " + std::string(token_name)};
}

AuditActor systemAuditActor() { return {AuditActorType::System, 0, "system"}; }

void AuditRecorder::record(Id workspace_id, const AuditActor& actor, std::string_view address,
                           std::string_view action, AuditTarget target, std::string details_json) const {
  AuditEntry e;
  e.workspace_id = workspace_id;
  e.at = nowMillis();
  e.actor = actor;
  e.address = std::string(address);
  e.action = std::string(action);
  e.target = std::move(target);
  e.details_json = std::move(details_json);
  try {
    store_->appendAuditEntry(boundedAuditEntry(std::move(e)));
  } catch (const std::exception& ex) {
    spdlog::error("audit log: {} in workspace {} not recorded: {}", action, workspace_id, ex.what());
  }
}

}  // namespace parley
