#include "fake_chat_completions.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cctype>
#include <stdexcept>

namespace parley::testing {

FakeChatCompletions::FakeChatCompletions() {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listen_fd_, 16) != 0)
    throw std::runtime_error("fake chat completions: cannot listen");
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
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
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    const int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) continue;
    std::string in;
    char buf[4096];
    std::size_t header_end = std::string::npos, need = 0;
    while (!stop_) {
      pollfd q{fd, POLLIN, 0};
      if (::poll(&q, 1, 50) <= 0) continue;
      const ssize_t n = ::read(fd, buf, sizeof buf);
      if (n <= 0) break;
      in.append(buf, static_cast<std::size_t>(n));
      if (header_end == std::string::npos && (header_end = in.find("\r\n\r\n")) != std::string::npos) {
        std::string lower = in.substr(0, header_end);
        for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const auto at = lower.find("content-length:");
        need = header_end + 4 + (at == std::string::npos ? 0 : std::stoul(lower.substr(at + 15)));
      }
      if (header_end != std::string::npos && in.size() >= need) break;
    }
    Request r;
    if (header_end != std::string::npos) {
      const auto line_end = in.find("\r\n");
      const auto sp1 = in.find(' ');
      r.path = in.substr(sp1 + 1, in.find(' ', sp1 + 1) - sp1 - 1);
      r.headers = in.substr(line_end + 2, header_end - line_end - 2);
      r.body = in.substr(header_end + 4);
    }
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
    const std::string out = "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: application/json\r\n" +
                            "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    std::size_t sent = 0;
    while (sent < out.size()) {
      const ssize_t n = ::send(fd, out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;
      sent += static_cast<std::size_t>(n);
    }
    ::close(fd);
  }
}

}  // namespace parley::testing
