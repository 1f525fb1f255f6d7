// Outbound HTTP (services Parley calls: the AI endpoint of issue 14 item 6; webhooks next), over
// libcurl. Blocking: call it from a worker thread, never from an I/O thread.
//
// Limits: the whole exchange has `timeout` (connect included); an answer over max_response_bytes is
// abandoned (TooLarge), so a hostile or broken endpoint cannot make the server hold more; only
// http:// and https:// URLs, and redirects are not followed (a configured URL means that server).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace parley {

struct HttpPostRequest {
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
  std::chrono::milliseconds timeout{10'000};
  std::size_t max_response_bytes = 1 << 20;
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

}  // namespace parley
