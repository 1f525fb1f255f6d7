// Who acted, for the audit log (app/audit_recorder.h): the signed-in agent, or the API token.
#pragma once

#include "app/audit_recorder.h"
#include "http/api_support.h"

namespace parley {

inline AuditActor auditActorOf(const AgentAuth& a) {
  if (a.api_token_id) return apiTokenAuditActor(*a.api_token_id, a.api_token_name);
  return agentAuditActor(a.agent.id, a.agent.name, a.agent.email);
}

}  // namespace parley
