#include "bus/hub.h"

#include <algorithm>

namespace parley {

void Hub::subscribe(const std::string& topic, const ConnectionPtr& c) {
  std::lock_guard lock(mu_);
  auto& subs = topics_[topic];
  if (std::find(subs.begin(), subs.end(), c) == subs.end()) subs.push_back(c);
}

void Hub::unsubscribe(const std::string& topic, const Connection* c) {
  std::lock_guard lock(mu_);
  auto it = topics_.find(topic);
  if (it == topics_.end()) return;
  auto& subs = it->second;
  subs.erase(std::remove_if(subs.begin(), subs.end(), [c](const ConnectionPtr& p) { return p.get() == c; }),
             subs.end());
  if (subs.empty()) topics_.erase(it);
}

void Hub::deliver(const std::string& topic, const Frame& frame, const Connection* skip) {
  // Copy the list under the lock and send outside it: send() posts to each socket's strand and
  // must never wait while holding the hub.
  std::vector<ConnectionPtr> targets;
  {
    std::lock_guard lock(mu_);
    auto it = topics_.find(topic);
    if (it == topics_.end()) return;
    targets = it->second;
  }
  for (auto& c : targets) {
    if (c.get() == skip) continue;
    if (frame->close_code) c->end(frame->close_code, frame->text);
    else c->send(frame);
  }
}

std::size_t Hub::subscriberCount(const std::string& topic) const {
  std::lock_guard lock(mu_);
  auto it = topics_.find(topic);
  return it == topics_.end() ? 0 : it->second.size();
}

std::vector<ConnectionPtr> Hub::subscribers(const std::string& topic) const {
  std::lock_guard lock(mu_);
  auto it = topics_.find(topic);
  return it == topics_.end() ? std::vector<ConnectionPtr>{} : it->second;
}

void Hub::clear() {
  std::unordered_map<std::string, std::vector<ConnectionPtr>> gone;
  {
    std::lock_guard lock(mu_);
    gone.swap(topics_);
  }
  // Released outside the lock: a socket's destructor may call back into the hub.
}

std::vector<ConnectionPtr> Hub::socketsOnTopicsStartingWith(std::string_view prefix) const {
  std::vector<ConnectionPtr> out;
  std::lock_guard lock(mu_);
  for (const auto& [topic, subs] : topics_)
    if (topic.rfind(prefix, 0) == 0) out.insert(out.end(), subs.begin(), subs.end());
  return out;
}

std::vector<ConnectionPtr> Hub::allAgentSockets() const { return socketsOnTopicsStartingWith("w:"); }

std::vector<ConnectionPtr> Hub::allVisitorSockets() const { return socketsOnTopicsStartingWith("v:"); }

}  // namespace parley
