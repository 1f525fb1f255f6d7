// The URL of a mail server as configured (`--smtp smtp://USER:PASS@HOST:PORT`, an IMAP mailbox
// imap://USER:PASS@HOST:PORT/INBOX), split for libcurl: the credentials go to CURLOPT_USERNAME and
// CURLOPT_PASSWORD, percent-decoded, and never appear in the URL libcurl is given or in an error.
#pragma once

#include <string>
#include <vector>

namespace parley {

struct MailServerUrl {
  std::string scheme;    // lower case, e.g. "smtp"
  std::string url;       // scheme://host:port/path, no credentials
  std::string host;      // for messages: where the server is
  std::string path;      // "/INBOX" or "" when the URL has none
  std::string user;      // percent-decoded; empty when the URL has none
  std::string password;  // percent-decoded
};

// Throws std::invalid_argument (saying why, without the password) when `url` does not parse, has no
// host, or its scheme is not one of `schemes`.
MailServerUrl parseMailServerUrl(const std::string& url, const std::vector<std::string>& schemes);

// curl_global_init, once per process.
void ensureCurlInitializedForMail();

}  // namespace parley
