#include "app/visitor_blocks.h"

#include <spdlog/spdlog.h>

#include "domain/clock.h"
#include "domain/ip_block.h"

namespace parley {

VisitorBlocks::VisitorBlocks(BlockStore& store, Millis ttl_ms, std::function<Millis()> clock)
    : store_(store), ttl_ms_(ttl_ms), clock_(clock ? std::move(clock) : std::function<Millis()>(nowMillis)) {}

std::shared_ptr<const VisitorBlocks::List> VisitorBlocks::listFor(Id workspace_id) {
  const Millis now = clock_();
  std::shared_ptr<const List> cached;
  {
    std::lock_guard lock(mu_);
    if (auto it = lists_.find(workspace_id); it != lists_.end()) cached = it->second;
  }
  if (cached && now - cached->loaded_at < ttl_ms_) return cached;
  // Read outside the lock: one workspace's query does not hold up the others' checks.
  auto fresh = std::make_shared<List>();
  fresh->loaded_at = now;
  try {
    for (const auto& b : store_.listBlocks(workspace_id)) {
      if (b.kind == BlockKind::Contact) {
        fresh->contacts.insert(b.contact_id);
      } else if (auto net = parseBlockedRange(b.ip_range)) {
        if (net->prefix == (net->base.v4 ? 32 : 128)) fresh->addresses.insert(toString(net->base));
        else fresh->ranges.push_back(*net);
      }
    }
  } catch (const std::exception& e) {
    spdlog::warn("blocks: workspace {} not re-read ({}); the last list stays", workspace_id, e.what());
    if (cached) return cached;
  }
  std::lock_guard lock(mu_);
  lists_[workspace_id] = fresh;
  return fresh;
}

bool VisitorBlocks::blocked(Id workspace_id, Id contact_id, std::string_view address) {
  auto list = listFor(workspace_id);
  if (contact_id != 0 && list->contacts.contains(contact_id)) return true;
  if (address.empty() || (list->addresses.empty() && list->ranges.empty())) return false;
  auto ip = parseIp(address);
  if (!ip) return false;
  if (list->addresses.contains(toString(*ip))) return true;
  for (const auto& net : list->ranges)
    if (contains(net, *ip)) return true;
  return false;
}

void VisitorBlocks::changed(Id workspace_id) {
  std::lock_guard lock(mu_);
  lists_.erase(workspace_id);
}

}  // namespace parley
