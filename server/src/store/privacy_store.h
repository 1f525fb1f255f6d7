// Data protection (issue 16, item 3; docs/privacy.md): erasing a contact for good and the
// workspace's retention rules. Both delete through the same steps, so a conversation that ages out
// leaves as little behind as one an admin erases: its messages (and their search index entries),
// events, routing/bot/email rows, queued emails, digest items and webhook delivery logs. Files on
// disk are the caller's: the store returns the messages' attachment lists to remove them after.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/model.h"

namespace parley {

// 0 keeps forever. Days, checked by domain/retention.h.
struct RetentionSettings {
  int conversation_days = 0;        // conversations whose last activity (updated_at) is older
  int page_view_days = 0;           // page views older
  int anonymous_contact_days = 0;   // contacts without name, email or user id, never wrote, not seen since
  Millis updated_at = 0;
};

// What one erasure or one retention batch removed.
struct ErasureOutcome {
  std::int64_t contacts = 0;
  std::int64_t conversations = 0;
  std::int64_t messages = 0;
  std::int64_t page_views = 0;
  std::vector<std::string> attachment_lists;  // messages.attachments JSON of every deleted message with files
};

class PrivacyStore {
 public:
  virtual ~PrivacyStore() = default;

  // Deletes the contact and everything about it (see above) in one transaction. nullopt: no such contact.
  virtual std::optional<ErasureOutcome> eraseContact(Id workspace_id, Id contact_id) = 0;

  virtual RetentionSettings retentionSettings(Id workspace_id) = 0;
  virtual void saveRetentionSettings(Id workspace_id, const RetentionSettings& s, Millis now) = 0;
  // Workspaces with a rule whose next run is due; each is claimed until `lease_until` (one node at a
  // time: a row is claimed by the UPDATE that moves its next run, SKIP LOCKED on PostgreSQL).
  virtual std::vector<Id> claimRetentionRuns(Millis now, Millis lease_until, int limit) = 0;
  // One batch: at most `limit` conversations, `limit` anonymous contacts and `limit` page views past
  // their age at `now`, each deleted as completely as an erasure. Call again while it removed something.
  virtual ErasureOutcome applyRetention(Id workspace_id, Millis now, int limit) = 0;
  // After deletions: makes deleted text leave the storage where the backend can (SQLite: merges the
  // search index and checkpoints the WAL into the zeroed pages; PostgreSQL: nothing, see docs/privacy.md).
  virtual void scrubDeleted() = 0;
};

}  // namespace parley
