#include "outbound/http_post.h"

#include <curl/curl.h>

#include <memory>
#include <mutex>

namespace parley {

namespace {

void initOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Sink {
  std::string* body;
  std::size_t max;
  bool too_large = false;
};

std::size_t onData(char* data, std::size_t size, std::size_t n, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const std::size_t bytes = size * n;
  if (sink->body->size() + bytes > sink->max) {
    sink->too_large = true;
    return 0;  // makes libcurl stop with CURLE_WRITE_ERROR
  }
  sink->body->append(data, bytes);
  return bytes;
}

}  // namespace

bool isHttpUrl(std::string_view url) {
  for (std::string_view scheme : {"http://", "https://"}) {
    if (url.size() > scheme.size() && url.substr(0, scheme.size()) == scheme) {
      const char c = url[scheme.size()];
      return c != '/' && c != '?' && c != '#';
    }
  }
  return false;
}

HttpPostResult httpPost(const HttpPostRequest& request) {
  HttpPostResult result;
  if (!isHttpUrl(request.url)) {
    result.error = "not an http(s) URL";
    return result;
  }
  initOnce();
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) {
    result.error = "curl_easy_init failed";
    return result;
  }
  // "Expect:" turns off curl's 100-continue round trip for bodies over 1 KiB (a wasted wait, and
  // servers such as llama.cpp's do not all answer it).
  curl_slist* list = curl_slist_append(nullptr, "Expect:");
  for (const auto& h : request.headers) list = curl_slist_append(list, h.c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(list, &curl_slist_free_all);

  Sink sink{&result.body, request.max_response_bytes};
  char error[CURL_ERROR_SIZE] = {0};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: safe in threads
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &onData);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "Parley");

  const CURLcode rc = curl_easy_perform(c);
  if (sink.too_large) {
    result.outcome = HttpPostResult::Outcome::TooLarge;
    result.body.clear();
    return result;
  }
  if (rc == CURLE_OPERATION_TIMEDOUT) {
    result.outcome = HttpPostResult::Outcome::Timeout;
    result.body.clear();
    return result;
  }
  if (rc != CURLE_OK) {
    result.error = error[0] ? error : curl_easy_strerror(rc);
    result.body.clear();
    return result;
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &result.status);
  result.outcome = HttpPostResult::Outcome::Answered;
  return result;
}

}  // namespace parley
