// A webhook receiver on 127.0.0.1 for the webhook tests: real HTTP/1.1 over TCP, one connection at
// a time. It records every request (headers lower-cased, body) and answers the statuses queued
// with failNext(), then `status` (200).
#pragma once

#include <atomic>
#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace parley::testing {

class WebhookReceiver {
 public:
  struct Request {
    std::string path;
    std::map<std::string, std::string> headers;
    std::string body;
    int answered = 0;
  };

  WebhookReceiver();
  ~WebhookReceiver();

  std::string url(const std::string& path = "/hook") const;
  int port() const { return port_; }
  void answerNext(int status, int times = 1);  // queued answers, then 200
  std::vector<Request> requests() const;
  // Waits until `count` requests came (or the timeout ends); returns what came.
  std::vector<Request> waitFor(std::size_t count, std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;

 private:
  void serve();

  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  mutable std::mutex mu_;
  std::deque<int> queued_;
  std::vector<Request> requests_;
  std::thread thread_;
};

}  // namespace parley::testing
