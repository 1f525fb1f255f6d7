#include "app/after_commit.h"

#include <spdlog/spdlog.h>

namespace parley {

void AfterCommit::add(std::string name, Listener listener) {
  listeners_.push_back({std::move(name), std::move(listener)});
}

void AfterCommit::messageStored(const AppendResult& r) const {
  for (const auto& e : listeners_) {
    try {
      e.listener(r);
    } catch (const std::exception& ex) {
      spdlog::error("after-commit step '{}' failed for message {}: {}", e.name, r.message.id, ex.what());
    }
  }
}

std::vector<std::string> AfterCommit::names() const {
  std::vector<std::string> out;
  for (const auto& e : listeners_) out.push_back(e.name);
  return out;
}

}  // namespace parley
