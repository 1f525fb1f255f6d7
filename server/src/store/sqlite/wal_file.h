// The SQLite WAL as a plain file, for one thing: fdatasync. Message batches commit without
// SQLite's own fsync (synchronous=NORMAL); syncing this file afterwards makes that commit and
// every earlier one durable (MessageWriter's sync thread calls it).
#pragma once

#include <mutex>
#include <string>

namespace parley::sqlite {

class WalFile {
 public:
  explicit WalFile(std::string db_path) : path_(std::move(db_path) + "-wal") {}
  ~WalFile();
  WalFile(const WalFile&) = delete;
  WalFile& operator=(const WalFile&) = delete;

  // Throws when the file cannot be opened or synced: the caller's batches may not be on disk.
  void sync();

 private:
  std::string path_;
  std::mutex mu_;
  int fd_ = -1;
};

}  // namespace parley::sqlite
