// Ends agent sessions everywhere they live: the stored session (REST answers 401 at once) and the
// sockets that said hello with it, which get an "unauthorized" error frame (the dashboard goes back
// to its login form) and close code 4001 with the reason. Logout ends one session; deactivation,
// a role change and a new password end all of the agent's sessions.
//
// A change made by another process (`parley agent password` on the same database) reaches the
// running server through SessionWatcher, which re-checks every agent socket.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "bus/hub.h"
#include "store/agent_session_store.h"
#include "store/installation_store.h"

namespace parley {

class SessionRevoker {
 public:
  static constexpr std::uint16_t kCloseSessionEnded = 4001;

  SessionRevoker(AgentSessionStore& store, Hub& hub) : store_(store), hub_(hub) {}

  // Logout: the session of this token hash only.
  void endSession(std::string_view token_hash, std::string_view reason);
  // Every session of the agent.
  void endAgentSessions(Id workspace_id, Id agent_id, std::string_view reason);
  // Closes agent sockets whose session no longer exists or whose agent is no longer active;
  // returns how many were closed.
  std::size_t recheckAll(Millis now);

 private:
  void closeSocket(const ConnectionPtr& c, std::string_view reason);

  AgentSessionStore& store_;
  Hub& hub_;
};

// Polls the store for commits by other processes (every 500 ms: "within a second") and then
// re-checks the agent sockets' sessions.
class SessionWatcher {
 public:
  SessionWatcher(InstallationStore& store, SessionRevoker& revoker,
                 std::chrono::milliseconds period = std::chrono::milliseconds(500));
  ~SessionWatcher();

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace parley
