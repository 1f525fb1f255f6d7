#include "mail/smtp_sender.h"

#include <curl/curl.h>

#include <cstring>
#include <memory>

#include "domain/email.h"
#include "mail/mail_server_url.h"

namespace parley {

namespace {

struct SmtpUpload {
  std::string_view bytes;
  std::size_t sent = 0;
};

std::size_t readSmtpUpload(char* buffer, std::size_t size, std::size_t n, void* user) {
  auto* upload = static_cast<SmtpUpload*>(user);
  const std::size_t take = std::min(size * n, upload->bytes.size() - upload->sent);
  std::memcpy(buffer, upload->bytes.data() + upload->sent, take);
  upload->sent += take;
  return take;
}

// The server's refusals as libcurl sees them (CURLINFO_HEADER_IN lines starting 4 or 5): the last
// one says why a send failed ("550 5.1.1 <x@example.com>: Recipient address rejected"), which
// libcurl's own error message does not. Only what the server says is read, never what we send (AUTH
// carries the password), and a later "221 closing" does not hide the refusal.
int keepLastSmtpRefusal(CURL*, curl_infotype type, char* data, std::size_t size, void* user) {
  if (type != CURLINFO_HEADER_IN || size == 0 || (data[0] != '4' && data[0] != '5')) return 0;
  auto* last = static_cast<std::string*>(user);
  std::string_view line(data, std::min<std::size_t>(size, 512));
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  last->assign(line);
  return 0;
}

// An address given to MAIL FROM / RCPT TO: one line, no brackets (libcurl adds them), not too long.
// A CR or LF would let it inject SMTP commands.
bool isValidEnvelopeAddress(std::string_view address) {
  if (address.size() > kMaxEmailAddressBytes) return false;
  return address.find_first_of("\r\n<>") == std::string_view::npos;
}

}  // namespace

std::string withCrlfLineEnds(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 32);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const char c = bytes[i];
    if (c == '\r') {
      out += "\r\n";
      if (i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
    } else if (c == '\n') {
      out += "\r\n";
    } else {
      out += c;
    }
  }
  return out;
}

SmtpSender::SmtpSender(SmtpSettings settings) : settings_(std::move(settings)) {
  MailServerUrl parsed = parseMailServerUrl(settings_.url, {"smtp", "smtps"});
  url_ = std::move(parsed.url);
  user_ = std::move(parsed.user);
  password_ = std::move(parsed.password);
  implicit_tls_ = parsed.scheme == "smtps";
}

SmtpSendResult SmtpSender::send(std::string_view envelope_from, const std::vector<std::string>& recipients,
                                std::string_view mime) const {
  SmtpSendResult result;
  if (recipients.empty()) {
    result.permanent = true;
    result.error = "no recipient";
    return result;
  }
  if (!isValidEnvelopeAddress(envelope_from)) {
    result.permanent = true;
    result.error = "invalid envelope sender";
    return result;
  }
  curl_slist* list = nullptr;
  for (const auto& r : recipients) {
    if (r.empty() || !isValidEnvelopeAddress(r)) {
      curl_slist_free_all(list);
      result.permanent = true;
      result.error = "invalid recipient address";
      return result;
    }
    list = curl_slist_append(list, r.c_str());
  }
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> rcpt(list, &curl_slist_free_all);

  ensureCurlInitializedForMail();
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) {
    result.error = "curl_easy_init failed";
    return result;
  }
  const std::string data = withCrlfLineEnds(mime);
  SmtpUpload upload{data};
  const std::string from = "<" + std::string(envelope_from) + ">";
  std::string last_refusal;
  char error[CURL_ERROR_SIZE] = {0};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url_.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  if (!user_.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, user_.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, password_.c_str());
  }
  // smtp://: STARTTLS when the server offers it. With credentials a server that offers no TLS gets
  // them in clear text, as the URL asked (a local relay); use smtps:// for a server across a network.
  if (!implicit_tls_) curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(settings_.connect_timeout.count()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(settings_.timeout.count()));
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, &readSmtpUpload);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(data.size()));
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, &keepLastSmtpRefusal);
  curl_easy_setopt(c, CURLOPT_DEBUGDATA, &last_refusal);
  curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);  // the debug function sees the replies only when verbose

  const CURLcode rc = curl_easy_perform(c);
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  result.reply_code = static_cast<int>(code);
  if (rc == CURLE_OK) {
    result.ok = true;
    return result;
  }
  result.permanent = code >= 500 && code < 600;
  result.error = error[0] ? error : curl_easy_strerror(rc);
  if (!last_refusal.empty()) result.error += " (server: " + last_refusal + ")";
  return result;
}

}  // namespace parley
