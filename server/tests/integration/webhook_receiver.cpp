#include "webhook_receiver.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <stdexcept>

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
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listen_fd_, 16) != 0)
    throw std::runtime_error("webhook receiver: cannot listen");
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
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

void WebhookReceiver::stopListening() {
  stop_ = true;
  thread_.join();
  ::close(listen_fd_);
  listen_fd_ = -1;
  thread_ = std::thread([] {});
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
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    const int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) continue;
    std::string in;
    char buf[8192];
    std::size_t header_end = std::string::npos, need = 0;
    while (!stop_) {
      pollfd q{fd, POLLIN, 0};
      if (::poll(&q, 1, 50) <= 0) continue;
      const ssize_t n = ::read(fd, buf, sizeof buf);
      if (n <= 0) break;
      in.append(buf, static_cast<std::size_t>(n));
      if (header_end == std::string::npos && (header_end = in.find("\r\n\r\n")) != std::string::npos) {
        const std::string lower = receiverLower(in.substr(0, header_end));
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
      std::size_t pos = line_end + 2;
      while (pos < header_end) {
        auto eol = in.find("\r\n", pos);
        if (eol == std::string::npos || eol > header_end) eol = header_end;
        const std::string line = in.substr(pos, eol - pos);
        if (const auto colon = line.find(':'); colon != std::string::npos)
          r.headers[receiverLower(line.substr(0, colon))] = receiverTrim(line.substr(colon + 1));
        pos = eol + 2;
      }
      r.body = in.substr(header_end + 4);
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
    const std::string body = status == 200 ? "{\"received\":true}" : "{\"error\":\"try later\"}";
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
