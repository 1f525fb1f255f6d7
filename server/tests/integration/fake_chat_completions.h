// A small OpenAI-compatible chat-completions server on 127.0.0.1 for the AI answerer's tests: it
// speaks the real protocol (HTTP/1.1, POST /v1/chat/completions, JSON), records each request, and
// answers what the test set (a status and body, after an optional delay). One connection at a time.
#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace parley::testing {

class FakeChatCompletions {
 public:
  struct Request {
    std::string path;
    std::string headers;  // the raw header block
    std::string body;
  };

  FakeChatCompletions();
  ~FakeChatCompletions();

  std::string baseUrl() const;  // "http://127.0.0.1:PORT/v1"

  // What the next requests get. content: an assistant message's text (a 200 in OpenAI's shape).
  void answerWith(const std::string& content);
  void answerRaw(int status, const std::string& body, std::chrono::milliseconds delay = {});

  std::vector<Request> requests() const;

 private:
  void serve();

  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  mutable std::mutex mu_;
  int status_ = 200;
  std::string body_;
  std::chrono::milliseconds delay_{0};
  std::vector<Request> requests_;
  std::thread thread_;
};

}  // namespace parley::testing
