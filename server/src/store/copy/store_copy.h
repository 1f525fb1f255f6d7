// `parley store copy`: a SQLite installation (the database in a --data directory) copied into an
// empty PostgreSQL database, so an installation that started on the default can move to several
// nodes without losing its history. Table to table, value for value: ids, seqs, event offsets,
// password hashes, tokens and secrets arrive as they were, so logins, widget tokens, device
// secrets and clients' resume cursors keep working.
//
// All or nothing: every row is written in one PostgreSQL transaction (a failure leaves the target
// as empty as it was, with only the schema made), read from one SQLite snapshot, a page of rows at
// a time. Uploaded files are not copied: they stay under <data>/uploads.
#pragma once

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace parley {

// The target already holds an installation (a workspace or an agent): nothing was copied.
struct StoreCopyRefused : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct CopiedTableCount {
  std::string table;
  std::int64_t rows = 0;
  std::string note;  // what the rows carry, or what the reader should know about them
};

struct StoreCopyReport {
  std::string source;                 // the SQLite file
  std::string target;                 // the PostgreSQL URL without its password
  int source_schema = 0;              // after upgrading it, if it was older than this binary's
  int source_schema_before = 0;
  int target_schema = 0;
  std::vector<CopiedTableCount> copied;
  std::vector<std::string> not_copied;         // "table: why"
  std::vector<std::string> defaulted_columns;  // "table.column": in PostgreSQL only, left at its default
  std::int64_t event_counter = 0;     // where every workspace's event offsets continue from
  std::string uploads_dir;
  std::int64_t upload_files = 0;
  double seconds = 0;
};

struct StoreCopyOptions {
  std::size_t page_rows = 1000;  // rows per INSERT (fewer for wide tables)
  // Called as each table is done, for progress on a large installation.
  std::function<void(const CopiedTableCount&)> on_table;
};

// Throws StoreCopyRefused for a non-empty target, std::runtime_error with a sentence for anything
// else (no database in data_dir, not a PostgreSQL URL, a value PostgreSQL refuses, ...).
StoreCopyReport copySqliteToPostgres(const std::string& data_dir, const std::string& postgres_url,
                                     const StoreCopyOptions& options = {});

// The command's closing summary: counts per table, what was not copied, the uploads folder.
std::string describeStoreCopy(const StoreCopyReport& report);

}  // namespace parley
