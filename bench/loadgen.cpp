// parley_loadgen: an open-loop WebSocket load generator for Parley and its peers (a socket.io 4 relay and a
// bare `ws` relay), on one single-threaded Asio event loop. The only Beast translation unit of bench/.
//
//   parley_loadgen run --target parley|socketio|ws --port P --server-pid PID [options] --out FILE.json
//       --agent-port P2: agents connect to P2, visitors (and the REST setup) to P: two Parley nodes, every delivery
//         crosses their bus. --server-pid PID1,PID2: the nodes' CPU and RSS are summed (and split per pid in each step).
//       --store-pid PID,...: the database / bus processes (PostgreSQL's postmaster, redis-server): their CPU and that
//         of their direct children (PostgreSQL's backends) is reported apart as store_cpu_*.
//   parley_loadgen coldstart --port P --runs 3 [--out FILE.json] -- COMMAND ARGS...
//
// `run` connects M agent sockets and N visitor sockets (spread over several source addresses in 127.0.0.0/8),
// measures the server's RSS per idle connection, then sends messages at fixed rates on a timer: slot i of a step is
// scheduled at t0 + i/rate whatever the replies, and every latency is taken from that scheduled time, so a stalled
// server cannot hide its stall (no coordinated omission). Latency is measured where the message arrives: at the
// agents, after the server stored it (Parley) or relayed it (peers). Both sides' CPU come from /proc.
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json.hpp>
#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <deque>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
namespace bj = boost::json;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kUserAgent =
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";

std::int64_t nowNs() { return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count(); }
Clock::time_point fromNs(std::int64_t ns) { return Clock::time_point(std::chrono::nanoseconds(ns)); }

[[noreturn]] void die(const std::string& msg) {
  std::cerr << "parley_loadgen: " << msg << "\n";
  std::exit(2);
}

// ---- /proc ------------------------------------------------------------------------------------------------

struct ProcSample {
  double cpu_s = 0;  // utime + stime, all threads
  double sys_s = 0;  // stime: the kernel's share (syscalls, TCP, scheduling)
  long rss_kb = 0;   // VmRSS
};

ProcSample procSample(int pid) {
  ProcSample s;
  std::string base = pid > 0 ? "/proc/" + std::to_string(pid) : "/proc/self";
  std::ifstream stat(base + "/stat");
  std::string line;
  if (std::getline(stat, line)) {
    auto close = line.rfind(')');
    if (close != std::string::npos) {
      std::istringstream in(line.substr(close + 2));
      std::string field;
      // Fields after the command: state(3) ... utime(14) stime(15), 1-based in proc(5).
      for (int i = 3; i <= 15 && in >> field; ++i) {
        if (i == 14) s.cpu_s += std::stod(field);
        if (i == 15) {
          s.cpu_s += std::stod(field);
          s.sys_s = std::stod(field);
        }
      }
      s.cpu_s /= static_cast<double>(sysconf(_SC_CLK_TCK));
      s.sys_s /= static_cast<double>(sysconf(_SC_CLK_TCK));
    }
  }
  std::ifstream status(base + "/status");
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) s.rss_kb = std::stol(line.substr(6));
  return s;
}

// The sum over several processes (two Parley nodes).
ProcSample procSample(const std::vector<int>& pids) {
  ProcSample s;
  for (int pid : pids) {
    auto one = procSample(pid);
    s.cpu_s += one.cpu_s;
    s.sys_s += one.sys_s;
    s.rss_kb += one.rss_kb;
  }
  return s;
}

// The processes and their direct children (PostgreSQL: the postmaster and its backends), summed.
ProcSample procSampleWithChildren(const std::vector<int>& pids) {
  std::vector<int> all(pids);
  if (!pids.empty()) {
    DIR* d = opendir("/proc");
    while (d) {
      auto* e = readdir(d);
      if (!e) break;
      if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
      std::ifstream stat(std::string("/proc/") + e->d_name + "/stat");
      std::string line;
      if (!std::getline(stat, line)) continue;
      auto close = line.rfind(')');
      if (close == std::string::npos) continue;
      std::istringstream in(line.substr(close + 2));
      std::string state;
      int ppid = 0;
      in >> state >> ppid;
      if (std::find(pids.begin(), pids.end(), ppid) != pids.end()) all.push_back(std::atoi(e->d_name));
    }
    if (d) closedir(d);
  }
  return procSample(all);
}

std::vector<int> pidList(const std::string& s) {
  std::vector<int> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ','))
    if (!item.empty()) out.push_back(std::stoi(item));
  return out;
}

// Busy CPU seconds of the whole machine (all cores), from /proc/stat: what the server and the generator did not
// use of it is someone else's load, which makes a step noisy.
double machineBusyCpu() {
  std::ifstream f("/proc/stat");
  std::string cpu;
  double v[10] = {0};
  f >> cpu;
  for (double& x : v) f >> x;
  double total = 0;
  for (int i = 0; i < 8; ++i) total += v[i];  // user nice system idle iowait irq softirq steal
  return (total - v[3] - v[4]) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// Context switches of all the threads of a process (voluntary + involuntary): a server that hands every message
// from thread to thread pays for it here.
long contextSwitches(int pid) {
  long total = 0;
  std::string base = "/proc/" + std::to_string(pid) + "/task";
  DIR* d = opendir(base.c_str());
  if (!d) return 0;
  while (auto* e = readdir(d)) {
    if (e->d_name[0] == '.') continue;
    std::ifstream f(base + "/" + e->d_name + "/status");
    std::string line;
    while (std::getline(f, line))
      if (line.rfind("voluntary_ctxt_switches:", 0) == 0 || line.rfind("nonvoluntary_ctxt_switches:", 0) == 0)
        total += std::stol(line.substr(line.find(':') + 1));
  }
  closedir(d);
  return total;
}

long contextSwitches(const std::vector<int>& pids) {
  long total = 0;
  for (int pid : pids) total += contextSwitches(pid);
  return total;
}

double selfCpu() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

// ---- small parsers (frames are searched, not parsed: the generator must stay cheaper than the server) --------

bool parseInt(std::string_view s, std::size_t pos, std::int64_t& out, std::size_t* end = nullptr) {
  if (pos >= s.size()) return false;
  auto r = std::from_chars(s.data() + pos, s.data() + s.size(), out);
  if (r.ec != std::errc()) return false;
  if (end) *end = static_cast<std::size_t>(r.ptr - s.data());
  return true;
}

// "<key>STEP.SCHED" -> step id and scheduled time (ns).
bool parseMarker(std::string_view s, std::string_view key, std::int64_t& step, std::int64_t& sched) {
  auto p = s.find(key);
  if (p == std::string_view::npos) return false;
  std::size_t e = 0;
  if (!parseInt(s, p + key.size(), step, &e)) return false;
  if (e >= s.size() || s[e] != '.') return false;
  return parseInt(s, e + 1, sched);
}

bool findInt(std::string_view s, std::string_view key, std::int64_t& out) {
  auto p = s.find(key);
  return p != std::string_view::npos && parseInt(s, p + key.size(), out);
}

std::string findString(std::string_view s, std::string_view key) {
  auto p = s.find(key);
  if (p == std::string_view::npos) return {};
  p += key.size();
  auto e = s.find('"', p);
  return std::string(s.substr(p, e == std::string_view::npos ? std::string_view::npos : e - p));
}

struct Percentiles {
  double p50 = 0, p90 = 0, p99 = 0, p999 = 0, max = 0;
  std::size_t n = 0;
};

Percentiles percentiles(std::vector<std::uint32_t>& us) {
  Percentiles p;
  p.n = us.size();
  if (us.empty()) return p;
  std::sort(us.begin(), us.end());
  auto at = [&](double q) {
    auto i = static_cast<std::size_t>(std::ceil(q * static_cast<double>(us.size()))) ;
    if (i > 0) --i;
    return us[std::min(i, us.size() - 1)] / 1000.0;
  };
  p.p50 = at(0.50);
  p.p90 = at(0.90);
  p.p99 = at(0.99);
  p.p999 = at(0.999);
  p.max = us.back() / 1000.0;
  return p;
}

double round3(double v) { return std::round(v * 1000.0) / 1000.0; }

bj::object toJson(const Percentiles& p) {
  return {{"n", p.n}, {"p50_ms", round3(p.p50)}, {"p90_ms", round3(p.p90)}, {"p99_ms", round3(p.p99)},
          {"p999_ms", round3(p.p999)}, {"max_ms", round3(p.max)}};
}

// ---- options --------------------------------------------------------------------------------------------------

struct Args {
  std::map<std::string, std::string> kv;
  std::vector<std::string> rest;  // after "--"
  std::string get(const std::string& k, const std::string& d = "") const {
    auto it = kv.find(k);
    return it == kv.end() ? d : it->second;
  }
  double num(const std::string& k, double d) const {
    auto it = kv.find(k);
    return it == kv.end() ? d : std::stod(it->second);
  }
  std::vector<int> list(const std::string& k, const std::string& d) const {
    std::vector<int> out;
    std::stringstream ss(get(k, d));
    std::string item;
    while (std::getline(ss, item, ','))
      if (!item.empty()) out.push_back(std::stoi(item));
    return out;
  }
};

Args parseArgs(int argc, char** argv, int from) {
  Args a;
  for (int i = from; i < argc; ++i) {
    std::string s = argv[i];
    if (s == "--") {
      for (++i; i < argc; ++i) a.rest.emplace_back(argv[i]);
      break;
    }
    if (s.rfind("--", 0) != 0) die("unexpected argument " + s);
    if (i + 1 < argc && std::string(argv[i + 1]).rfind("--", 0) != 0) {
      a.kv[s.substr(2)] = argv[++i];
    } else {
      a.kv[s.substr(2)] = "1";
    }
  }
  return a;
}

// ---- blocking HTTP for setup (login) --------------------------------------------------------------------------

struct HttpAnswer {
  int status = -1;
  std::string body;
};

HttpAnswer httpSync(net::io_context& ioc, const std::string& host, int port, const std::string& method,
                    const std::string& target, const std::string& body) {
  HttpAnswer out;
  beast::error_code ec;
  beast::tcp_stream stream(ioc);
  stream.socket().connect(tcp::endpoint(net::ip::make_address(host), static_cast<unsigned short>(port)), ec);
  if (ec) return out;
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
  req.set(bhttp::field::host, host + ":" + std::to_string(port));
  req.set(bhttp::field::user_agent, kUserAgent);
  req.set(bhttp::field::content_type, "application/json");
  req.body() = body;
  req.prepare_payload();
  bhttp::write(stream, req, ec);
  if (ec) return out;
  beast::flat_buffer buf;
  bhttp::response<bhttp::string_body> res;
  bhttp::read(stream, buf, res, ec);
  if (ec) return out;
  out.status = static_cast<int>(res.result_int());
  out.body = res.body();
  stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  return out;
}

bool waitHealthy(const std::string& host, int port, double timeout_s) {
  auto deadline = nowNs() + static_cast<std::int64_t>(timeout_s * 1e9);
  while (nowNs() < deadline) {
    net::io_context ioc;
    if (httpSync(ioc, host, port, "GET", "/healthz", "").status == 200) return true;
    usleep(1000);
  }
  return false;
}

// ---- the benchmark ----------------------------------------------------------------------------------------------

enum class Target { Parley, SocketIO, Ws };
enum class Role { Visitor, Agent };

class Bench;

struct Conn {
  Conn(net::io_context& ioc, Bench& b, Role r, int i) : ws(ioc), bench(b), role(r), index(i) {}
  void start(const tcp::endpoint& server, const net::ip::address& source);
  void send(std::string frame);
  void writeNext();
  void readNext();

  websocket::stream<beast::tcp_stream> ws;
  beast::flat_buffer rbuf;
  std::deque<std::string> outq;
  Bench& bench;
  Role role;
  int index;
  bool writing = false;
  bool ready = false;
  bool failed = false;
  bool closed = false;
  bool warm_sent = false;
  bool warm_acked = false;
  std::string token;          // Parley visitor/agent token
  std::int64_t conversation = 0;
  std::int64_t ack_ids = 0;   // socket.io ack ids
};

struct Step {
  std::string sender;  // "visitor" or "agent"
  int rate = 0;
  double seconds = 0;
  std::int64_t id = 0;
  int senders = 0;
  std::int64_t slots = 0, sent = 0, acks = 0, errors = 0, deliveries = 0, visitor_frames = 0;
  std::int64_t t0 = 0, last_delivery = 0, end = 0;
  std::vector<std::uint32_t> lat_us, ack_us;
  double server_cpu = 0, load_cpu = 0, other_cpu = 0, wall = 0;
  long server_cs = 0;
  double server_sys = 0;
  std::vector<double> server_cpu_by_pid;
  double store_cpu = 0;
  long rss_kb = 0;
  bool ok = false;
  std::string note;
};

class Bench {
 public:
  explicit Bench(const Args& a) : args_(a), timer_(ioc_) {
    auto t = a.get("target", "parley");
    if (t == "parley") target_ = Target::Parley;
    else if (t == "socketio") target_ = Target::SocketIO;
    else if (t == "ws") target_ = Target::Ws;
    else die("unknown --target " + t);
    target_name_ = t;
    host_ = a.get("host", "127.0.0.1");
    port_ = static_cast<int>(a.num("port", 0));
    if (port_ <= 0) die("--port is required");
    server_pids_ = pidList(a.get("server-pid", ""));
    if (server_pids_.empty() || server_pids_[0] <= 0)
      die("--server-pid is required (the server's CPU and RSS are read from /proc)");
    store_pids_ = pidList(a.get("store-pid", ""));
    agent_port_ = static_cast<int>(a.num("agent-port", port_));
    n_visitors_ = static_cast<int>(a.num("visitors", 1000));
    n_agents_ = static_cast<int>(a.num("agents", 4));
    n_sources_ = static_cast<int>(a.num("sources", 8));
    server_ep_ = tcp::endpoint(net::ip::make_address(host_), static_cast<unsigned short>(port_));
    agent_ep_ = tcp::endpoint(net::ip::make_address(host_), static_cast<unsigned short>(agent_port_));
    if (auto t = a.get("trace"); !t.empty()) trace_ = std::fopen(t.c_str(), "w");
  }

  int run();
  void onFrame(Conn& c, std::string_view text);
  void onReady(Conn& c);
  void onFailed(Conn& c, const std::string& why);
  void onClosed(Conn& c);
  const std::string& handshakeTarget(Conn& c);
  Target target() const { return target_; }
  const std::string& host() const { return host_; }

 private:
  template <class Pred>
  bool runUntil(Pred done, double timeout_s) {
    auto deadline = nowNs() + static_cast<std::int64_t>(timeout_s * 1e9);
    while (!done()) {
      if (nowNs() >= deadline) return false;
      if (ioc_.stopped()) ioc_.restart();
      ioc_.run_one_for(std::chrono::milliseconds(20));
    }
    return true;
  }
  void runFor(double seconds) {
    auto end = nowNs() + static_cast<std::int64_t>(seconds * 1e9);
    runUntil([&] { return nowNs() >= end; }, seconds + 1);
  }
  bool setupParley();
  bool createVisitorSessions();
  void connectAll(std::vector<std::unique_ptr<Conn>>& conns, Role role, int n, double timeout_s);
  void warmUp(int upto = -1);
  void runStep(Step& st);
  void tick();
  void sendSlot(std::int64_t slot, std::int64_t sched);
  std::string messageFrame(Conn& c, std::int64_t conv, std::string_view client_id, std::string_view body);
  void quiesce(double max_s);
  bj::object stepJson(Step& st);
  std::string xffFor(int i) const;

  const Args& args_;
  Target target_;
  std::string target_name_, host_;
  int port_ = 0, agent_port_ = 0, n_visitors_ = 0, n_agents_ = 0, n_sources_ = 8;
  std::vector<int> server_pids_, store_pids_;
  tcp::endpoint server_ep_, agent_ep_;
  net::io_context ioc_{1};
  net::steady_timer timer_;

  // Parley setup
  std::string agent_token_, public_id_;
  double sessions_per_s_ = 0;
  int session_failures_ = 0;
  std::string session_failure_;

  std::vector<std::unique_ptr<Conn>> agents_, visitors_;
  std::vector<std::string> visitor_tokens_;
  int pending_ = 0, ready_count_ = 0, failed_count_ = 0, closed_agents_ = 0, closed_visitors_ = 0;
  std::map<std::string, int> errors_;
  std::string first_failure_;
  std::int64_t last_frame_ns_ = 0;

  // Warm-up
  int warm_target_ = 0, warm_acks_ = 0, warm_sent_ = 0;

  // Current step
  Step* cur_ = nullptr;
  std::int64_t step_ids_ = 0;
  std::int64_t next_slot_ = 0;
  double interval_ns_ = 0;
  std::int64_t stale_ = 0;
  std::vector<std::int64_t> conversations_;
  FILE* trace_ = nullptr;  // --trace FILE: "step sched_offset_ns latency_ns" of every delivery at agent 0
};

// ---- connections --------------------------------------------------------------------------------------------

void Conn::start(const tcp::endpoint& server, const net::ip::address& source) {
  auto& sock = beast::get_lowest_layer(ws).socket();
  beast::error_code ec;
  sock.open(tcp::v4(), ec);
  if (ec) return bench.onFailed(*this, "socket: " + ec.message());
#ifdef IP_BIND_ADDRESS_NO_PORT
  // Let connect() choose the port per (source, destination) pair: ~28k ports for each source address.
  int one = 1;
  ::setsockopt(sock.native_handle(), IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
#endif
  sock.bind(tcp::endpoint(source, 0), ec);
  if (ec) return bench.onFailed(*this, "bind " + source.to_string() + ": " + ec.message());
  sock.set_option(tcp::no_delay(true), ec);
  beast::get_lowest_layer(ws).expires_after(std::chrono::seconds(30));
  beast::get_lowest_layer(ws).async_connect(server, [this, port = server.port()](beast::error_code ec) {
    if (ec) return bench.onFailed(*this, "connect: " + ec.message());
    beast::get_lowest_layer(ws).expires_never();
    ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
    ws.set_option(websocket::stream_base::decorator(
        [](websocket::request_type& req) { req.set(bhttp::field::user_agent, kUserAgent); }));
    ws.read_message_max(1 << 20);
    ws.async_handshake(bench.host() + ":" + std::to_string(port),
                       bench.handshakeTarget(*this), [this](beast::error_code ec) {
                         if (ec) return bench.onFailed(*this, "handshake: " + ec.message());
                         readNext();
                         if (bench.target() == Target::Parley) {
                           send("{\"type\":\"hello\",\"token\":\"" + token + "\"}");
                         } else if (bench.target() == Target::Ws) {
                           bench.onReady(*this);
                         }  // socket.io: wait for the Engine.IO open packet
                       });
  });
}

void Conn::send(std::string frame) {
  if (closed) return;
  outq.push_back(std::move(frame));
  if (!writing) writeNext();
}

void Conn::writeNext() {
  writing = true;
  ws.text(true);
  ws.async_write(net::buffer(outq.front()), [this](beast::error_code ec, std::size_t) {
    writing = false;
    if (ec) {
      outq.clear();
      return;
    }
    outq.pop_front();
    if (!outq.empty()) writeNext();
  });
}

void Conn::readNext() {
  ws.async_read(rbuf, [this](beast::error_code ec, std::size_t) {
    if (ec) {
      closed = true;
      return bench.onClosed(*this);
    }
    auto d = rbuf.cdata();
    bench.onFrame(*this, std::string_view(static_cast<const char*>(d.data()), d.size()));
    rbuf.consume(rbuf.size());
    readNext();
  });
}

const std::string& Bench::handshakeTarget(Conn& c) {
  static const std::string parley = "/ws", sio = "/socket.io/?EIO=4&transport=websocket";
  static thread_local std::string ws;
  if (target_ == Target::Parley) return parley;
  if (target_ == Target::SocketIO) return sio;
  ws = c.role == Role::Agent ? "/?role=agent&id=" + std::to_string(c.index + 1)
                             : "/?role=visitor&id=" + std::to_string(c.index + 1);
  return ws;
}

void Bench::onReady(Conn& c) {
  if (c.ready) return;
  c.ready = true;
  ready_count_++;
  pending_--;
  if (target_ != Target::Parley && c.role == Role::Visitor) c.conversation = c.index + 1;  // peers: conv = visitor id
}

void Bench::onFailed(Conn& c, const std::string& why) {
  if (c.failed || c.ready) return;
  c.failed = true;
  failed_count_++;
  pending_--;
  if (first_failure_.empty()) first_failure_ = why;
}

void Bench::onClosed(Conn& c) {
  if (!c.ready) return onFailed(c, "closed during handshake");
  if (c.role == Role::Agent) closed_agents_++;
  else closed_visitors_++;
}

void Bench::onFrame(Conn& c, std::string_view t) {
  const std::int64_t now = nowNs();
  last_frame_ns_ = now;
  if (target_ == Target::SocketIO) {
    if (t == "2") return c.send("3");  // Engine.IO ping -> pong
    if (!t.empty() && t[0] == '0') {   // open packet: connect to the namespace with our role
      return c.send(c.role == Role::Agent ? "40{\"role\":\"agent\",\"id\":" + std::to_string(c.index + 1) + "}"
                                          : "40{\"role\":\"visitor\",\"id\":" + std::to_string(c.index + 1) + "}");
    }
    if (t.rfind("40", 0) == 0) return onReady(c);
    if (t.rfind("44", 0) == 0) {
      errors_["connect_error"]++;
      return onFailed(c, std::string(t));
    }
  } else if (target_ == Target::Parley && !c.ready) {
    if (t.rfind("{\"type\":\"welcome\"", 0) == 0) return onReady(c);
    if (t.rfind("{\"type\":\"error\"", 0) == 0) return onFailed(c, std::string(t));
  }

  std::int64_t step = 0, sched = 0;
  // Deliveries: a message frame at an agent (the message body carries the step and its scheduled time).
  if (c.role == Role::Agent && parseMarker(t, "\"body\":\"x", step, sched)) {
    if (cur_ && step == cur_->id) {
      cur_->deliveries++;
      cur_->last_delivery = now;
      cur_->lat_us.push_back(static_cast<std::uint32_t>(std::min<std::int64_t>((now - sched) / 1000, UINT32_MAX)));
      if (trace_ && c.index == 0) std::fprintf(trace_, "%lld %lld %lld\n", static_cast<long long>(cur_->id),
                                               static_cast<long long>(sched - cur_->t0), static_cast<long long>(now - sched));
    } else {
      stale_++;
    }
    return;
  }
  bool isAck = t.find("\"type\":\"message.ack\"") != std::string_view::npos ||
               (target_ == Target::Ws && c.role == Role::Visitor && t.rfind("{\"type\":\"message.send\"", 0) == 0);
  if (isAck) {
    if (parseMarker(t, "\"client_id\":\"k", step, sched)) {
      if (cur_ && step == cur_->id) {
        cur_->acks++;
        cur_->ack_us.push_back(static_cast<std::uint32_t>(std::min<std::int64_t>((now - sched) / 1000, UINT32_MAX)));
      }
    } else if (t.find("\"client_id\":\"w") != std::string_view::npos && !c.warm_acked) {
      c.warm_acked = true;
      warm_acks_++;
      std::int64_t conv = 0;
      if (target_ == Target::Parley && findInt(t, "\"conversation_id\":", conv)) c.conversation = conv;
    }
    return;
  }
  if (t.find("\"type\":\"error\"") != std::string_view::npos) {
    auto code = findString(t, "\"code\":\"");
    errors_[code.empty() ? "error" : code]++;
    if (cur_) cur_->errors++;
    if (t.find("\"client_id\":\"w") != std::string_view::npos && !c.warm_acked) {
      c.warm_acked = true;  // a refused warm-up message: this visitor gets no conversation
      warm_acks_++;
    }
    return;
  }
  if (c.role == Role::Visitor && cur_ && parseMarker(t, "\"body\":\"x", step, sched) && step == cur_->id)
    cur_->visitor_frames++;
}

void Bench::connectAll(std::vector<std::unique_ptr<Conn>>& conns, Role role, int n, double timeout_s) {
  const int window = static_cast<int>(args_.num("connect-window", 256));
  int started = 0;
  const int before_ready = ready_count_, before_failed = failed_count_;
  conns.reserve(n);
  auto startOne = [&] {
    auto c = std::make_unique<Conn>(ioc_, *this, role, started);
    if (role == Role::Visitor && target_ == Target::Parley) c->token = visitor_tokens_[started];
    if (role == Role::Agent && target_ == Target::Parley) c->token = agent_token_;
    // Agents come from 127.0.0.1; visitors from 127.0.0.2 .. 127.0.0.(1+sources).
    auto src = role == Role::Agent ? net::ip::make_address_v4("127.0.0.1")
                                   : net::ip::address_v4(0x7f000002u + static_cast<unsigned>(started % n_sources_));
    pending_++;
    started++;
    conns.push_back(std::move(c));
    conns.back()->start(role == Role::Agent ? agent_ep_ : server_ep_, src);
  };
  runUntil(
      [&] {
        while (started < n && pending_ < window) startOne();
        return started >= n && pending_ == 0;
      },
      timeout_s);
  std::cerr << "  " << (role == Role::Agent ? "agents" : "visitors") << ": " << ready_count_ - before_ready
            << " ready, " << failed_count_ - before_failed << " failed" << (first_failure_.empty() ? "" : " (first: ")
            << first_failure_ << (first_failure_.empty() ? "" : ")") << "\n";
}

// ---- Parley setup: an agent token and N visitor tokens over REST ------------------------------------------------

std::string Bench::xffFor(int i) const {
  // 25 sessions per pretend client address (the server allows a burst of 30 new sessions per IP).
  int k = i / 25;
  return "127.200." + std::to_string(k / 250) + "." + std::to_string(k % 250 + 1);
}

bool Bench::setupParley() {
  auto email = args_.get("email", "bench@parley.local");
  auto password = args_.get("password", "bench-password");
  auto r = httpSync(ioc_, host_, port_, "POST", "/api/v1/auth/login",
                    bj::serialize(bj::object{{"email", email}, {"password", password}}));
  if (r.status != 200) {
    std::cerr << "login failed: " << r.status << " " << r.body << "\n";
    return false;
  }
  auto v = bj::parse(r.body);
  agent_token_ = std::string(v.at("token").as_string());
  public_id_ = std::string(v.at("workspace").at("public_id").as_string());
  return createVisitorSessions();
}

// A few keep-alive HTTP connections create the visitor sessions; SQLite serializes them anyway.
bool Bench::createVisitorSessions() {
  struct Worker {
    explicit Worker(net::io_context& ioc) : stream(ioc) {}
    beast::tcp_stream stream;
    beast::flat_buffer buf;
    bhttp::request<bhttp::string_body> req;
    std::optional<bhttp::response<bhttp::string_body>> res;
    int index = -1;
  };
  visitor_tokens_.assign(n_visitors_, {});
  const int workers = std::min(static_cast<int>(args_.num("http-workers", 8)), std::max(1, n_visitors_));
  int next = 0, done = 0, live = workers;
  std::vector<std::unique_ptr<Worker>> ws;
  std::function<void(Worker&)> issue;
  auto body = bj::serialize(bj::object{{"workspace_id", public_id_}, {"language", "en-US"},
                                       {"timezone", "Europe/Berlin"}, {"url", "http://shop.example/"}});
  issue = [&](Worker& w) {
    if (next >= n_visitors_) {
      live--;
      return;
    }
    w.index = next++;
    w.req = {bhttp::verb::post, "/api/v1/widget/sessions", 11};
    w.req.set(bhttp::field::host, host_);
    w.req.set(bhttp::field::user_agent, kUserAgent);
    w.req.set(bhttp::field::content_type, "application/json");
    w.req.set("X-Forwarded-For", xffFor(w.index));
    w.req.keep_alive(true);
    w.req.body() = body;
    w.req.prepare_payload();
    bhttp::async_write(w.stream, w.req, [&, wp = &w](beast::error_code ec, std::size_t) {
      if (ec) {
        session_failures_++;
        session_failure_ = "write: " + ec.message();
        done++;
        live--;
        return;
      }
      wp->res.emplace();
      bhttp::async_read(wp->stream, wp->buf, *wp->res, [&, wp](beast::error_code ec, std::size_t) {
        done++;
        if (ec) {
          session_failures_++;
          session_failure_ = "read: " + ec.message();
          live--;
          return;
        }
        if (wp->res->result_int() == 201) {
          boost::system::error_code pec;
          auto v = bj::parse(wp->res->body(), pec);
          if (!pec) visitor_tokens_[wp->index] = std::string(v.at("visitor_token").as_string());
        } else {
          session_failures_++;
          session_failure_ = std::to_string(wp->res->result_int()) + " " + wp->res->body();
        }
        issue(*wp);
      });
    });
  };
  auto t0 = nowNs();
  for (int i = 0; i < workers; ++i) {
    ws.push_back(std::make_unique<Worker>(ioc_));
    beast::error_code ec;
    ws.back()->stream.socket().connect(server_ep_, ec);
    if (ec) die("cannot connect for sessions: " + ec.message());
    issue(*ws.back());
  }
  runUntil([&] { return live <= 0; }, 600);
  sessions_per_s_ = done / ((nowNs() - t0) / 1e9);
  for (auto& w : ws) {
    beast::error_code ec;
    w->stream.socket().close(ec);
  }
  runFor(0.05);
  std::cerr << "  visitor sessions: " << done - session_failures_ << " created (" << static_cast<int>(sessions_per_s_)
            << "/s), " << session_failures_ << " failed" << (session_failure_.empty() ? "" : ": " + session_failure_)
            << "\n";
  // Keep only the visitors that got a token.
  std::vector<std::string> ok;
  for (auto& t : visitor_tokens_)
    if (!t.empty()) ok.push_back(std::move(t));
  visitor_tokens_ = std::move(ok);
  n_visitors_ = static_cast<int>(visitor_tokens_.size());
  return n_visitors_ > 0;
}

// ---- load -----------------------------------------------------------------------------------------------------

std::string Bench::messageFrame(Conn& c, std::int64_t conv, std::string_view client_id, std::string_view body) {
  std::string f;
  f.reserve(160);
  if (target_ == Target::SocketIO) {
    f += "42";
    f += std::to_string(++c.ack_ids);
    f += "[\"message.send\",";
  }
  f += "{\"type\":\"message.send\",";
  if (conv > 0) {
    f += "\"conversation_id\":";
    f += std::to_string(conv);
    f += ',';
  }
  f += "\"client_id\":\"";
  f += client_id;
  f += "\",\"body\":\"";
  f += body;
  f += "\"}";
  if (target_ == Target::SocketIO) f += ']';
  return f;
}

// Every visitor that will send opens its conversation first (the first message.send without conversation_id).
// By default all of them before the first step; with --warm-each-step only those of the first visitor step, and
// before each later visitor step those it adds (a slow store then does not open 15,000 conversations for steps the
// series never reaches). `upto`: open conversations for visitors [0, upto).
void Bench::warmUp(int upto) {
  int senders = 0;
  auto rates = args_.list("visitor-rates", "1000,2000,5000");
  if (upto < 0) {
    for (int r : rates) senders = std::max(senders, r);
    if (args_.num("warm-each-step", 0) > 0 && !rates.empty()) senders = rates.front();
    upto = std::min<int>(n_visitors_, std::max(senders, n_agents_ > 0 ? 1 : 0));
    upto = std::max(upto, std::min<int>(n_visitors_, static_cast<int>(args_.num("conversations", 1000))));
  }
  warm_target_ = std::max(warm_target_, std::min(upto, n_visitors_));
  const int window = static_cast<int>(args_.num("warm-window", 500));
  int& sent = warm_sent_;
  const int before = static_cast<int>(conversations_.size());
  auto t0 = nowNs();
  runUntil(
      [&] {
        while (sent < warm_target_ && sent - warm_acks_ < window) {
          Conn& v = *visitors_[sent++];
          if (!v.ready || v.closed) {
            warm_acks_++;
            continue;
          }
          v.send(messageFrame(v, target_ == Target::Parley ? 0 : v.conversation, "w" + std::to_string(v.index),
                              "warm-up: hello, I have a question about my order"));
        }
        return warm_acks_ >= warm_target_;
      },
      120);
  conversations_.clear();
  for (int i = 0; i < warm_target_; ++i)
    if (visitors_[i]->conversation > 0) conversations_.push_back(visitors_[i]->conversation);
  std::cerr << "  warm-up: " << static_cast<int>(conversations_.size()) - before << " conversations opened in "
            << static_cast<int>((nowNs() - t0) / 1e6) << " ms\n";
  // New conversations set off work after their ack (Parley: auto-assignment, conversation.updated frames):
  // let it finish so that the first step does not measure the warm-up's tail.
  quiesce(30);
  runFor(args_.num("settle-seconds", 2.0) / 4);
}

void Bench::sendSlot(std::int64_t slot, std::int64_t sched) {
  Step& st = *cur_;
  Conn* c;
  std::int64_t conv;
  if (st.sender == "visitor") {
    c = visitors_[slot % st.senders].get();
    conv = c->conversation;
  } else {
    c = agents_[slot % st.senders].get();
    conv = conversations_[slot % conversations_.size()];
  }
  if (!c->ready || c->closed) return;
  char client_id[64], body[128];
  std::snprintf(client_id, sizeof client_id, "k%lld.%lld.%lld", static_cast<long long>(st.id),
                static_cast<long long>(sched), static_cast<long long>(slot));
  std::snprintf(body, sizeof body, "x%lld.%lld hello, I have a question about my order",
                static_cast<long long>(st.id), static_cast<long long>(sched));
  c->send(messageFrame(*c, conv, client_id, body));
  st.sent++;
}

void Bench::tick() {
  Step& st = *cur_;
  const std::int64_t now = nowNs();
  while (next_slot_ < st.slots) {
    auto sched = st.t0 + static_cast<std::int64_t>(static_cast<double>(next_slot_) * interval_ns_);
    if (sched > now) break;
    sendSlot(next_slot_++, sched);
  }
  if (next_slot_ >= st.slots) return;
  timer_.expires_at(fromNs(st.t0 + static_cast<std::int64_t>(static_cast<double>(next_slot_) * interval_ns_)));
  timer_.async_wait([this](beast::error_code ec) {
    if (!ec) tick();
  });
}

void Bench::runStep(Step& st) {
  st.id = ++step_ids_;
  st.slots = std::llround(st.rate * st.seconds);
  st.lat_us.reserve(static_cast<std::size_t>(st.slots) * std::max(1, n_agents_));
  st.ack_us.reserve(static_cast<std::size_t>(st.slots));
  interval_ns_ = 1e9 / st.rate;
  next_slot_ = 0;
  cur_ = &st;
  auto s0 = procSample(server_pids_);
  std::vector<ProcSample> p0;
  for (int pid : server_pids_) p0.push_back(procSample(pid));
  auto d0 = procSampleWithChildren(store_pids_);
  auto l0 = selfCpu();
  auto m0 = machineBusyCpu();
  auto cs0 = contextSwitches(server_pids_);
  st.t0 = nowNs() + 20'000'000;
  timer_.expires_at(fromNs(st.t0));
  timer_.async_wait([this](beast::error_code ec) {
    if (!ec) tick();
  });
  const int agents_before = closed_agents_;
  runUntil([&] { return next_slot_ >= st.slots; }, st.seconds + 60);
  const double drain = args_.num("drain-seconds", 2.0);
  const std::int64_t expect = st.sent * n_agents_;
  runUntil([&] { return st.deliveries >= expect && st.acks >= st.sent; }, drain);
  st.end = nowNs();
  auto s1 = procSample(server_pids_);
  for (std::size_t i = 0; i < server_pids_.size(); ++i)
    st.server_cpu_by_pid.push_back(procSample(server_pids_[i]).cpu_s - p0[i].cpu_s);
  st.store_cpu = std::max(0.0, procSampleWithChildren(store_pids_).cpu_s - d0.cpu_s);
  st.server_cpu = s1.cpu_s - s0.cpu_s;
  st.server_sys = s1.sys_s - s0.sys_s;
  st.load_cpu = selfCpu() - l0;
  st.server_cs = contextSwitches(server_pids_) - cs0;
  st.other_cpu = std::max(0.0, machineBusyCpu() - m0 - st.server_cpu - st.store_cpu - st.load_cpu);
  st.wall = (st.end - st.t0) / 1e9;
  st.rss_kb = s1.rss_kb;
  cur_ = nullptr;
  double delivered_frac = expect ? static_cast<double>(st.deliveries) / static_cast<double>(expect) : 0;
  double window = std::max(st.seconds, (st.last_delivery - st.t0) / 1e9);
  double achieved = expect ? static_cast<double>(st.deliveries) / n_agents_ / window : 0;
  st.ok = st.sent > 0 && delivered_frac >= 0.99 && achieved >= 0.95 * st.rate && closed_agents_ == agents_before;
  if (closed_agents_ != agents_before) st.note = "agent sockets were closed by the server";
  else if (delivered_frac < 0.99) st.note = "not all messages delivered within the drain time";
  else if (achieved < 0.95 * st.rate) st.note = "delivered rate fell behind the offered rate";
}

void Bench::quiesce(double max_s) {
  // Wait until the server has worked off a backlog: no frame for 500 ms.
  auto deadline = nowNs() + static_cast<std::int64_t>(max_s * 1e9);
  const auto quiet = static_cast<std::int64_t>(args_.num("quiet-ms", 500) * 1e6);
  runUntil([&] { return nowNs() - last_frame_ns_ > quiet || nowNs() > deadline; }, max_s + 1);
}

bj::object Bench::stepJson(Step& st) {
  const std::int64_t expect = st.sent * n_agents_;
  double window = std::max(st.seconds, (st.last_delivery - st.t0) / 1e9);
  double msgs = expect ? static_cast<double>(st.deliveries) / n_agents_ : 0;
  auto lat = percentiles(st.lat_us);
  auto ack = percentiles(st.ack_us);
  bj::object o{{"sender", st.sender},
               {"rate", st.rate},
               {"seconds", st.seconds},
               {"senders", st.senders},
               {"sent", st.sent},
               {"acks", st.acks},
               {"errors", st.errors},
               {"agent_deliveries", st.deliveries},
               {"visitor_frames", st.visitor_frames},
               {"delivered_fraction", round3(expect ? static_cast<double>(st.deliveries) / expect : 0)},
               {"delivered_msgs_per_s", std::round(msgs / window)},
               {"latency", toJson(lat)},
               {"ack_latency", toJson(ack)},
               {"server_cpu_s", round3(st.server_cpu)},
               {"server_cpu_pct", std::round(100 * st.server_cpu / st.wall)},
               {"server_kernel_share_pct", st.server_cpu > 0 ? std::round(100 * st.server_sys / st.server_cpu) : 0.0},
               {"server_cpu_s_per_1000_msgs", msgs > 0 ? round3(st.server_cpu / msgs * 1000) : 0.0},
               {"load_cpu_s", round3(st.load_cpu)},
               {"load_cpu_pct", std::round(100 * st.load_cpu / st.wall)},
               {"other_cpu_pct", std::round(100 * st.other_cpu / st.wall)},
               {"server_context_switches_per_msg", msgs > 0 ? round3(st.server_cs / msgs) : 0.0},
               {"server_rss_kb", st.rss_kb},
               {"ok", st.ok}};
  if (server_pids_.size() > 1) {
    bj::array by;
    for (double c : st.server_cpu_by_pid) by.push_back(std::round(100 * c / st.wall));
    o["server_cpu_pct_by_pid"] = std::move(by);  // in --server-pid order
  }
  if (!store_pids_.empty()) {
    o["store_cpu_s"] = round3(st.store_cpu);
    o["store_cpu_pct"] = std::round(100 * st.store_cpu / st.wall);
    o["store_cpu_s_per_1000_msgs"] = msgs > 0 ? round3(st.store_cpu / msgs * 1000) : 0.0;
  }
  if (!st.note.empty()) o["note"] = st.note;
  // Someone else used more than a tenth of a core meanwhile: the figures of this step are not clean.
  if (st.other_cpu / st.wall > 0.10) o["noisy"] = true;
  if (st.load_cpu / st.wall > 0.9) o["load_bound"] = true;
  std::cerr << "  " << st.sender << " " << st.rate << "/s: sent " << st.sent << ", delivered "
            << static_cast<std::int64_t>(msgs) << " (" << std::round(msgs / window) << "/s), p50 " << lat.p50
            << " ms, p99 " << lat.p99 << " ms, p999 " << lat.p999 << " ms, server cpu "
            << std::round(100 * st.server_cpu / st.wall) << "%" << (store_pids_.empty() ? "" : ", store cpu " +
            std::to_string(static_cast<int>(std::round(100 * st.store_cpu / st.wall))) + "%") << ", load cpu " << std::round(100 * st.load_cpu / st.wall)
            << "%, others " << std::round(100 * st.other_cpu / st.wall) << "%" << (st.ok ? "" : "  [" + st.note + "]") << "\n";
  // Free the samples: steps can be large.
  std::vector<std::uint32_t>().swap(st.lat_us);
  std::vector<std::uint32_t>().swap(st.ack_us);
  return o;
}

int Bench::run() {
  bj::object out{{"target", target_name_}, {"visitors_requested", n_visitors_}, {"agents", n_agents_},
                 {"source_addresses", n_sources_}, {"server_processes", server_pids_.size()},
                 {"agents_on_other_node", agent_port_ != port_}};
  rlimit rl{};
  getrlimit(RLIMIT_NOFILE, &rl);
  rl.rlim_cur = rl.rlim_max;
  setrlimit(RLIMIT_NOFILE, &rl);
  if (static_cast<long>(rl.rlim_cur) < n_visitors_ + n_agents_ + 64)
    die("RLIMIT_NOFILE " + std::to_string(rl.rlim_cur) + " is too small for " + std::to_string(n_visitors_) +
        " visitors: run fewer per process");

  std::cerr << "[" << target_name_ << "] setup\n";
  if (target_ == Target::Parley) {
    if (!setupParley()) {
      out["error"] = "setup failed: " + session_failure_;
      std::cout << bj::serialize(out) << "\n";
      return 1;
    }
    out["sessions_per_s"] = std::round(sessions_per_s_);
    out["session_failures"] = session_failures_;
    if (!session_failure_.empty()) out["session_failure"] = session_failure_;
  }

  // Agents first: they see every visitor arrive (presence), as a live dashboard would.
  const double settle = args_.num("settle-seconds", 2.0);
  connectAll(agents_, Role::Agent, n_agents_, 60);
  runFor(settle / 2);
  auto base = procSample(server_pids_);
  auto t_conn = nowNs();
  connectAll(visitors_, Role::Visitor, n_visitors_, 300);
  double connect_s = (nowNs() - t_conn) / 1e9;
  int held = 0;
  for (auto& v : visitors_) held += v->ready && !v->closed;
  runFor(settle);
  auto loaded = procSample(server_pids_);
  const double idle_s = args_.num("idle-seconds", 3.0);
  auto l0 = selfCpu();
  runFor(idle_s);
  auto idle = procSample(server_pids_);
  held = 0;
  for (auto& v : visitors_) held += v->ready && !v->closed;
  int agents_held = 0;
  for (auto& a : agents_) agents_held += a->ready && !a->closed;
  bj::object conn{{"visitors_held", held},
                  {"agents_held", agents_held},
                  {"failed", failed_count_},
                  {"connect_seconds", round3(connect_s)},
                  {"connects_per_s", std::round(held / connect_s)},
                  {"server_rss_kb_before", base.rss_kb},
                  {"server_rss_kb_after", loaded.rss_kb},
                  {"server_rss_kb_after_idle", idle.rss_kb},
                  {"bytes_per_idle_connection",
                   held ? std::round((loaded.rss_kb - base.rss_kb) * 1024.0 / held) : 0.0},
                  {"server_cpu_s_connecting", round3(loaded.cpu_s - base.cpu_s)},
                  {"server_cpu_pct_idle", round3(100 * (idle.cpu_s - loaded.cpu_s) / idle_s)},
                  {"load_cpu_pct_idle", round3(100 * (selfCpu() - l0) / idle_s)}};
  if (!first_failure_.empty()) conn["first_failure"] = first_failure_;
  std::cerr << "  held " << held << " visitors + " << agents_held << " agents; server RSS " << base.rss_kb << " -> "
            << loaded.rss_kb << " kB (" << conn["bytes_per_idle_connection"].as_double() << " B/connection)\n";
  out["connections"] = conn;
  if (agents_held == 0 || held == 0) {
    out["error"] = "no connections: " + first_failure_;
    std::cout << bj::serialize(out) << "\n";
    return 1;
  }

  warmUp();
  out["conversations"] = conversations_.size();
  if (conversations_.empty()) {
    out["error"] = "warm-up opened no conversation";
    std::cout << bj::serialize(out) << "\n";
    return 1;
  }

  const double step_s = args_.num("step-seconds", 5.0);
  const double stop_p99 = args_.num("stop-p99-ms", 2000);
  bj::array steps;
  std::int64_t delivered_total = 0;
  double best_visitor = 0, best_agent = 0;
  auto series = [&](const std::string& sender, const std::vector<int>& rates) {
    for (int rate : rates) {
      Step st;
      st.sender = sender;
      st.rate = rate;
      st.seconds = step_s;
      if (sender == "visitor") {
        // Each sending visitor sends once a second: the server's per-visitor limit (1/s after a burst) is respected.
        st.senders = std::min<int>(rate, static_cast<int>(conversations_.size()));
        if (st.senders < rate && args_.num("warm-each-step", 0) > 0 && warm_target_ < n_visitors_) {
          warmUp(rate);
          st.senders = std::min<int>(rate, static_cast<int>(conversations_.size()));
        }
        if (st.senders < rate) {
          std::cerr << "  visitor " << rate << "/s skipped: needs " << rate << " visitors with a conversation\n";
          continue;
        }
      } else {
        st.senders = agents_held;
      }
      runStep(st);
      delivered_total += st.deliveries;
      auto j = stepJson(st);
      double p99 = j["latency"].as_object()["p99_ms"].as_double();
      steps.push_back(std::move(j));
      if (st.ok) {
        (sender == "visitor" ? best_visitor : best_agent) = std::max<double>(sender == "visitor" ? best_visitor : best_agent, rate);
      }
      if (!st.ok || p99 > stop_p99) {
        quiesce(15);
        break;
      }
      runFor(std::min(0.3, args_.num("settle-seconds", 2.0) / 4));
    }
  };
  series("visitor", args_.list("visitor-rates", "1000,2000,5000"));
  if (closed_agents_ == 0) series("agent", args_.list("agent-rates", ""));
  out["steps"] = std::move(steps);
  out["max_ok_visitor_rate"] = best_visitor;
  out["max_ok_agent_rate"] = best_agent;
  out["closed_agents"] = closed_agents_;
  out["closed_visitors"] = closed_visitors_;
  out["stale_frames"] = stale_;
  bj::object errs;
  for (auto& [k, v] : errors_) errs[k] = v;
  out["errors"] = std::move(errs);
  out["delivered_total"] = delivered_total;
  auto fin = procSample(server_pids_);
  out["server_rss_kb_end"] = fin.rss_kb;
  out["load_rss_kb_end"] = procSample(0).rss_kb;

  auto text = bj::serialize(out);
  if (auto path = args_.get("out"); !path.empty()) {
    std::ofstream f(path);
    f << text << "\n";
  } else {
    std::cout << text << "\n";
  }
  // Closing 18k sockets one by one is slow and measures nothing: the process exit closes them.
  std::cout.flush();
  std::cerr.flush();
  if (trace_) std::fclose(trace_);
  _exit(delivered_total > 0 ? 0 : 1);
}

// ---- wait until the machine is quiet ------------------------------------------------------------------------------

// Other work on the two cores (a build, a test run) distorts every figure: wait until the machine has been at most
// `--busy` percent of one core busy for `--seconds` in a row, or give up after `--timeout` and say so.
int waitQuiet(const Args& a) {
  const double busy_max = a.num("busy", 15) / 100.0, need = a.num("seconds", 3), timeout = a.num("timeout", 120);
  auto start = nowNs();
  int quiet = 0;
  double last = 0;
  while ((nowNs() - start) / 1e9 < timeout) {
    auto b0 = machineBusyCpu();
    usleep(1'000'000);
    last = machineBusyCpu() - b0;
    quiet = last <= busy_max ? quiet + 1 : 0;
    if (quiet >= need) {
      std::cout << "{\"quiet\":true,\"waited_s\":" << std::round((nowNs() - start) / 1e9) << ",\"busy_pct\":"
                << std::round(last * 100) << "}\n";
      return 0;
    }
  }
  std::cout << "{\"quiet\":false,\"waited_s\":" << std::round(timeout) << ",\"busy_pct\":" << std::round(last * 100)
            << "}\n";
  return 1;
}

// ---- cold start -------------------------------------------------------------------------------------------------

int coldStart(const Args& a) {
  if (a.rest.empty()) die("coldstart needs -- COMMAND ARGS...");
  int port = static_cast<int>(a.num("port", 0));
  int runs = static_cast<int>(a.num("runs", 3));
  std::string host = a.get("host", "127.0.0.1");
  bj::array times;
  for (int r = 0; r < runs; ++r) {
    std::vector<char*> argv;
    for (auto& s : a.rest) argv.push_back(const_cast<char*>(s.c_str()));
    argv.push_back(nullptr);
    auto t0 = nowNs();
    pid_t pid = fork();
    if (pid == 0) {
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      int fd = ::open("/dev/null", O_WRONLY);
      dup2(fd, 1);
      dup2(fd, 2);
      execvp(argv[0], argv.data());
      _exit(127);
    }
    bool ok = false;
    while (nowNs() - t0 < 10'000'000'000LL) {
      net::io_context ioc;
      if (httpSync(ioc, host, port, "GET", "/healthz", "").status == 200) {
        ok = true;
        break;
      }
      int st;
      if (waitpid(pid, &st, WNOHANG) == pid) break;
      usleep(500);
    }
    double ms = (nowNs() - t0) / 1e6;
    kill(pid, SIGTERM);
    int st;
    waitpid(pid, &st, 0);
    if (!ok) {
      std::cerr << "coldstart: server did not answer /healthz\n";
      return 1;
    }
    times.push_back(round3(ms));
    usleep(100'000);
  }
  std::vector<double> v;
  for (auto& t : times) v.push_back(t.as_double());
  std::sort(v.begin(), v.end());
  bj::object out{{"runs_ms", times}, {"median_ms", v[v.size() / 2]}, {"min_ms", v.front()}};
  auto text = bj::serialize(out);
  if (auto path = a.get("out"); !path.empty()) {
    std::ofstream f(path);
    f << text << "\n";
  }
  std::cout << text << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  signal(SIGPIPE, SIG_IGN);
  if (argc < 2) {
    std::cerr << "usage: parley_loadgen run --target parley|socketio|ws --port P --server-pid PID [options]\n"
                 "       parley_loadgen coldstart --port P [--runs 3] -- COMMAND ARGS...\n"
                 "       parley_loadgen wait --port P [--timeout 10]\n"
                 "       parley_loadgen wait-quiet [--busy 15] [--seconds 3] [--timeout 120]\n";
    return 2;
  }
  std::string cmd = argv[1];
  auto args = parseArgs(argc, argv, 2);
  if (cmd == "run") {
    Bench b(args);
    return b.run();
  }
  if (cmd == "coldstart") return coldStart(args);
  if (cmd == "wait-quiet") return waitQuiet(args);
  if (cmd == "wait")
    return waitHealthy(args.get("host", "127.0.0.1"), static_cast<int>(args.num("port", 0)), args.num("timeout", 10)) ? 0 : 1;
  die("unknown command " + cmd);
}
