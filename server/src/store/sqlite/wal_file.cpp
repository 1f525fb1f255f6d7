#include "store/sqlite/wal_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace parley::sqlite {

WalFile::~WalFile() {
  if (fd_ >= 0) ::close(fd_);
}

void WalFile::sync() {
  std::lock_guard lock(mu_);
  // The WAL lives as long as the store's connection, but check that the file is still the one we
  // hold open (a stat is far cheaper than the fsync it guards).
  struct stat by_path {}, held {};
  if (fd_ >= 0 && (::stat(path_.c_str(), &by_path) != 0 || ::fstat(fd_, &held) != 0 ||
                   by_path.st_ino != held.st_ino || by_path.st_dev != held.st_dev)) {
    ::close(fd_);
    fd_ = -1;
  }
  if (fd_ < 0) fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) throw std::runtime_error("cannot open " + path_ + ": " + std::strerror(errno));
  if (::fdatasync(fd_) != 0) throw std::runtime_error("fdatasync of " + path_ + " failed: " + std::strerror(errno));
}

}  // namespace parley::sqlite
