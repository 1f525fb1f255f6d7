// SQLite's online backup for `parley backup` / `parley restore` (sqlite_backup.h).
#include "store/sqlite/sqlite_backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <stdexcept>

namespace parley {

namespace fs = std::filesystem;

namespace {

// One connection, closed on every path out.
class BackupConnection {
 public:
  BackupConnection(const std::string& path, int flags) {
    if (sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw std::runtime_error("cannot open " + path + ": " + msg);
    }
    sqlite3_busy_timeout(db_, 5000);  // the server's commit in progress: wait for it, briefly
  }
  ~BackupConnection() { sqlite3_close(db_); }
  BackupConnection(const BackupConnection&) = delete;
  BackupConnection& operator=(const BackupConnection&) = delete;
  sqlite3* get() const { return db_; }

  // The first column of the first row of `sql` as text; "" when there is no row.
  std::string scalar(const char* sql) const {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &st, nullptr) != SQLITE_OK)
      throw std::runtime_error(std::string("not a Parley database (") + sqlite3_errmsg(db_) + ")");
    std::string out;
    const int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_text(st, 0))
      out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    const bool failed = rc != SQLITE_ROW && rc != SQLITE_DONE;
    const std::string err = failed ? sqlite3_errmsg(db_) : "";
    sqlite3_finalize(st);
    if (failed) throw std::runtime_error("not a sound database: " + err);
    return out;
  }

 private:
  sqlite3* db_ = nullptr;
};

// Copies all of `from` into `to` in one step (see the header: one snapshot, no restarts).
void copyAllPages(const BackupConnection& from, const BackupConnection& to) {
  sqlite3_backup* b = sqlite3_backup_init(to.get(), "main", from.get(), "main");
  if (!b) throw std::runtime_error(std::string("backup: ") + sqlite3_errmsg(to.get()));
  int rc = SQLITE_OK;
  for (int tries = 0; tries < 500; ++tries) {  // BUSY/LOCKED: another connection's lock, 10 ms apart
    rc = sqlite3_backup_step(b, -1);
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
    sqlite3_sleep(10);
  }
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) throw std::runtime_error(std::string("backup: ") + sqlite3_errstr(rc));
}

// What the info reports, read from an open database that passed quick_check.
SqliteBackupInfo describe(const BackupConnection& db, const std::string& path) {
  SqliteBackupInfo info;
  info.schema_version = std::stoi("0" + db.scalar("SELECT coalesce(max(version), 0) FROM schema_migrations"));
  info.messages = std::stoll("0" + db.scalar("SELECT count(*) FROM messages"));
  std::error_code ec;
  info.bytes = static_cast<std::int64_t>(fs::file_size(path, ec));
  return info;
}

void checkSound(const BackupConnection& db, const std::string& path) {
  const auto verdict = db.scalar("PRAGMA quick_check");
  if (verdict != "ok") throw std::runtime_error(path + " is damaged: " + verdict);
  if (db.scalar("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").empty())
    throw std::runtime_error(path + " is not a Parley database (no schema_migrations)");
}

void fsyncPath(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("cannot open " + path + " to sync it");
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw std::runtime_error("fsync of " + path + " failed");
}

}  // namespace

SqliteBackupInfo backupSqliteDatabase(const std::string& db_path, const std::string& out_path) {
  if (!fs::exists(db_path)) throw std::runtime_error("no database at " + db_path);
  const std::string partial = out_path + ".partial";
  std::error_code ec;
  fs::remove(partial, ec);
  {
    // Read-write: a read-only connection to a WAL database cannot always build its -shm index.
    BackupConnection from(db_path, SQLITE_OPEN_READWRITE);
    BackupConnection to(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    copyAllPages(from, to);
    // A backup file stands alone: no -wal beside it to lose when it is copied elsewhere.
    (void)to.scalar("PRAGMA journal_mode=DELETE");
    checkSound(to, partial);
  }
  fsyncPath(partial, O_RDONLY);
  fs::rename(partial, out_path);
  fsyncPath(fs::absolute(out_path).parent_path().string(), O_RDONLY | O_DIRECTORY);
  BackupConnection done(out_path, SQLITE_OPEN_READONLY);
  return describe(done, out_path);
}

SqliteBackupInfo restoreSqliteDatabase(const std::string& backup_path, const std::string& db_path,
                                       int latest_schema_version, bool replace) {
  if (!fs::exists(backup_path)) throw std::runtime_error("no backup at " + backup_path);
  BackupConnection from(backup_path, SQLITE_OPEN_READONLY);
  checkSound(from, backup_path);
  const auto info = describe(from, backup_path);
  if (info.schema_version > latest_schema_version)
    throw std::runtime_error("the backup's schema (" + std::to_string(info.schema_version) +
                             ") is newer than this binary's (" + std::to_string(latest_schema_version) +
                             "): restore it with the version of parley that made it");
  if (fs::exists(db_path) && !replace)
    throw std::runtime_error(db_path + " exists: --force replaces it (stop the server first)");
  fs::create_directories(fs::absolute(db_path).parent_path());
  BackupConnection to(db_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  copyAllPages(from, to);
  // A new epoch: the clients' resume cursors (event offsets, visitor seqs) may point past the restored
  // log, and offsets will be used again; with another epoch they reload instead of resuming (resume).
  if (sqlite3_exec(to.get(), "UPDATE meta SET value = lower(hex(randomblob(16))) WHERE key = 'epoch'", nullptr, nullptr,
                   nullptr) != SQLITE_OK)
    throw std::runtime_error(std::string("restore: ") + sqlite3_errmsg(to.get()));
  // The live database runs in WAL mode (sqlite_db.cpp); the copy came in as a standalone file.
  (void)to.scalar("PRAGMA journal_mode=WAL");
  (void)to.scalar("PRAGMA wal_checkpoint(TRUNCATE)");
  checkSound(to, db_path);
  return info;
}

}  // namespace parley
