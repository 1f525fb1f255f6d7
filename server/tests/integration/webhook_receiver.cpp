#include "webhook_receiver.h"

#include <unistd.h>

#include <cctype>

#include "loopback_http.h"

namespace parley::testing {

namespace {

std::string receiverLower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string receiverTrim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  const auto e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

}  // namespace

WebhookReceiver::WebhookReceiver() {
  listen_fd_ = listenOnLoopback(&port_);
  thread_ = std::thread([this] { serve(); });
}

WebhookReceiver::~WebhookReceiver() {
  stop_ = true;
  thread_.join();
  if (listen_fd_ >= 0) ::close(listen_fd_);
}

std::string WebhookReceiver::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

void WebhookReceiver::answerNext(int status, int times) {
  std::lock_guard lock(mu_);
  for (int i = 0; i < times; ++i) queued_.push_back(status);
}

std::vector<WebhookReceiver::Request> WebhookReceiver::requests() const {
  std::lock_guard lock(mu_);
  return requests_;
}

std::vector<WebhookReceiver::Request> WebhookReceiver::waitFor(std::size_t count, std::chrono::milliseconds timeout) const {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < end) {
    {
      std::lock_guard lock(mu_);
      if (requests_.size() >= count) return requests_;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return requests();
}

void WebhookReceiver::serve() {
  while (!stop_) {
    const int fd = acceptLoopbackConnection(listen_fd_);
    if (fd < 0) continue;
    Request r;
    auto in = readLoopbackHttpRequest(fd, stop_);
    if (!in) {  // cut short (the sender was killed mid-request): not a request, nothing recorded
      ::close(fd);
      continue;
    }
    {
      r.path = in->path;
      r.body = in->body;
      std::size_t pos = 0;
      while (pos < in->headers.size()) {
        auto eol = in->headers.find("\r\n", pos);
        if (eol == std::string::npos) eol = in->headers.size();
        const std::string line = in->headers.substr(pos, eol - pos);
        if (const auto colon = line.find(':'); colon != std::string::npos)
          r.headers[receiverLower(line.substr(0, colon))] = receiverTrim(line.substr(colon + 1));
        pos = eol + 2;
      }
    }
    int status = 200;
    {
      std::lock_guard lock(mu_);
      if (!queued_.empty()) {
        status = queued_.front();
        queued_.pop_front();
      }
      r.answered = status;
      requests_.push_back(r);
    }
    answerLoopbackHttp(fd, status, status == 200 ? "{\"received\":true}" : "{\"error\":\"try later\"}");
  }
}

}  // namespace parley::testing
