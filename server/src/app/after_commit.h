// What happens after a message is durable, as an explicit, ordered list: fan-out to the sockets,
// automatic assignment, and later the bot, webhooks and email. A feature registers one listener
// at start (main.cpp); MessageSender runs them in registration order for every stored message
// (never for a duplicate or a refusal). A listener that throws is logged and the next one still
// runs: one broken feature must not stop the chat.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "store/store.h"

namespace parley {

class AfterCommit {
 public:
  using Listener = std::function<void(const AppendResult&)>;

  // Not thread-safe: register everything before the server starts.
  void add(std::string name, Listener listener);
  void messageStored(const AppendResult& r) const;
  std::vector<std::string> names() const;

 private:
  struct Entry {
    std::string name;
    Listener listener;
  };
  std::vector<Entry> listeners_;
};

}  // namespace parley
