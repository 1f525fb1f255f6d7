#include "bus/session_revoker.h"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include "domain/clock.h"
#include "wire/error_frame.h"

namespace parley {

void SessionRevoker::closeSocket(const ConnectionPtr& c, std::string_view reason) {
  // The dashboard reads this error as "back to the login form".
  c->send(makeFrame(errorFrame("unauthorized", "your session has ended: " + std::string(reason), "token")));
  c->end(kCloseSessionEnded, "session ended: " + std::string(reason));
}

void SessionRevoker::endSession(std::string_view token_hash, std::string_view reason) {
  store_.deleteAgentSession(token_hash);
  for (auto& c : hub_.allAgentSockets())
    if (c->identity.session_hash == token_hash) closeSocket(c, reason);
}

void SessionRevoker::endAgentSessions(Id workspace_id, Id agent_id, std::string_view reason) {
  auto n = store_.deleteAgentSessions(agent_id);
  int sockets = 0;
  for (auto& c : hub_.subscribers(Hub::agentsTopic(workspace_id))) {
    if (c->identity.agent_id != agent_id) continue;
    closeSocket(c, reason);
    ++sockets;
  }
  spdlog::info("ended {} sessions and {} sockets of agent {}: {}", n, sockets, agent_id, reason);
}

std::size_t SessionRevoker::recheckAll(Millis now) {
  std::size_t closed = 0;
  for (auto& c : hub_.allAgentSockets()) {
    auto agent = store_.agentBySession(c->identity.session_hash, now);
    if (agent && agent->id == c->identity.agent_id) continue;
    closeSocket(c, "signed out");
    ++closed;
  }
  if (closed) spdlog::info("closed {} agent sockets whose session ended elsewhere", closed);
  return closed;
}

SessionWatcher::SessionWatcher(InstallationStore& store, SessionRevoker& revoker, std::chrono::milliseconds period) {
  thread_ = std::thread([this, &store, &revoker, period] {
    auto seen = store.changesFromOtherProcesses();
    std::unique_lock lock(mu_);
    while (!cv_.wait_for(lock, period, [this] { return stop_; })) {
      lock.unlock();
      try {
        auto now = store.changesFromOtherProcesses();
        if (now != seen) {
          seen = now;
          revoker.recheckAll(nowMillis());
        }
      } catch (const std::exception& e) {
        spdlog::error("session watcher: {}", e.what());
      }
      lock.lock();
    }
  });
}

SessionWatcher::~SessionWatcher() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

}  // namespace parley
