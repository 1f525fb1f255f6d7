// The one way an entry reaches the audit log (issue 16, item 2; domain/audit.h): a route calls
// record() after its action succeeded, so a new feature adds one call. Entries are cut to their
// bounds here. Recording never fails the action: the action already happened, so a store error is
// logged and swallowed.
#pragma once

#include <string>
#include <string_view>

#include "domain/audit.h"
#include "store/audit_store.h"

namespace parley {

// "Ada Lovelace <ada@example.com>": the agent as they were called when they acted.
AuditActor agentAuditActor(Id agent_id, std::string_view name, std::string_view email);
AuditActor apiTokenAuditActor(Id token_id, std::string_view token_name);
AuditActor systemAuditActor();

class AuditRecorder {
 public:
  explicit AuditRecorder(AuditStore& store) : store_(&store) {}

  // `address`: the client's address (HttpRequest::peer_ip, trusted-proxy aware) or "" (the CLI, a
  // job). `details_json`: a small JSON object ("{}" when there is nothing to add).
  void record(Id workspace_id, const AuditActor& actor, std::string_view address, std::string_view action,
              AuditTarget target, std::string details_json = "{}") const;

 private:
  AuditStore* store_;
};

}  // namespace parley
