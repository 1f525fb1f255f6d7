// `parley mail-in`: the MTA pipes one email to it (e.g. an /etc/aliases entry
// `parley-replies: "|/usr/bin/parley mail-in --url http://127.0.0.1:8080 --token-file /etc/parley/mail-in.token"`),
// and it posts the bytes to the running server's POST /api/v1/inbound-email. The server decides
// (app/inbound_mail.h); this only carries the email and turns the answer into an exit status the
// MTA understands (sysexits.h): 0 taken (posted, or deliberately not: a bounce, an unknown
// address), 75 EX_TEMPFAIL when the server cannot be reached or is busy (the MTA keeps the email
// and tries again), 77 EX_NOPERM for a refused token, 65 EX_DATAERR for an email too large.
#pragma once

#include <string>

namespace parley {

constexpr int kMailInTaken = 0;
constexpr int kMailInDataError = 65;
constexpr int kMailInTempFail = 75;
constexpr int kMailInNoPermission = 77;

struct MailInResult {
  int exit_code = kMailInTempFail;
  std::string message;  // one line for the MTA's log
};

MailInResult postInboundEmail(const std::string& server_url, const std::string& token, const std::string& raw);

}  // namespace parley
