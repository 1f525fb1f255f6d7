// The audit log (issue 16, item 2; domain/audit.h): append and list, nothing else. No interface
// updates or deletes an entry, and the schema refuses it too (a trigger on both backends).
#pragma once

#include <vector>

#include "domain/audit.h"

namespace parley {

class AuditStore {
 public:
  virtual ~AuditStore() = default;

  // The entry as given (already bounded, domain boundedAuditEntry); returns its id.
  virtual Id appendAuditEntry(const AuditEntry& e) = 0;
  // Newest first (by id), at most q.limit, filtered by q.
  virtual std::vector<AuditEntry> listAuditEntries(Id workspace_id, const AuditQuery& q) = 0;
};

}  // namespace parley
