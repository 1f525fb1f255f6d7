// Runs the real `parley` binary on a free 127.0.0.1 port with its own data directory, and
// talks to it with real HTTP and WebSocket clients. Nothing here is a mock.
#pragma once

#include <boost/json.hpp>
#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace parley::test {

struct HttpResult {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
  boost::json::value json() const;
};

HttpResult httpRequest(int port, const std::string& method, const std::string& target, const std::string& body = {},
                       const std::string& token = {}, const std::string& content_type = "application/json",
                       const std::vector<std::pair<std::string, std::string>>& headers = {});

// A TCP port on 127.0.0.1 that nothing listened on a moment ago.
int freePort();
// Runs args (args[0] a full path) with stdout and stderr appended to logFile; the child is killed
// when the test dies. With `wait`, returns its exit code (-1 when killed); else 0, pid in *pidOut.
int spawnWait(const std::vector<std::string>& args, bool wait, int* pidOut, const std::string& logFile = "/dev/null");

class TestServer {
 public:
  // Creates a fresh data dir with an admin (admin@test.local / admin-password) and starts serving.
  TestServer();
  // The same with extra `parley serve` flags (e.g. a short --ws-tick-ms).
  explicit TestServer(std::vector<std::string> serve_args);
  // The same, started through a wrapper command (e.g. {"/usr/bin/prlimit", "--nofile=256:256"}).
  TestServer(std::vector<std::string> serve_args, std::vector<std::string> launch_prefix);
  ~TestServer();
  void start();
  void stop();   // SIGTERM, clean shutdown
  // Stops, then starts again on the same data directory with other `parley serve` flags.
  void restartWith(std::vector<std::string> serve_args);
  void crash();  // SIGKILL: nothing gets a chance to flush
  int port() const { return port_; }
  int pid() const { return pid_; }
  std::string logText() const;  // what the server has written to its log so far
  const std::string& dataDir() const { return data_dir_; }
  int runCli(const std::vector<std::string>& args);  // runs `parley ARGS`, returns the exit code

  HttpResult get(const std::string& target, const std::string& token = {}) { return httpRequest(port_, "GET", target, {}, token); }
  HttpResult post(const std::string& target, const boost::json::value& body, const std::string& token = {});
  HttpResult patch(const std::string& target, const boost::json::value& body, const std::string& token = {});

  // Logs in and returns the agent token.
  std::string login(const std::string& email = "admin@test.local", const std::string& password = "admin-password");
  // Creates a visitor session for the first workspace; returns {token, public workspace id}.
  std::pair<std::string, std::string> newVisitor();
  std::string workspacePublicId();

 private:
  explicit TestServer(int);  // data dir and admin, not started
  std::vector<std::string> serve_args_;
  std::vector<std::string> launch_prefix_;
  std::string data_dir_;
  int port_ = 0;
  int pid_ = -1;
};

class WsClient {
 public:
  explicit WsClient(int port, const std::string& origin = {});
  ~WsClient();
  void send(const boost::json::value& frame);
  void sendRaw(const std::string& text);
  // The next frame, or nullopt after the timeout or when the socket closed.
  std::optional<boost::json::object> next(std::chrono::milliseconds timeout = std::chrono::milliseconds(3000));
  // Skips frames until one of this type arrives (skipped frames are kept for later next() calls
  // only if keep is true).
  std::optional<boost::json::object> waitFor(const std::string& type,
                                             std::chrono::milliseconds timeout = std::chrono::milliseconds(3000));
  std::optional<boost::json::object> waitFor(const std::function<bool(const boost::json::object&)>& pred,
                                             std::chrono::milliseconds timeout = std::chrono::milliseconds(3000));
  // hello + welcome; returns the welcome frame.
  boost::json::object hello(const std::string& token);
  bool closed() const;
  int closeCode() const;
  void close();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

std::string str(const boost::json::value& v);  // a JSON string's text, or "" otherwise

}  // namespace parley::test
