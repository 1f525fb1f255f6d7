// Sends one email through an SMTP server with libcurl (issue 15, item 1). Blocking: call it from a
// worker thread (the outbox job), never from an I/O thread.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace parley {

struct SmtpSettings {
  // smtp://USER:PASS@HOST:PORT (STARTTLS when the server offers it, plain otherwise) or
  // smtps://USER:PASS@HOST:PORT (TLS from the start). Credentials are optional and percent-encoded.
  std::string url;
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds timeout{60'000};  // the whole exchange, connect included
};

struct SmtpSendResult {
  bool ok = false;
  // The server refused with a 5xx reply (a recipient that does not exist, a message it will never
  // take): sending again will fail again. False for every other failure (timeouts, 4xx, connection).
  bool permanent = false;
  int reply_code = 0;  // the server's last reply code, 0 when none came
  std::string error;   // what went wrong, with the server's reply text; never the password
};

class SmtpSender {
 public:
  // Throws std::invalid_argument when the URL is not an smtp:// or smtps:// URL with a host.
  explicit SmtpSender(SmtpSettings settings);

  // Sends `mime` (RFC 5322 bytes, e.g. buildMime's; line ends are made CRLF, libcurl does the
  // dot-stuffing) from the envelope sender `envelope_from` (empty: the null sender <>) to every one
  // of `recipients`. All or nothing: a recipient the server refuses fails the whole send.
  SmtpSendResult send(std::string_view envelope_from, const std::vector<std::string>& recipients,
                      std::string_view mime) const;

  // Where mail goes, for logs: the URL without its credentials.
  const std::string& serverUrl() const { return url_; }

 private:
  SmtpSettings settings_;
  std::string url_;
  std::string user_;
  std::string password_;
  bool implicit_tls_ = false;
};

// `bytes` with every line end as CRLF (a lone LF or a lone CR becomes CRLF), as SMTP's DATA wants.
std::string withCrlfLineEnds(std::string_view bytes);

}  // namespace parley
