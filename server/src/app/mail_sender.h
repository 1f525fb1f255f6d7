// Sends the outbox (store/mail_outbox_store.h; issue 15, item 1) on its own thread, never on an
// I/O thread: every pass claims the due emails for a lease and hands each to the transport (SMTP,
// mail/smtp_sender.h, wired in main.cpp). A success is final; a permanent refusal (SMTP 5xx) fails
// the email at once; anything else retries with backoff (30 s doubling to 1 h, with jitter) until
// kMailRetryWindowMs after it was queued, then fails it. The outcome is written only while this
// process holds the lease, so two nodes never both send one email (see the store's note on the
// one email a crash may send twice).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <random>
#include <string>

#include "app/periodic_job.h"
#include "store/mail_outbox_store.h"

namespace parley {

constexpr Millis kMailFirstRetryMs = 30'000;
constexpr Millis kMailMaxRetryMs = 3'600'000;
constexpr Millis kMailRetryWindowMs = 48LL * 3'600'000;

struct MailAttempt {
  bool ok = false;
  bool permanent = false;  // the server refused for good (5xx): no retry
  std::string error;       // for the log and Settings > Email; never a password
};

using MailTransport = std::function<MailAttempt(const QueuedEmail&)>;

struct MailSenderOptions {
  std::chrono::milliseconds tick{2000};
  Millis lease_ms = 120'000;   // longer than one SMTP exchange's timeout
  Millis first_retry_ms = kMailFirstRetryMs;
  int per_pass = 20;
};

class MailSender {
 public:
  MailSender(MailOutboxStore& outbox, MailTransport transport, MailSenderOptions options = {});
  ~MailSender();  // stops the thread and gives up this process's leases

  void start();
  // One pass (the thread's; tests call it directly). Returns the emails attempted.
  std::size_t runOnce(Millis now);
  // The wait before attempt `attempt` (1 = the first retry), without jitter.
  static Millis retryDelay(int attempt, Millis first);

 private:
  MailOutboxStore& outbox_;
  MailTransport transport_;
  MailSenderOptions options_;
  std::string owner_;
  std::mt19937_64 rng_;
  std::unique_ptr<PeriodicJob> job_;
};

}  // namespace parley
