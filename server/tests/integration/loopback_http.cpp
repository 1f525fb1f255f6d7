#include "loopback_http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <stdexcept>

namespace parley::testing {

int listenOnLoopback(int* port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 16) != 0) {
    ::close(fd);
    throw std::runtime_error("loopback test server: cannot listen");
  }
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  *port = ntohs(addr.sin_port);
  return fd;
}

int acceptLoopbackConnection(int listen_fd) {
  pollfd p{listen_fd, POLLIN, 0};
  if (::poll(&p, 1, 50) <= 0) return -1;
  return ::accept(listen_fd, nullptr, nullptr);
}

std::optional<LoopbackHttpRequest> readLoopbackHttpRequest(int fd, const std::atomic<bool>& stop) {
  std::string in;
  char buf[8192];
  std::size_t header_end = std::string::npos, need = 0;
  while (!stop) {
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
  // A request cut short (the sender was killed mid-write, or the test stopped) is no request: a real
  // receiver would drop it too.
  if (header_end == std::string::npos || in.size() < need) return std::nullopt;
  LoopbackHttpRequest r;
  const auto line_end = in.find("\r\n");
  const auto sp1 = in.find(' ');
  r.path = in.substr(sp1 + 1, in.find(' ', sp1 + 1) - sp1 - 1);
  r.headers = line_end + 2 <= header_end ? in.substr(line_end + 2, header_end - line_end - 2) : "";
  r.body = in.substr(header_end + 4);
  return r;
}

void answerLoopbackHttp(int fd, int status, const std::string& body) {
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

}  // namespace parley::testing
