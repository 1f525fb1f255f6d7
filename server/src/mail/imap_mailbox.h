// Reads one IMAP mailbox with libcurl (issue 15, item 3: replies by email come back by polling).
// Blocking, one connection kept between calls; not thread-safe: one poller thread owns an instance.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace parley {

struct ImapSettings {
  // imap://USER:PASS@HOST:PORT/INBOX (plain, or STARTTLS when offered) or imaps://... (TLS from the
  // start). No path: INBOX. Credentials are percent-encoded.
  std::string url;
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds timeout{60'000};  // each command, connect included
};

// A failed command: the connection, the login, or the server's NO/BAD. The message holds the
// server's host and libcurl's reason, never the password.
struct ImapError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// fetch() of a message larger than kMaxInboundEmailBytes: skip it (mark it seen or deleted).
struct ImapMessageTooLarge : ImapError {
  using ImapError::ImapError;
};

class ImapMailbox {
 public:
  // Throws std::invalid_argument when the URL is not an imap:// or imaps:// URL with a host.
  explicit ImapMailbox(ImapSettings settings);
  ~ImapMailbox();
  ImapMailbox(const ImapMailbox&) = delete;
  ImapMailbox& operator=(const ImapMailbox&) = delete;

  // The UIDs of the messages without \Seen (UID SEARCH UNSEEN), oldest first, at most `limit`.
  std::vector<std::uint64_t> unseenUids(std::size_t limit);
  // The raw message (RFC 5322 bytes). Its \Seen flag stays as it was: the caller marks it once the
  // message is handled, so a crash in between leaves it to the next poll. Throws ImapError when there
  // is no such message, ImapMessageTooLarge past kMaxInboundEmailBytes.
  std::string fetch(std::uint64_t uid);
  void markSeen(std::uint64_t uid);
  // Flags the message \Deleted and expunges it (UID EXPUNGE, RFC 4315: only that message).
  void markDeleted(std::uint64_t uid);

 private:
  // Runs `command` (a custom request) on the mailbox; returns the untagged responses.
  std::string run(const std::string& command);

  ImapSettings settings_;
  std::string mailbox_url_;  // imap://host:port/INBOX, no credentials
  std::string user_;
  std::string password_;
  void* curl_ = nullptr;     // CURL*, kept so the connection (and its login) is reused
};

}  // namespace parley
