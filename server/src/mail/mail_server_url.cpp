#include "mail/mail_server_url.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace parley {

namespace {

// One part of a parsed URL, or empty when it has none.
std::string mailUrlPart(CURLU* url, CURLUPart what, unsigned flags = 0) {
  char* value = nullptr;
  if (curl_url_get(url, what, &value, flags) != CURLUE_OK || !value) return {};
  std::string out(value);
  curl_free(value);
  return out;
}

}  // namespace

void ensureCurlInitializedForMail() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

MailServerUrl parseMailServerUrl(const std::string& url, const std::vector<std::string>& schemes) {
  ensureCurlInitializedForMail();
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> parsed(curl_url(), &curl_url_cleanup);
  if (!parsed) throw std::runtime_error("curl_url failed");
  // Without CURLU_NON_SUPPORT_SCHEME a scheme this libcurl lacks fails here, which is what we want.
  if (curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK)
    throw std::invalid_argument("not a valid mail server URL");
  MailServerUrl out;
  out.scheme = mailUrlPart(parsed.get(), CURLUPART_SCHEME);
  std::transform(out.scheme.begin(), out.scheme.end(), out.scheme.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (std::find(schemes.begin(), schemes.end(), out.scheme) == schemes.end())
    throw std::invalid_argument("mail server URL scheme must be one of the supported ones, not " + out.scheme);
  out.host = mailUrlPart(parsed.get(), CURLUPART_HOST);
  if (out.host.empty()) throw std::invalid_argument("mail server URL has no host");
  out.user = mailUrlPart(parsed.get(), CURLUPART_USER, CURLU_URLDECODE);
  out.password = mailUrlPart(parsed.get(), CURLUPART_PASSWORD, CURLU_URLDECODE);
  out.path = mailUrlPart(parsed.get(), CURLUPART_PATH);
  if (out.path == "/") out.path.clear();
  curl_url_set(parsed.get(), CURLUPART_USER, nullptr, 0);
  curl_url_set(parsed.get(), CURLUPART_PASSWORD, nullptr, 0);
  curl_url_set(parsed.get(), CURLUPART_OPTIONS, nullptr, 0);
  out.url = mailUrlPart(parsed.get(), CURLUPART_URL);
  if (out.url.empty()) throw std::invalid_argument("not a valid mail server URL");
  return out;
}

}  // namespace parley
