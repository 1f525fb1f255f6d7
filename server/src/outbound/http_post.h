// Outbound HTTP (services Parley calls: the AI endpoint of issue 14 item 6; webhooks next), over
// libcurl. Blocking: call it from a worker thread, never from an I/O thread.
//
// Limits: the whole exchange has `timeout` (connect included); an answer over max_response_bytes is
// abandoned (TooLarge), so a hostile or broken endpoint cannot make the server hold more; only
// http:// and https:// URLs, and redirects are not followed (a configured URL means that server).
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace parley {

struct HttpPostRequest {
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
  std::chrono::milliseconds timeout{10'000};
  std::size_t max_response_bytes = 1 << 20;
  // Keep the first max_response_bytes of a longer answer instead of abandoning it (TooLarge).
  bool truncate_response = false;
  // "HOST:PORT:ADDRESS" entries (CURLOPT_RESOLVE): the request goes to ADDRESS whatever DNS says
  // by then, so an address checked before the request is the one connected to (DNS rebinding).
  // Set, no proxy from the environment is used either.
  std::vector<std::string> pinned_addresses;
};

struct HttpPostResult {
  enum class Outcome {
    Answered,  // a response came: `status` and `body` (any status)
    Timeout,   // no whole answer within the timeout
    TooLarge,  // the answer grew past max_response_bytes
    Failed,    // could not connect, TLS, a bad URL...: `error`
  } outcome = Outcome::Failed;
  long status = 0;
  std::string body;
  std::string error;
};

HttpPostResult httpPost(const HttpPostRequest& request);

// Whether `url` is one httpPost will try: http:// or https:// with a host.
bool isHttpUrl(std::string_view url);

// The host and port libcurl will connect to for `url`, parsed by libcurl itself (so a check of
// the host is a check of what the request uses); an IPv6 literal comes without brackets.
struct UrlEndpoint {
  std::string host;
  int port = 0;
};
std::optional<UrlEndpoint> urlEndpoint(const std::string& url);

// The addresses `host` resolves to (getaddrinfo, numeric text form). Blocking: worker threads only.
// Empty with `error` set when it does not resolve.
std::vector<std::string> resolveHostAddresses(const std::string& host, int port, std::string* error = nullptr);

}  // namespace parley
