#include "outbound/http_post.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstdlib>

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
  bool truncate = false;
  bool too_large = false;
};

std::size_t onData(char* data, std::size_t size, std::size_t n, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const std::size_t bytes = size * n;
  if (sink->body->size() + bytes > sink->max) {
    if (sink->truncate) sink->body->append(data, sink->max - sink->body->size());
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

std::optional<UrlEndpoint> urlEndpoint(const std::string& url) {
  initOnce();
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> u(curl_url(), &curl_url_cleanup);
  if (!u || curl_url_set(u.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) return std::nullopt;
  char* host = nullptr;
  char* port = nullptr;
  if (curl_url_get(u.get(), CURLUPART_HOST, &host, 0) != CURLUE_OK) return std::nullopt;
  UrlEndpoint out;
  out.host = host;
  curl_free(host);
  if (curl_url_get(u.get(), CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) != CURLUE_OK) return std::nullopt;
  out.port = std::atoi(port);
  curl_free(port);
  if (out.host.size() >= 2 && out.host.front() == '[' && out.host.back() == ']')
    out.host = out.host.substr(1, out.host.size() - 2);
  if (const auto zone = out.host.find('%'); zone != std::string::npos) out.host.erase(zone);
  if (out.host.empty() || out.port <= 0) return std::nullopt;
  return out;
}

std::vector<std::string> resolveHostAddresses(const std::string& host, int port, std::string* error) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  const int rc = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &res);
  std::vector<std::string> out;
  if (rc != 0) {
    if (error) *error = gai_strerror(rc);
    return out;
  }
  for (addrinfo* a = res; a; a = a->ai_next) {
    char text[INET6_ADDRSTRLEN] = {0};
    const void* addr = a->ai_family == AF_INET
                           ? static_cast<const void*>(&reinterpret_cast<sockaddr_in*>(a->ai_addr)->sin_addr)
                           : static_cast<const void*>(&reinterpret_cast<sockaddr_in6*>(a->ai_addr)->sin6_addr);
    if ((a->ai_family == AF_INET || a->ai_family == AF_INET6) && ::inet_ntop(a->ai_family, addr, text, sizeof text))
      if (std::find(out.begin(), out.end(), text) == out.end()) out.emplace_back(text);
  }
  ::freeaddrinfo(res);
  if (out.empty() && error) *error = "no address";
  return out;
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

  Sink sink{&result.body, request.max_response_bytes, request.truncate_response};
  curl_slist* pins = nullptr;
  for (const auto& p : request.pinned_addresses) pins = curl_slist_append(pins, p.c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> pinned(pins, &curl_slist_free_all);
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
  if (pinned) {
    curl_easy_setopt(c, CURLOPT_RESOLVE, pinned.get());
    curl_easy_setopt(c, CURLOPT_PROXY, "");  // a proxy would resolve the name itself
  }

  const CURLcode rc = curl_easy_perform(c);
  if (sink.too_large && sink.truncate) {
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &result.status);
    result.outcome = HttpPostResult::Outcome::Answered;
    return result;
  }
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
