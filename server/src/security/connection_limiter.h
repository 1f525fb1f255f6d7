// How many TCP connections the server holds, in all and per client address. Every accepted socket
// takes a slot before anything is read from it and gives it back when the socket is gone (an
// upgraded WebSocket keeps the slot of its HTTP connection), so an attacker who opens idle
// connections runs into the per-address cap long before the process runs out of descriptors, and
// the total stays below the descriptor limit with room for files and the database.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace parley {

class ConnectionLimiter;

// A held slot; gives it back when destroyed. Move-only, 16 bytes.
class ConnectionSlot {
 public:
  ConnectionSlot() = default;
  ConnectionSlot(ConnectionSlot&& o) noexcept : owner_(o.owner_), key_(o.key_) { o.owner_ = nullptr; }
  ConnectionSlot& operator=(ConnectionSlot&& o) noexcept;
  ConnectionSlot(const ConnectionSlot&) = delete;
  ConnectionSlot& operator=(const ConnectionSlot&) = delete;
  ~ConnectionSlot() { release(); }
  void release();

 private:
  friend class ConnectionLimiter;
  ConnectionSlot(ConnectionLimiter* owner, std::uint64_t key) : owner_(owner), key_(key) {}
  ConnectionLimiter* owner_ = nullptr;
  std::uint64_t key_ = 0;  // hash of the address; 0: exempt from the per-address count
};

class ConnectionLimiter {
 public:
  enum class Refusal { None, Total, PerAddress };

  // max_total >= 1; max_per_address >= 1.
  ConnectionLimiter(std::size_t max_total, std::size_t max_per_address);

  // A slot for a new connection from `address`, or nullopt with the reason in `why`. An exempt
  // address (a trusted proxy, which carries many clients) counts only toward the total.
  std::optional<ConnectionSlot> tryAcquire(std::string_view address, bool exempt, Refusal* why = nullptr);

  std::size_t total() const;
  std::size_t fromAddress(std::string_view address) const;
  std::size_t maxTotal() const { return max_total_; }
  std::size_t maxPerAddress() const { return max_per_address_; }
  // True when at least 3/4 of the slots are taken: idle connections then get short deadlines.
  bool underPressure() const;

 private:
  friend class ConnectionSlot;
  void give(std::uint64_t key);
  static std::uint64_t keyOf(std::string_view address);

  const std::size_t max_total_;
  const std::size_t max_per_address_;
  mutable std::mutex mu_;
  std::size_t total_ = 0;
  std::unordered_map<std::uint64_t, std::uint32_t> per_address_;  // only addresses with a connection
};

}  // namespace parley
