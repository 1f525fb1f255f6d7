#include "fake_chat_completions.h"

#include "loopback_http.h"

#include <unistd.h>

#include <boost/json.hpp>

namespace parley::testing {

FakeChatCompletions::FakeChatCompletions() {
  listen_fd_ = listenOnLoopback(&port_);
  answerWith("OK");
  thread_ = std::thread([this] { serve(); });
}

FakeChatCompletions::~FakeChatCompletions() {
  stop_ = true;
  thread_.join();
  ::close(listen_fd_);
}

std::string FakeChatCompletions::baseUrl() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1"; }

void FakeChatCompletions::answerWith(const std::string& content) {
  boost::json::object message{{"role", "assistant"}, {"content", content}};
  boost::json::object o{{"id", "chatcmpl-test"},
                        {"object", "chat.completion"},
                        {"model", "test-model"},
                        {"choices", boost::json::array{boost::json::object{
                                        {"index", 0}, {"message", message}, {"finish_reason", "stop"}}}}};
  answerRaw(200, boost::json::serialize(o));
}

void FakeChatCompletions::answerRaw(int status, const std::string& body, std::chrono::milliseconds delay) {
  std::lock_guard lock(mu_);
  status_ = status;
  body_ = body;
  delay_ = delay;
}

std::vector<FakeChatCompletions::Request> FakeChatCompletions::requests() const {
  std::lock_guard lock(mu_);
  return requests_;
}

void FakeChatCompletions::serve() {
  while (!stop_) {
    const int fd = acceptLoopbackConnection(listen_fd_);
    if (fd < 0) continue;
    Request r;
    if (auto in = readLoopbackHttpRequest(fd, stop_)) r = {in->path, in->headers, in->body};
    int status;
    std::string body;
    std::chrono::milliseconds delay;
    {
      std::lock_guard lock(mu_);
      requests_.push_back(r);
      status = status_;
      body = body_;
      delay = delay_;
    }
    // Sleep in steps so the destructor is not held up by a long delay.
    for (auto waited = std::chrono::milliseconds(0); waited < delay && !stop_; waited += std::chrono::milliseconds(20))
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    answerLoopbackHttp(fd, status, body);
  }
}

}  // namespace parley::testing
