// Copies the WAL back into the database file in the background, on a thread and connection of
// its own. A checkpoint copies up to thousands of pages and fsyncs the database file: done by the
// thread that commits messages (SQLite's auto-checkpoint) or the one that fsyncs them, it held up
// every message behind it (p99 at 5,000 msgs/s went from ~3 ms to ~25 ms). PASSIVE mode never
// waits for the writer; the writer restarts the WAL from its start once everything is copied.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace parley::sqlite {

class Db;

class WalCheckpointer {
 public:
  explicit WalCheckpointer(const std::string& path);
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;

  // After a commit: the WAL holds `pages` frames. Wakes the thread once they pass the threshold.
  void committed(int pages);
  std::uint64_t checkpoints() const { return checkpoints_; }

  static constexpr int kThresholdPages = 1000;

 private:
  void run();

  std::unique_ptr<Db> db_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool wanted_ = false;
  bool stopping_ = false;
  std::atomic<std::uint64_t> checkpoints_{0};
  std::thread thread_;
};

}  // namespace parley::sqlite
