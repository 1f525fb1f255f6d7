// `parley backup` and `parley restore` for the SQLite store (issue 17, item 4): SQLite's online
// backup API, so a backup taken while the server runs is one consistent snapshot.
//
// Contracts:
//  - backupSqliteDatabase copies every page in ONE backup step, inside one read transaction: the
//    copy is the database as of that moment (every transaction committed before it, none after),
//    and the writers are not blocked meanwhile (WAL). Stepping in slices would restart the copy
//    each time the running server commits, and could never finish under a steady stream.
//  - The backup is written to OUT.partial, checked (PRAGMA quick_check), fsynced and renamed over
//    OUT: OUT is either the previous file or a whole, checked backup.
//  - restoreSqliteDatabase refuses a file that is not a sound Parley database or whose schema is
//    newer than this binary, and an existing database unless `replace`; it writes through the
//    backup API into the destination, which keeps its WAL and -shm files coherent. The server must
//    be stopped first (a running one keeps what it has cached).
//  - Failures throw std::runtime_error with text for the command line.
// The uploads directory is not part of either: it is plain files (docs/deploy.md copies them).
#pragma once

#include <cstdint>
#include <string>

namespace parley {

struct SqliteBackupInfo {
  std::int64_t bytes = 0;   // the size of the database file written
  int schema_version = 0;   // schema_migrations' latest version in it
  std::int64_t messages = 0;
};

SqliteBackupInfo backupSqliteDatabase(const std::string& db_path, const std::string& out_path);

SqliteBackupInfo restoreSqliteDatabase(const std::string& backup_path, const std::string& db_path,
                                       int latest_schema_version, bool replace);

}  // namespace parley
