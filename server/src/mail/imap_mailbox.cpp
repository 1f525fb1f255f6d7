#include "mail/imap_mailbox.h"

#include <curl/curl.h>

#include "domain/email.h"
#include "mail/imap_responses.h"
#include "mail/mail_server_url.h"

namespace parley {

namespace {

struct ImapCommandResponse {
  std::string body;
  std::size_t max_bytes = 0;
  bool too_large = false;
  char error[CURL_ERROR_SIZE] = {0};
};

std::size_t collectImapResponse(char* data, std::size_t size, std::size_t n, void* user) {
  auto* response = static_cast<ImapCommandResponse*>(user);
  const std::size_t bytes = size * n;
  if (response->body.size() + bytes > response->max_bytes) {
    response->too_large = true;
    return 0;  // libcurl stops with CURLE_WRITE_ERROR
  }
  response->body.append(data, bytes);
  return bytes;
}

// Untagged responses of a command (SEARCH, FETCH FLAGS) are small; 1 MiB bounds a hostile server.
constexpr std::size_t kMaxImapCommandResponseBytes = 1 << 20;

struct ImapLogin {
  const std::string& user;
  const std::string& password;
};

void prepareImapRequest(CURL* c, const std::string& url, const ImapSettings& settings, const ImapLogin& login,
                        ImapCommandResponse& response) {
  curl_easy_reset(c);  // keeps the open connection; clears the previous command's options
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "imap,imaps");
  if (!login.user.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, login.user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, login.password.c_str());
  }
  if (url.rfind("imaps:", 0) != 0) curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(settings.connect_timeout.count()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(settings.timeout.count()));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &collectImapResponse);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &response);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, response.error);
}

}  // namespace

ImapMailbox::ImapMailbox(ImapSettings settings) : settings_(std::move(settings)) {
  MailServerUrl parsed = parseMailServerUrl(settings_.url, {"imap", "imaps"});
  mailbox_url_ = parsed.url;
  if (parsed.path.empty()) {
    while (!mailbox_url_.empty() && mailbox_url_.back() == '/') mailbox_url_.pop_back();
    mailbox_url_ += "/INBOX";
  }
  user_ = std::move(parsed.user);
  password_ = std::move(parsed.password);
  ensureCurlInitializedForMail();
  curl_ = curl_easy_init();
  if (!curl_) throw std::runtime_error("curl_easy_init failed");
}

ImapMailbox::~ImapMailbox() { curl_easy_cleanup(static_cast<CURL*>(curl_)); }

std::string ImapMailbox::run(const std::string& command) {
  ImapCommandResponse response;
  response.max_bytes = kMaxImapCommandResponseBytes;
  prepareImapRequest(static_cast<CURL*>(curl_), mailbox_url_, settings_, {user_, password_}, response);
  CURL* c = static_cast<CURL*>(curl_);
  curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, command.c_str());
  const CURLcode rc = curl_easy_perform(c);
  if (response.too_large) throw ImapError("IMAP " + command + ": the server's answer is too large");
  if (rc != CURLE_OK)
    throw ImapError("IMAP " + command + " at " + mailbox_url_ + ": " +
                    (response.error[0] ? response.error : curl_easy_strerror(rc)));
  return std::move(response.body);
}

std::vector<std::uint64_t> ImapMailbox::unseenUids(std::size_t limit) {
  std::vector<std::uint64_t> uids = parseImapSearchUids(run("UID SEARCH UNSEEN"));
  if (uids.size() > limit) uids.resize(limit);
  return uids;
}

std::string ImapMailbox::fetch(std::uint64_t uid) {
  const std::string id = std::to_string(uid);
  // libcurl parses a message's literal only for its own FETCH (the ;UID= URL), which is
  // "UID FETCH n BODY[]" and so sets \Seen; the flag is read first and taken back after.
  const bool was_seen = imapFlagsIncludeSeen(run("UID FETCH " + id + " FLAGS"));
  ImapCommandResponse response;
  response.max_bytes = kMaxInboundEmailBytes;
  prepareImapRequest(static_cast<CURL*>(curl_), mailbox_url_ + "/;UID=" + id, settings_, {user_, password_},
                     response);
  const CURLcode rc = curl_easy_perform(static_cast<CURL*>(curl_));
  if (response.too_large) {
    if (!was_seen) run("UID STORE " + id + " -FLAGS.SILENT (\\Seen)");
    throw ImapMessageTooLarge("IMAP message " + id + " is larger than the inbound email limit");
  }
  if (rc != CURLE_OK)
    throw ImapError("IMAP fetch of " + id + " at " + mailbox_url_ + ": " +
                    (response.error[0] ? response.error : curl_easy_strerror(rc)));
  if (!was_seen) run("UID STORE " + id + " -FLAGS.SILENT (\\Seen)");
  return std::move(response.body);
}

void ImapMailbox::markSeen(std::uint64_t uid) { run("UID STORE " + std::to_string(uid) + " +FLAGS.SILENT (\\Seen)"); }

void ImapMailbox::markDeleted(std::uint64_t uid) {
  const std::string id = std::to_string(uid);
  run("UID STORE " + id + " +FLAGS.SILENT (\\Deleted)");
  run("UID EXPUNGE " + id);
}

}  // namespace parley
