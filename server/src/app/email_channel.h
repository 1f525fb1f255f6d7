// Email as one part of `serve` (issue 15, items 1-3): what main.cpp builds when --smtp is given,
// so the feature is one block there. It owns
//  - EmailOutbox: composing and queueing (app/email_outbox.h), also used by the routes;
//  - MailSender: the outbox's sending thread, over SMTP (mail/smtp_sender.h);
//  - the continuity pass (a PeriodicJob): unseen replies by email;
//  - AgentDigest and its pass (a PeriodicJob): agents' notifications by email (app/agent_digest.h);
//  - InboundMail (app/inbound_mail.h) and, with --imap, the poller that feeds it from a mailbox.
// Without --smtp the outbox is disabled (nothing is queued, the routes answer 503), and inbound
// mail still works when --imap or `parley mail-in` brings it.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "app/agent_digest.h"
#include "app/email_outbox.h"
#include "app/inbound_mail.h"
#include "app/mail_sender.h"
#include "app/periodic_job.h"
#include "store/store.h"

namespace parley {

struct EmailChannelOptions {
  std::string smtp_url;         // --smtp; empty: no outgoing email
  std::string mail_from;        // --mail-from "Name <address>"
  std::string imap_url;         // --imap; empty: no polling
  std::string public_url;       // links in emails
  std::string uploads_dir;      // inbound attachments
  std::size_t max_upload = 10 * 1024 * 1024;
  int mail_tick_ms = 2000;      // how often the outbox is looked at
  int continuity_tick_ms = 15'000;
  int imap_poll_ms = 30'000;
  Millis mail_retry_base_ms = kMailFirstRetryMs;
  Millis agent_digest_ms = kDefaultAgentDigestWindowMs;  // the agents' digest batch window
};

class EmailChannel {
 public:
  // Throws std::invalid_argument for a bad --smtp, --mail-from or --imap (serve exits with it).
  // Without `presence` no agent notifications are recorded (who is offline is not known).
  EmailChannel(EmailChannelOptions options, Store& store, MessageSender& messages,
               const PresenceTracker* presence = nullptr);
  ~EmailChannel();  // stop()

  void start();
  void stop();  // the threads end; an SMTP exchange or IMAP poll in flight is waited for

  EmailOutbox& outbox() { return *outbox_; }
  // The AfterCommit listener "email": continuity marks and agents' notification items.
  void onStoredMessage(const AppendResult& r);
  // One digest pass (the PeriodicJob's; tests call it). Returns the emails queued.
  std::size_t runAgentDigestOnce(Millis now);
  InboundMail& inbound() { return *inbound_; }
  // One IMAP poll (the poller's; tests call it). Returns the emails handled.
  std::size_t pollImapOnce();

 private:
  EmailChannelOptions options_;
  std::unique_ptr<EmailOutbox> outbox_;
  std::unique_ptr<InboundMail> inbound_;
  std::unique_ptr<MailSender> sender_;
  std::unique_ptr<AgentDigest> digest_;
  std::unique_ptr<PeriodicJob> continuity_;
  std::unique_ptr<PeriodicJob> digest_job_;
  std::unique_ptr<PeriodicJob> imap_;
};

}  // namespace parley
