#include "bus/visitor_presence_batcher.h"

#include <spdlog/spdlog.h>

namespace parley {

VisitorPresenceBatcher::VisitorPresenceBatcher(Publish publish, std::chrono::milliseconds window)
    : publish_(std::move(publish)), window_(window), thread_([this] { run(); }) {}

VisitorPresenceBatcher::~VisitorPresenceBatcher() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_one();
  thread_.join();
}

void VisitorPresenceBatcher::changed(Id workspace_id, VisitorPresenceChange change) {
  {
    std::lock_guard lock(mu_);
    auto it = open_.find(workspace_id);
    if (it != open_.end()) {
      it->second.pending[change.contact_id] = std::move(change);
      return;
    }
    // A quiet workspace: this change goes out now, and the next ones wait for the window's end.
    open_.emplace(workspace_id, Window{std::chrono::steady_clock::now() + window_, {}});
  }
  cv_.notify_one();
  publish_(workspace_id, {change});
}

void VisitorPresenceBatcher::run() {
  std::unique_lock lock(mu_);
  for (;;) {
    if (stopping_) return;
    if (open_.empty()) {
      cv_.wait(lock);
      continue;
    }
    auto next = open_.begin()->second.ends;
    for (const auto& [ws, w] : open_) next = std::min(next, w.ends);
    if (cv_.wait_until(lock, next) == std::cv_status::no_timeout && !stopping_) continue;
    const auto now = std::chrono::steady_clock::now();
    std::vector<std::pair<Id, std::vector<VisitorPresenceChange>>> due;
    for (auto it = open_.begin(); it != open_.end();) {
      if (it->second.ends > now) {
        ++it;
        continue;
      }
      if (it->second.pending.empty()) {
        it = open_.erase(it);  // the burst is over: the next change is told at once again
        continue;
      }
      std::vector<VisitorPresenceChange> changes;
      changes.reserve(it->second.pending.size());
      for (auto& [id, c] : it->second.pending) changes.push_back(std::move(c));
      due.emplace_back(it->first, std::move(changes));
      // Still busy: keep coalescing for another window.
      it->second.pending.clear();
      it->second.ends = now + window_;
      ++it;
    }
    lock.unlock();
    for (const auto& [ws, changes] : due) {
      try {
        publish_(ws, changes);
      } catch (const std::exception& e) {
        spdlog::error("publishing visitor presence failed: {}", e.what());
      }
    }
    lock.lock();
  }
}

}  // namespace parley
