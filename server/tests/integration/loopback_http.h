// The pieces of a tiny HTTP/1.1 server on 127.0.0.1 that the tests' fake endpoints share
// (fake_chat_completions, webhook_receiver): listen, read one request, answer and close.
#pragma once

#include <atomic>
#include <optional>
#include <string>

namespace parley::testing {

struct LoopbackHttpRequest {
  std::string path;
  std::string headers;  // the raw header block, without the request line
  std::string body;
};

// A listening socket on 127.0.0.1 and a free port; throws when it cannot listen.
int listenOnLoopback(int* port);
// Waits up to 50 ms for a connection; -1 when none came.
int acceptLoopbackConnection(int listen_fd);
// One request (headers, then a Content-Length body), read until whole; nullopt when the peer closed or
// `stop` came before it was whole.
std::optional<LoopbackHttpRequest> readLoopbackHttpRequest(int fd, const std::atomic<bool>& stop);
// Answers with `status` and a JSON body, then closes `fd`.
void answerLoopbackHttp(int fd, int status, const std::string& body);

}  // namespace parley::testing
