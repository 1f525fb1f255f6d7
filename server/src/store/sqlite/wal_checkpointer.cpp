#include "store/sqlite/wal_checkpointer.h"

#include <sqlite3.h>
#include <spdlog/spdlog.h>

#include "store/sqlite/sqlite_db.h"

namespace parley::sqlite {

WalCheckpointer::WalCheckpointer(const std::string& path)
    : db_(std::make_unique<Db>(path)), thread_([this] { run(); }) {}

WalCheckpointer::~WalCheckpointer() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_one();
  thread_.join();
}

void WalCheckpointer::committed(int pages) {
  if (pages < kThresholdPages) return;
  {
    std::lock_guard lock(mu_);
    if (wanted_) return;
    wanted_ = true;
  }
  cv_.notify_one();
}

void WalCheckpointer::run() {
  for (;;) {
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return wanted_ || stopping_; });
      if (stopping_) return;
      wanted_ = false;
    }
    int log = 0, copied = 0;
    const int rc = sqlite3_wal_checkpoint_v2(db_->handle(), "main", SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
    if (rc != SQLITE_OK && rc != SQLITE_BUSY) spdlog::warn("WAL checkpoint failed: {}", sqlite3_errstr(rc));
    checkpoints_++;
  }
}

}  // namespace parley::sqlite
