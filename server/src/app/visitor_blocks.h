// Who may not write to a workspace (issue 16, item 4): blocked contacts and address ranges, asked on
// every visitor message and upload, so kept in memory per workspace (at most kMaxBlocksPerWorkspace
// entries each, store/block_store.h) instead of read from the store each time.
//
// Freshness: a change made through this node forgets the workspace's list at once (changed()). With
// several nodes (PostgreSQL + Redis) another node's change is seen when the list is older than
// `ttl_ms` (5 s by default) and is read again: a block takes effect cluster-wide within that time,
// an unblock too. A short TTL was chosen over a bus message: blocks change rarely, a lost bus frame
// would leave a node wrong until restart, and a 5 s re-read per busy workspace costs one indexed query.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "domain/ip_address.h"
#include "domain/model.h"
#include "store/block_store.h"

namespace parley {

class VisitorBlocks {
 public:
  explicit VisitorBlocks(BlockStore& store, Millis ttl_ms = 5000, std::function<Millis()> clock = {});

  // True when the contact or the address is blocked in the workspace. `address` may be "" (email).
  // A store failure while reading the list keeps the last list (or blocks nobody): a database hiccup
  // must not stop every chat.
  bool blocked(Id workspace_id, Id contact_id, std::string_view address);
  // A block was made or removed on this node: the next question reads the store.
  void changed(Id workspace_id);

 private:
  struct List {
    Millis loaded_at = 0;
    std::unordered_set<Id> contacts;
    std::unordered_set<std::string> addresses;  // single hosts, canonical text
    std::vector<IpNetwork> ranges;              // wider ranges
  };
  std::shared_ptr<const List> listFor(Id workspace_id);

  BlockStore& store_;
  Millis ttl_ms_;
  std::function<Millis()> clock_;
  std::mutex mu_;
  std::unordered_map<Id, std::shared_ptr<const List>> lists_;
};

}  // namespace parley
