// What `parley store copy` does with each table of a SQLite installation: the tables it copies, in
// an order that satisfies every foreign key (parents first), and the tables it leaves behind, each
// with the reason. A table of the SQLite file that is in neither list makes the copy refuse to
// start: a newer schema's table must get a rule here rather than be dropped without a word.
#pragma once

#include <span>
#include <string_view>

namespace parley::copy {

struct CopiedTableRule {
  std::string_view name;
  // Appended to the INSERT: for meta, whose epoch row a PostgresStore opened on the empty target
  // may already hold. The SQLite value wins (same epoch: clients resume instead of reloading).
  std::string_view on_conflict = {};
  // Said next to the table's count in the command's output.
  std::string_view note = {};
};

struct SkippedTableRule {
  std::string_view name;
  std::string_view why;
};

std::span<const CopiedTableRule> copiedTables();
std::span<const SkippedTableRule> skippedTables();
// SQLite's own tables (sqlite_sequence, sqlite_stat1, ...): never data of Parley's.
bool isSqliteInternalTable(std::string_view name);
// An FTS5 table's shadow tables (messages_fts_data, _idx, _docsize, _config; articles_fts_...): SQLite's
// search indexes.
bool isSearchIndexShadowTable(std::string_view name);

}  // namespace parley::copy
