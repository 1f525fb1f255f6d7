// Email's durable state (issue 15, items 1-2): the outbox every email goes through, and per
// conversation what the visitor has already been emailed.
//
// The outbox: an email is stored whole (its MIME bytes, so a retry sends the same Message-ID)
// under a dedup key naming the event it is for ("continuity:<conversation>:<vseq>",
// "transcript:<id>"...), unique per workspace: enqueueing the same event twice stores it once, so
// a retrying or second node never sends one event's email twice. Sending across a cluster:
// claimDueEmails leases each due email to one process; a process that died gives it up when the
// lease ends. An SMTP server may have taken an email just before its sender died unrecorded; that
// one email is sent again (at least once: the same Message-ID lets mail clients fold the copies).
//
// Continuity: an agent's or bot's public reply marks its conversation due at (reply time + the
// workspace's delay) unless it is already due earlier; the continuity pass lists the due ones,
// and each email it enqueues (enqueueContinuityEmail) raises the conversation's emailed mark in
// the same transaction, so a later pass does not take the same replies again.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.h"

namespace parley {

constexpr std::size_t kMaxQueuedEmailsPerWorkspace = 10'000;  // waiting to be sent; more are refused
constexpr std::size_t kSentEmailsKept = 1'000;                 // newest sent or failed per workspace

enum class QueuedEmailState { Queued, Sent, Failed };

// The words the schema stores (and the REST log shows).
inline const char* queuedEmailStateWord(QueuedEmailState s) {
  return s == QueuedEmailState::Sent ? "sent" : s == QueuedEmailState::Failed ? "failed" : "queued";
}
inline QueuedEmailState parseQueuedEmailState(std::string_view w) {
  return w == "sent" ? QueuedEmailState::Sent : w == "failed" ? QueuedEmailState::Failed : QueuedEmailState::Queued;
}

// The envelope's recipients as both schemas store them: one address per line (an address holds no
// line break: domain/email_address checks them before they are queued).
inline std::string joinMailRecipients(const std::vector<std::string>& rcpts) {
  std::string out;
  for (const auto& r : rcpts) {
    if (!out.empty()) out += '\n';
    out += r;
  }
  return out;
}
inline std::vector<std::string> splitMailRecipients(std::string_view joined) {
  std::vector<std::string> out;
  while (!joined.empty()) {
    const auto nl = joined.find('\n');
    const auto line = joined.substr(0, nl);
    if (!line.empty()) out.emplace_back(line);
    if (nl == std::string_view::npos) break;
    joined.remove_prefix(nl + 1);
  }
  return out;
}

struct QueuedEmail {
  Id id = 0;
  Id workspace_id = 0;
  std::string kind;       // "continuity", "offline_form", "transcript", "agent_notification"
  std::string dedup_key;  // the event it is for; unique per workspace
  std::optional<Id> conversation_id;
  std::string envelope_from;
  std::vector<std::string> recipients;  // addr-specs
  std::string subject;                  // for the log
  std::string mime;                     // the whole message, CRLF lines
  QueuedEmailState state = QueuedEmailState::Queued;
  int attempt = 0;  // failed attempts so far
  Millis next_attempt_at = 0;
  std::string last_error;
  Millis created_at = 0;
  std::optional<Millis> sent_at;
};

struct ContinuityDue {
  Id workspace_id = 0;
  Id conversation_id = 0;
  std::int64_t emailed_vseq = 0;  // replies up to this visitor seq were emailed already
  Millis due_at = 0;
};

enum class EnqueueResult { Queued, Duplicate, QueueFull };

class MailOutboxStore {
 public:
  virtual ~MailOutboxStore() = default;

  // Stores `e` as queued (due at e.next_attempt_at). Duplicate when its dedup key is already there
  // (nothing written); QueueFull when the workspace has `max_queued` waiting (callers pass
  // kMaxQueuedEmailsPerWorkspace; tests a small number).
  // Also trims the workspace's sent and failed emails to the newest kSentEmailsKept.
  virtual EnqueueResult enqueueEmail(const QueuedEmail& e, std::size_t max_queued) = 0;
  // Across workspaces: queued emails due at `now` whose lease is free or ended, now leased to
  // `owner` until `lease_until`; oldest due first, at most `limit`.
  virtual std::vector<QueuedEmail> claimDueEmails(std::string_view owner, Millis now, Millis lease_until, int limit) = 0;
  // The outcome of one attempt, written only while `owner` holds the lease (false otherwise).
  // Sent and Failed are final; Queued with a later next_attempt_at is a retry.
  virtual bool saveEmailAttempt(Id id, std::string_view owner, QueuedEmailState state, int attempt,
                                Millis next_attempt_at, std::string_view error, Millis now) = 0;
  virtual void releaseEmailLeases(std::string_view owner) = 0;
  // Newest first, for Settings > Email's log.
  virtual std::vector<QueuedEmail> recentEmails(Id workspace_id, int limit) = 0;

  // Continuity. A public reply with visitor seq `vseq` at `due_at - delay`: the conversation
  // becomes due at `due_at` unless it is due earlier already.
  virtual void markContinuityDue(Id workspace_id, Id conversation_id, std::int64_t vseq, Millis due_at) = 0;
  // Across workspaces: conversations due at `now`, oldest first, at most `limit`.
  virtual std::vector<ContinuityDue> dueContinuity(Millis now, int limit) = 0;
  // Nothing to email for the replies through `through_vseq` (read meanwhile, no address): no
  // longer due, unless a reply after them was marked meanwhile.
  virtual void clearContinuityDue(Id conversation_id, std::int64_t through_vseq) = 0;
  // Enqueues `e` (as enqueueEmail) and, in the same transaction, raises the conversation's emailed
  // mark to `through_vseq` and clears its due time (as clearContinuityDue). On Duplicate the mark
  // is raised all the same (another node sent it); on QueueFull nothing changes.
  virtual EnqueueResult enqueueContinuityEmail(const QueuedEmail& e, std::int64_t through_vseq, std::size_t max_queued) = 0;
};

}  // namespace parley
