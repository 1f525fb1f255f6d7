#include "security/connection_limiter.h"

#include <stdexcept>

namespace parley {

ConnectionSlot& ConnectionSlot::operator=(ConnectionSlot&& o) noexcept {
  if (this != &o) {
    release();
    owner_ = o.owner_;
    key_ = o.key_;
    o.owner_ = nullptr;
  }
  return *this;
}

void ConnectionSlot::release() {
  if (!owner_) return;
  owner_->give(key_);
  owner_ = nullptr;
}

ConnectionLimiter::ConnectionLimiter(std::size_t max_total, std::size_t max_per_address)
    : max_total_(max_total), max_per_address_(max_per_address) {
  if (max_total < 1 || max_per_address < 1) throw std::invalid_argument("ConnectionLimiter: limits must be >= 1");
}

std::uint64_t ConnectionLimiter::keyOf(std::string_view address) {
  // FNV-1a; 0 is kept for "exempt". A collision only merges two addresses' counts.
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : address) h = (h ^ c) * 1099511628211ull;
  return h == 0 ? 1 : h;
}

std::optional<ConnectionSlot> ConnectionLimiter::tryAcquire(std::string_view address, bool exempt, Refusal* why) {
  const std::uint64_t key = exempt ? 0 : keyOf(address);
  std::lock_guard lock(mu_);
  if (total_ >= max_total_) {
    if (why) *why = Refusal::Total;
    return std::nullopt;
  }
  if (key != 0) {
    auto& n = per_address_[key];
    if (n >= max_per_address_) {
      if (why) *why = Refusal::PerAddress;
      return std::nullopt;
    }
    ++n;
  }
  ++total_;
  if (why) *why = Refusal::None;
  return ConnectionSlot(this, key);
}

void ConnectionLimiter::give(std::uint64_t key) {
  std::lock_guard lock(mu_);
  --total_;
  if (key == 0) return;
  auto it = per_address_.find(key);
  if (it != per_address_.end() && --it->second == 0) per_address_.erase(it);
}

std::size_t ConnectionLimiter::total() const {
  std::lock_guard lock(mu_);
  return total_;
}

std::size_t ConnectionLimiter::fromAddress(std::string_view address) const {
  std::lock_guard lock(mu_);
  auto it = per_address_.find(keyOf(address));
  return it == per_address_.end() ? 0 : it->second;
}

bool ConnectionLimiter::underPressure() const {
  std::lock_guard lock(mu_);
  return total_ * 4 >= max_total_ * 3;
}

}  // namespace parley
