#include "app/mail_sender.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "domain/clock.h"
#include "security/token.h"

namespace parley {

MailSender::MailSender(MailOutboxStore& outbox, MailTransport transport, MailSenderOptions options)
    : outbox_(outbox),
      transport_(std::move(transport)),
      options_(options),
      owner_("mail-" + randomHex(8)),
      rng_(std::random_device{}()) {}

MailSender::~MailSender() {
  job_.reset();
  try {
    outbox_.releaseEmailLeases(owner_);
  } catch (const std::exception& e) {
    spdlog::warn("email: could not release leases: {}", e.what());
  }
}

void MailSender::start() {
  job_ = std::make_unique<PeriodicJob>("mail sender", options_.tick, [this] { runOnce(nowMillis()); });
}

Millis MailSender::retryDelay(int attempt, Millis first) {
  Millis d = first;
  for (int i = 1; i < attempt && d < kMailMaxRetryMs; ++i) d *= 2;
  return std::min(d, kMailMaxRetryMs);
}

std::size_t MailSender::runOnce(Millis now) {
  auto due = outbox_.claimDueEmails(owner_, now, now + options_.lease_ms, options_.per_pass);
  for (const auto& e : due) {
    MailAttempt a;
    try {
      a = transport_(e);
    } catch (const std::exception& ex) {
      a.error = ex.what();
    }
    const Millis at = nowMillis();
    const int attempt = e.attempt + (a.ok ? 0 : 1);
    if (a.ok) {
      outbox_.saveEmailAttempt(e.id, owner_, QueuedEmailState::Sent, e.attempt, e.next_attempt_at, "", at);
      continue;
    }
    const Millis delay = retryDelay(attempt, options_.first_retry_ms);
    const Millis jitter = std::uniform_int_distribution<Millis>(0, delay / 10)(rng_);
    const bool give_up = a.permanent || at + delay > e.created_at + kMailRetryWindowMs;
    spdlog::warn("email {} to {}: {}{}", e.id, e.recipients.empty() ? "" : e.recipients.front(), a.error,
                 give_up ? " (given up)" : "");
    outbox_.saveEmailAttempt(e.id, owner_, give_up ? QueuedEmailState::Failed : QueuedEmailState::Queued, attempt,
                             at + delay + jitter, a.error, at);
  }
  return due.size();
}

}  // namespace parley
