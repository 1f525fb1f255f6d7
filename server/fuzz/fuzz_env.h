// A whole Parley server without sockets, for the fuzz targets that need the store, the router or
// the realtime protocol: a real SqliteStore (on tmpfs, so fsync costs nothing), MessageWriter,
// Hub, bus, presence and every route, wired as `parley serve` wires them (server/src/cli/serve_command.cpp).
//
// The database is seeded with known tokens (see Seed) so that inputs reach authenticated
// handlers. Inputs change the database; to keep the fuzzer from drifting into a state where the
// seed no longer works (a logout of the seeded session, a merged visitor), beginInput() checks
// the seed and restores a copy of the seeded database when it broke, and also every
// kResetEvery inputs so the database stays small and executions stay fast.
#pragma once

#include <chrono>
#include <cstdint>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "app/app_context.h"
#include "fuzz_check.h"
#include "http/router.h"
#include "realtime/realtime_protocol.h"

namespace parley::fuzz {

// What the seeded database holds. Dictionaries and seed corpora use the same strings.
struct Seed {
  static constexpr std::string_view kWorkspace = "ws_fuzz";        // public id of workspace 1
  static constexpr std::string_view kOtherWorkspace = "ws_other";  // workspace 2: isolation
  static constexpr std::string_view kHmacSecret = "fuzzsecret";
  static constexpr std::string_view kAdminEmail = "admin@fuzz.test";
  static constexpr std::string_view kAgentEmail = "agent@fuzz.test";
  static constexpr std::string_view kPassword = "fuzz-password";
  static constexpr std::string_view kAdminToken = "pa_fuzzadmin";
  static constexpr std::string_view kAgentToken = "pa_fuzzagent";
  static constexpr std::string_view kOtherAdminToken = "pa_fuzzother";
  static constexpr std::string_view kVisitorToken = "pv_ws_fuzz.visitor";
  static constexpr std::string_view kOtherVisitorToken = "pv_ws_other.visitor";
  static constexpr std::string_view kKnownUser = "user-42";  // a contact with this external id exists
  static constexpr std::string_view kPeer = "127.0.0.1";      // the TCP peer, also a trusted proxy
  static constexpr std::string_view kHost = "chat.fuzz.test";
  static constexpr std::string_view kAllowedOrigin = "https://shop.example.com";
  static constexpr std::string_view kUploadName = "0123456789abcdef0123456789abcdef";  // + ".png" in uploads/
};

// Work the MessageWriter hands to "the I/O threads": here the fuzzer's own thread runs it, so
// handlers and their late replies never run concurrently with the next input.
class PostedWork {
 public:
  void post(std::function<void()> f);
  // Runs what is queued, then waits for more, until done() is true. False after `timeout`.
  bool runUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout);
  void runReady();

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
};

class FuzzServer {
 public:
  // Built on first use, once per process, and never destroyed (threads keep running at exit).
  static FuzzServer& get();

  AppContext& ctx();
  Store& store();
  Router& router();
  RealtimeProtocol& protocol();
  PostedWork& posted() { return posted_; }
  // The temporary directory holding web/, docs/ and data/ (the database and uploads).
  const std::string& workDir() const { return dir_; }

  // Call at the start of each input of a target that may write. seed_may_break: the target can
  // end seeded sessions or tokens (REST can log out and merge visitors; frames cannot), so the
  // seed is checked before each input (five queries).
  void beginInput(bool seed_may_break = true);
  // Changes whenever the database was restored (and with it the hub, presence and writer):
  // connections a target keeps across inputs must then be opened again.
  unsigned long generation() const { return generation_; }
  // Returns once every message submitted so far has had its callback run (a barrier message
  // goes through the writer), aborting when that takes longer than a generous timeout: a hang.
  void settle();

  // Ids of the seeded records.
  Id workspaceId() const { return 1; }
  Id otherWorkspaceId() const { return 2; }

  FuzzServer(const FuzzServer&) = delete;
  FuzzServer& operator=(const FuzzServer&) = delete;

 private:
  struct Instance;
  FuzzServer();
  void createTemplate();
  void restore();
  bool seedIntact();

  std::string dir_;       // /dev/shm/parley-fuzz-<pid>
  std::string template_;  // the seeded database, copied over db_path_ by restore()
  std::string db_path_;
  ServerConfig config_;
  std::unique_ptr<CountryLookup> geo_;
  PostedWork posted_;
  std::unique_ptr<Instance> instance_;
  unsigned long inputs_since_reset_ = 0;
  unsigned long generation_ = 0;
  std::uint64_t settled_at_ = 0;  // writer.submitted() after the last barrier
};

}  // namespace parley::fuzz
