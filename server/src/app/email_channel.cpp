#include "app/email_channel.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <future>
#include <stdexcept>

#include "domain/clock.h"
#include "domain/email_address.h"
#include "mail/imap_mailbox.h"
#include "mail/smtp_sender.h"

namespace parley {

namespace {

constexpr std::size_t kImapPerPoll = 50;  // emails taken per poll; the rest wait for the next

}  // namespace

EmailChannel::EmailChannel(EmailChannelOptions options, Store& store, MessageSender& messages,
                           const PresenceTracker* presence)
    : options_(std::move(options)) {
  EmailConfig config;
  config.enabled = !options_.smtp_url.empty();
  config.public_url = options_.public_url;
  while (!config.public_url.empty() && config.public_url.back() == '/') config.public_url.pop_back();
  config.key = store.installationSecret("email");
  if (config.enabled) {
    auto from = parseMailbox(options_.mail_from);
    if (!from) throw std::invalid_argument("--mail-from must be an address such as \"Acme <support@acme.com>\"");
    config.from = *from;
  }
  outbox_ = std::make_unique<EmailOutbox>(config, store, store, store, store, store, store);
  if (presence)
    digest_ = std::make_unique<AgentDigest>(*outbox_, store, store, store, store, store, *presence,
                                            std::max<Millis>(0, options_.agent_digest_ms));
  inbound_ = std::make_unique<InboundMail>(config.key, options_.uploads_dir, options_.max_upload, store, store, messages);
  if (config.enabled) {
    auto smtp = std::make_shared<SmtpSender>(SmtpSettings{.url = options_.smtp_url});  // throws on a bad URL
    sender_ = std::make_unique<MailSender>(
        store,
        [smtp](const QueuedEmail& e) {
          auto r = smtp->send(e.envelope_from, e.recipients, e.mime);
          return MailAttempt{r.ok, r.permanent, r.error};
        },
        MailSenderOptions{.tick = std::chrono::milliseconds(options_.mail_tick_ms),
                          .first_retry_ms = options_.mail_retry_base_ms});
  }
  if (!options_.imap_url.empty()) ImapMailbox check(ImapSettings{.url = options_.imap_url});  // throws on a bad URL
}

EmailChannel::~EmailChannel() { stop(); }

void EmailChannel::start() {
  if (sender_) {
    sender_->start();
    continuity_ = std::make_unique<PeriodicJob>("email continuity",
                                                std::chrono::milliseconds(options_.continuity_tick_ms),
                                                [this] { outbox_->runContinuityPass(nowMillis()); });
    if (digest_) {
      // A tenth of the window (an email at most 10% late), between 10 ms and 15 s.
      const auto tick = std::clamp<Millis>(digest_->windowMs() / 10, 10, 15'000);
      digest_job_ = std::make_unique<PeriodicJob>("agent email digest", std::chrono::milliseconds(tick),
                                                  [this] { digest_->runPass(nowMillis()); });
    }
  }
  if (!options_.imap_url.empty())
    imap_ = std::make_unique<PeriodicJob>("imap poll", std::chrono::milliseconds(options_.imap_poll_ms),
                                          [this] { pollImapOnce(); });
}

void EmailChannel::stop() {
  imap_.reset();
  digest_job_.reset();
  continuity_.reset();
  sender_.reset();
}

void EmailChannel::onStoredMessage(const AppendResult& r) {
  outbox_->onStoredMessage(r.message);
  if (digest_) digest_->onStoredMessage(r);
}

std::size_t EmailChannel::runAgentDigestOnce(Millis now) { return digest_ ? digest_->runPass(now) : 0; }

std::size_t EmailChannel::pollImapOnce() {
  ImapMailbox mailbox(ImapSettings{.url = options_.imap_url});
  std::size_t handled = 0;
  for (auto uid : mailbox.unseenUids(kImapPerPoll)) {
    InboundResult result;
    try {
      auto raw = mailbox.fetch(uid);
      // Shared: after a timeout the answer may still come, into a promise nobody waits on.
      auto stored = std::make_shared<std::promise<InboundResult>>();
      auto future = stored->get_future();
      inbound_->receive(raw, [stored](const InboundResult& r) { stored->set_value(r); });
      // The writer answers within milliseconds; a minute means it is stuck: leave the email unseen.
      if (future.wait_for(std::chrono::minutes(1)) != std::future_status::ready) {
        spdlog::warn("imap: email {} not stored within a minute; left for the next poll", uid);
        break;
      }
      result = future.get();
    } catch (const ImapMessageTooLarge& e) {
      result.outcome = InboundOutcome::Rejected;
      result.reason = e.what();
    }
    if (result.outcome == InboundOutcome::Rejected || result.outcome == InboundOutcome::Ignored)
      spdlog::info("imap: email {} {}: {}", uid, toString(result.outcome), result.reason);
    // Seen either way: a refused email is not refused again on every poll (it stays in the mailbox).
    mailbox.markSeen(uid);
    ++handled;
  }
  return handled;
}

}  // namespace parley
