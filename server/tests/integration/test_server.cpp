// The only Beast translation unit of the tests.
#include "test_server.h"

#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <signal.h>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace parley::test {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
namespace bj = boost::json;
using tcp = net::ip::tcp;

bj::value HttpResult::json() const {
  boost::system::error_code ec;
  auto v = bj::parse(body, ec);
  return ec ? bj::value(nullptr) : v;
}

std::string str(const bj::value& v) { return v.is_string() ? std::string(v.get_string()) : std::string(); }

HttpResult httpRequest(int port, const std::string& method, const std::string& target, const std::string& body,
                       const std::string& token, const std::string& content_type,
                       const std::vector<std::pair<std::string, std::string>>& headers) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)));
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
  req.set(bhttp::field::host, "127.0.0.1:" + std::to_string(port));
  if (!token.empty()) req.set(bhttp::field::authorization, "Bearer " + token);
  if (!body.empty()) req.set(bhttp::field::content_type, content_type);
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  req.prepare_payload();
  bhttp::write(stream, req);
  beast::flat_buffer buf;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  beast::error_code ec;
  bhttp::read(stream, buf, parser, ec);
  HttpResult r;
  if (ec && ec != bhttp::error::end_of_stream) {
    r.status = -1;
    r.body = ec.message();
    return r;
  }
  r.status = static_cast<int>(parser.get().result_int());
  r.body = parser.get().body();
  for (const auto& f : parser.get()) {
    std::string name(f.name_string());
    for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    r.headers[name] = std::string(f.value());
  }
  stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  return r;
}

int freePort() {
  net::io_context ioc;
  tcp::acceptor a(ioc, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0));
  return a.local_endpoint().port();
}

// fork+exec rather than posix_spawn: the child asks to die with the test (PR_SET_PDEATHSIG), so a
// crashed or killed test never leaves a server behind holding a port or a pipe.
int spawnWait(const std::vector<std::string>& args, bool wait, int* pidOut, const std::string& logFile) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    int fd = open(logFile.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
      close(fd);
    }
    execv(argv[0], argv.data());
    _exit(127);
  }
  if (pidOut) *pidOut = pid;
  if (!wait) return 0;
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TestServer::TestServer(std::vector<std::string> serve_args) : TestServer(0) {
  serve_args_ = std::move(serve_args);
  start();
}

TestServer::TestServer(std::vector<std::string> serve_args, std::vector<std::string> launch_prefix) : TestServer(0) {
  serve_args_ = std::move(serve_args);
  launch_prefix_ = std::move(launch_prefix);
  start();
}

TestServer::TestServer() : TestServer(0) { start(); }

std::string TestServer::logText() const {
  std::ifstream in(data_dir_ + "/server.log");
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TestServer::TestServer(int) {
  char tmpl[] = "/tmp/parley-test-XXXXXX";
  data_dir_ = mkdtemp(tmpl);
  if (runCli({"agent", "add", "--data", data_dir_, "--email", "admin@test.local", "--name", "Ada Admin", "--password",
              "admin-password", "--role", "admin"}) != 0)
    throw std::runtime_error("agent add failed");
}

TestServer::~TestServer() {
  stop();
  std::error_code ec;
  std::filesystem::remove_all(data_dir_, ec);
}

int TestServer::runCli(const std::vector<std::string>& args) {
  std::vector<std::string> full{PARLEY_BINARY};
  full.insert(full.end(), args.begin(), args.end());
  return spawnWait(full, true, nullptr);
}

void TestServer::start() {
  port_ = freePort();
  std::vector<std::string> args{PARLEY_BINARY, "serve", "--host", "127.0.0.1", "--port", std::to_string(port_),
                                "--data", data_dir_, "--web", std::string(PARLEY_SOURCE_DIR) + "/web",
                                "--trusted-proxy", "127.0.0.1"};
  args.insert(args.end(), serve_args_.begin(), serve_args_.end());
  args.insert(args.begin(), launch_prefix_.begin(), launch_prefix_.end());
  spawnWait(args, false, &pid_, data_dir_ + "/server.log");
  for (int i = 0; i < 400; ++i) {
    try {
      if (httpRequest(port_, "GET", "/healthz").status == 200) return;
    } catch (const std::exception&) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  throw std::runtime_error("parley did not start");
}

// A clean stop is part of every test: the server must exit 0 on SIGTERM, and nothing may have been
// reported by a sanitizer (UBSan only prints, so the log is read too).
void TestServer::restartWith(std::vector<std::string> serve_args) {
  stop();
  serve_args_ = std::move(serve_args);
  start();
}

void TestServer::stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  const auto log = logText();
  const bool clean = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  const bool reported = log.find("runtime error:") != std::string::npos ||
                        log.find("AddressSanitizer") != std::string::npos ||
                        log.find("LeakSanitizer") != std::string::npos;
  if (!clean || reported) {
    ADD_FAILURE() << "parley did not stop cleanly (" << (WIFEXITED(status) ? "exit " + std::to_string(WEXITSTATUS(status))
                                                                             : "signal " + std::to_string(WTERMSIG(status)))
                  << "); its log ends:\n" << log.substr(log.size() > 4000 ? log.size() - 4000 : 0);
  }
}

void TestServer::crash() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int status;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

HttpResult TestServer::post(const std::string& target, const bj::value& body, const std::string& token) {
  return httpRequest(port_, "POST", target, bj::serialize(body), token);
}

HttpResult TestServer::patch(const std::string& target, const bj::value& body, const std::string& token) {
  return httpRequest(port_, "PATCH", target, bj::serialize(body), token);
}

std::string TestServer::login(const std::string& email, const std::string& password) {
  auto r = post("/api/v1/auth/login", bj::object{{"email", email}, {"password", password}});
  if (r.status != 200) throw std::runtime_error("login failed: " + r.body);
  return str(r.json().at("token"));
}

std::string TestServer::workspacePublicId() {
  auto r = post("/api/v1/auth/login", bj::object{{"email", "admin@test.local"}, {"password", "admin-password"}});
  return str(r.json().at("workspace").at("public_id"));
}

std::pair<std::string, std::string> TestServer::newVisitor() {
  auto ws = workspacePublicId();
  auto r = post("/api/v1/widget/sessions", bj::object{{"workspace_id", ws}, {"language", "de-DE"}, {"timezone", "Europe/Berlin"}});
  if (r.status != 201) throw std::runtime_error("session failed: " + r.body);
  return {str(r.json().at("visitor_token")), ws};
}

struct WsClient::Impl {
  net::io_context ioc;
  websocket::stream<beast::tcp_stream> ws{ioc};
  beast::flat_buffer buf;
  std::deque<bj::object> pending;
  bool closed = false;
  int close_code = 0;
  bool reading = false;
  bool done = false;
  beast::error_code result;
};

WsClient::WsClient(int port, const std::string& origin) : impl_(std::make_unique<Impl>()) {
  beast::get_lowest_layer(impl_->ws).connect(
      tcp::endpoint(net::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)));
  if (!origin.empty())
    impl_->ws.set_option(websocket::stream_base::decorator(
        [origin](websocket::request_type& req) { req.set(bhttp::field::origin, origin); }));
  impl_->ws.handshake("127.0.0.1:" + std::to_string(port), "/ws");
}

WsClient::~WsClient() { close(); }

void WsClient::send(const bj::value& frame) { sendRaw(bj::serialize(frame)); }

void WsClient::sendRaw(const std::string& text) {
  impl_->ws.text(true);
  beast::error_code ec;
  impl_->ws.write(net::buffer(text), ec);
}

std::optional<bj::object> WsClient::next(std::chrono::milliseconds timeout) {
  auto& d = *impl_;
  if (!d.pending.empty()) {
    auto f = std::move(d.pending.front());
    d.pending.pop_front();
    return f;
  }
  if (d.closed) return std::nullopt;
  // One read stays outstanding across timeouts: cancelling a websocket read would break the stream.
  if (!d.reading) {
    d.reading = true;
    d.ws.async_read(d.buf, [&d](beast::error_code ec, std::size_t) {
      d.done = true;
      d.result = ec;
    });
  }
  d.ioc.restart();
  d.ioc.run_for(timeout);
  if (!d.done) return std::nullopt;
  d.reading = d.done = false;
  if (d.result) {
    d.closed = true;
    d.close_code = d.ws.reason().code;
    return std::nullopt;
  }
  std::string text = beast::buffers_to_string(d.buf.data());
  d.buf.consume(d.buf.size());
  boost::system::error_code ec;
  auto v = bj::parse(text, ec);
  if (ec || !v.is_object()) return bj::object{{"type", "<not json>"}, {"raw", text}};
  return v.get_object();
}

std::optional<bj::object> WsClient::waitFor(const std::string& type, std::chrono::milliseconds timeout) {
  return waitFor([&](const bj::object& f) { return f.contains("type") && str(f.at("type")) == type; }, timeout);
}

std::optional<bj::object> WsClient::waitFor(const std::function<bool(const bj::object&)>& pred,
                                            std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    auto f = next(left);
    if (!f) return std::nullopt;
    if (pred(*f)) return f;
  }
}

bj::object WsClient::hello(const std::string& token) {
  send(bj::object{{"type", "hello"}, {"token", token}});
  auto w = next();
  if (!w) throw std::runtime_error("no answer to hello");
  return *w;
}

bool WsClient::closed() const { return impl_->closed; }
int WsClient::closeCode() const { return impl_->close_code; }

void WsClient::close() {
  if (impl_->closed) return;
  impl_->closed = true;
  beast::error_code ec;
  beast::get_lowest_layer(impl_->ws).socket().close(ec);
  // Let an outstanding read finish (with operation_aborted) before the stream goes away.
  impl_->ioc.restart();
  impl_->ioc.run_for(std::chrono::milliseconds(100));
}

}  // namespace parley::test
