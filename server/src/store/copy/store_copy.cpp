#include "store/copy/store_copy.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <sstream>

#include "store/copy/copy_plan.h"
#include "store/copy/postgres_table_writer.h"
#include "store/copy/sqlite_source.h"
#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_migrations.h"
#include "store/sqlite/sqlite_migrations.h"
#include "store/store_location.h"

namespace parley {

namespace fs = std::filesystem;
using copy::PgColumn;
using copy::PgColumnType;
using copy::SqliteValueType;

namespace {

const char* typeWord(SqliteValueType t) {
  switch (t) {
    case SqliteValueType::Integer: return "an integer";
    case SqliteValueType::Real: return "a real number";
    case SqliteValueType::Text: return "text";
    case SqliteValueType::Blob: return "a blob";
    default: return "NULL";
  }
}

// One SQLite value as the PostgreSQL column's text parameter. Only the conversions the schemas
// need exist; any other pairing is a value the copy cannot reproduce exactly, so it stops there.
pg::Param convertValue(const copy::SqliteSource::Rows& rows, int col, const PgColumn& target, const std::string& table) {
  const SqliteValueType t = rows.type(col);
  if (t == SqliteValueType::Null) return std::nullopt;  // a NOT NULL column refuses it itself
  auto refuse = [&](const std::string& why) -> std::runtime_error {
    return std::runtime_error("copying " + table + ": row " + std::to_string(rows.rowNumber()) + ", column " +
                              target.name + " holds " + why);
  };
  switch (target.type) {
    case PgColumnType::Integer:
      if (t != SqliteValueType::Integer) throw refuse(std::string(typeWord(t)) + " where PostgreSQL has " + target.type_name);
      return std::to_string(rows.integer(col));
    case PgColumnType::Boolean:
      // SQLite's booleans are the integers 0 and 1.
      if (t != SqliteValueType::Integer || (rows.integer(col) != 0 && rows.integer(col) != 1))
        throw refuse(std::string(typeWord(t)) + " other than 0 or 1 where PostgreSQL has a boolean");
      return std::string(rows.integer(col) ? "t" : "f");
    case PgColumnType::Text:
    case PgColumnType::Jsonb:
      if (t == SqliteValueType::Integer) return std::to_string(rows.integer(col));  // as SQLite would show it
      if (t != SqliteValueType::Text) throw refuse(std::string(typeWord(t)) + " where PostgreSQL has " + target.type_name);
      try {
        return pg::textParam(rows.text(col));
      } catch (const std::invalid_argument& e) {
        throw refuse(std::string("text PostgreSQL cannot store (") + e.what() + ")");
      }
    case PgColumnType::Other:
      break;
  }
  throw refuse("a value for a column of type " + target.type_name + ", which this version cannot copy");
}

// Every table of the file has a rule: copied, skipped for a stated reason, or SQLite's own.
void checkEveryTableHasARule(copy::SqliteSource& source, StoreCopyReport& report) {
  const auto copied = copy::copiedTables();
  const auto skipped = copy::skippedTables();
  const auto tables = source.tables();
  for (const auto& rule : copied) {
    if (std::find(tables.begin(), tables.end(), rule.name) == tables.end())
      throw std::runtime_error(source.path() + " has no table " + std::string(rule.name) +
                               ": it is not a complete Parley database");
  }
  for (const auto& table : tables) {
    if (std::any_of(copied.begin(), copied.end(), [&](const auto& r) { return r.name == table; })) continue;
    auto skip = std::find_if(skipped.begin(), skipped.end(), [&](const auto& r) { return r.name == table; });
    if (skip != skipped.end()) {
      report.not_copied.push_back(table + ": " + std::string(skip->why));
    } else if (copy::isSearchIndexShadowTable(table) || copy::isSqliteInternalTable(table)) {
      continue;  // part of the FTS index or of SQLite itself, covered by the lines above
    } else {
      throw std::runtime_error(source.path() + " has a table this version does not know how to copy (" + table +
                               "): nothing was copied; use the parley binary that made the database");
    }
  }
}

// Source columns as target columns, in the source's order. A source column the target lacks would
// be data dropped without a word, so the copy refuses; a target-only column takes its default.
std::vector<PgColumn> matchColumns(const std::string& table, const std::vector<std::string>& source,
                                   const std::vector<PgColumn>& target, StoreCopyReport& report) {
  if (target.empty()) throw std::runtime_error("the PostgreSQL schema has no table " + table);
  std::vector<PgColumn> out;
  for (const auto& name : source) {
    auto it = std::find_if(target.begin(), target.end(), [&](const PgColumn& c) { return c.name == name; });
    if (it == target.end() || it->generated)
      throw std::runtime_error("column " + table + "." + name + " has no PostgreSQL counterpart: nothing was copied");
    out.push_back(*it);
  }
  for (const auto& col : target) {
    if (col.generated) continue;
    if (std::find(source.begin(), source.end(), col.name) == source.end())
      report.defaulted_columns.push_back(table + "." + col.name);
  }
  return out;
}

std::int64_t copyTable(copy::SqliteSource& source, pg::Connection& c, const copy::CopiedTableRule& rule,
                       std::size_t page_rows, StoreCopyReport& report) {
  const std::string table(rule.name);
  auto columns = matchColumns(table, source.columns(table), copy::postgresColumns(c, table), report);
  copy::PostgresTableWriter writer(c, table, columns, page_rows, rule.on_conflict);
  std::vector<std::string> names;
  for (const auto& col : columns) names.push_back(col.name);
  auto rows = source.rows(table, names);
  while (rows.next()) {
    std::vector<pg::Param> row;
    row.reserve(columns.size());
    for (std::size_t i = 0; i < columns.size(); ++i) row.push_back(convertValue(rows, static_cast<int>(i), columns[i], table));
    writer.add(std::move(row));
  }
  writer.flush();
  // What went in must be what is there (an upsert table may also hold rows of its own).
  if (rule.on_conflict.empty()) {
    const auto stored = c.exec("SELECT count(*) FROM " + copy::quoteIdentifier(table)).i64(0, 0);
    if (stored != writer.rowsWritten())
      throw std::runtime_error("copying " + table + ": " + std::to_string(writer.rowsWritten()) + " rows read but " +
                               std::to_string(stored) + " stored");
  }
  // Identity columns continue after the copied ids, so new rows never collide with them.
  for (const auto& col : columns) {
    if (!col.identity) continue;
    c.exec("SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max(" + copy::quoteIdentifier(col.name) +
               ") FROM " + copy::quoteIdentifier(table) + "), 0) + 1, false)",
           copy::quoteIdentifier(table), col.name);
  }
  return writer.rowsWritten();
}

// SQLite numbers events across the whole file; PostgreSQL per workspace, from event_counters. Every
// workspace continues after the largest offset SQLite ever handed out (sqlite_sequence, which also
// covers deleted events): an agent's resume cursor is at most that, so nothing written after the
// copy can hide below a cursor a client already holds.
std::int64_t setEventCounters(pg::Connection& c, std::int64_t high_water) {
  c.exec("INSERT INTO event_counters(workspace_id, last_offset) "
         "SELECT w.id, greatest($1::bigint, coalesce((SELECT max(e.\"offset\") FROM events e WHERE e.workspace_id = w.id), 0)) "
         "FROM workspaces w",
         high_water);
  return c.exec("SELECT greatest($1::bigint, coalesce((SELECT max(\"offset\") FROM events), 0))", high_water).i64(0, 0);
}

std::int64_t countFiles(const fs::path& dir) {
  std::error_code ec;
  std::int64_t n = 0;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file(ec)) ++n;
  return n;
}

}  // namespace

StoreCopyReport copySqliteToPostgres(const std::string& data_dir, const std::string& postgres_url,
                                     const StoreCopyOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  if (!isPostgresUrl(postgres_url))
    throw std::runtime_error("--to must be a postgresql://USER@HOST:PORT/DB URL (or set PARLEY_STORE)");
  StoreCopyReport report;
  report.target = describeStore(StoreLocation{postgres_url, data_dir});

  auto source = std::make_unique<copy::SqliteSource>(data_dir);
  report.source = source->path();
  report.source_schema_before = report.source_schema = source->schemaVersion();
  const int latest = sqliteMigrations().back().first;
  if (report.source_schema > latest)
    throw std::runtime_error(source->path() + " has schema version " + std::to_string(report.source_schema) +
                             ", newer than this binary's " + std::to_string(latest) + ": use the newer binary");
  if (report.source_schema < latest) {
    // What every other command does to an older file on start; its data then has today's columns.
    source.reset();
    report.source_schema = migrateSqlite(report.source);
    source = std::make_unique<copy::SqliteSource>(data_dir);
  }
  checkEveryTableHasARule(*source, report);

  pg::Connection c(postgres_url);
  report.target_schema = applyPostgresMigrations(c);
  pg::Tx tx(c);
  // A `parley serve` starting on the target now would make a workspace and an admin: it waits for
  // this transaction, then finds the copied ones.
  c.exec("LOCK TABLE workspaces, agents IN SHARE ROW EXCLUSIVE MODE");
  const auto present = c.exec("SELECT (SELECT count(*) FROM workspaces), (SELECT count(*) FROM agents)");
  if (present.i64(0, 0) > 0 || present.i64(0, 1) > 0)
    throw StoreCopyRefused("the target " + report.target + " is not empty (" + std::to_string(present.i64(0, 0)) +
                           " workspaces, " + std::to_string(present.i64(0, 1)) +
                           " agents): store copy only fills an empty database; nothing was copied");

  source->beginSnapshot();
  for (const auto& rule : copy::copiedTables()) {
    CopiedTableCount done{std::string(rule.name), copyTable(*source, c, rule, options.page_rows, report),
                          std::string(rule.note)};
    if (options.on_table) options.on_table(done);
    report.copied.push_back(std::move(done));
  }
  report.event_counter = setEventCounters(c, source->autoincrementHighWater("events"));
  tx.commit();

  report.uploads_dir = fs::absolute(fs::path(data_dir) / "uploads").lexically_normal().string();
  report.upload_files = countFiles(report.uploads_dir);
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

std::string describeStoreCopy(const StoreCopyReport& r) {
  std::ostringstream out;
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.2f", r.seconds);
  out << "copied SQLite " << r.source << " (schema " << r.source_schema;
  if (r.source_schema_before != r.source_schema) out << ", upgraded from " << r.source_schema_before;
  out << ") into " << r.target << " (schema " << r.target_schema << ") in " << seconds
      << " s, in one transaction:\n";
  std::int64_t total = 0;
  for (const auto& t : r.copied) {
    char line[160];
    std::snprintf(line, sizeof line, "  %-16s %10lld", t.table.c_str(), static_cast<long long>(t.rows));
    out << line << (t.note.empty() ? "" : "  " + t.note) << "\n";
    total += t.rows;
  }
  out << "  " << total << " rows in all\n";
  out << "not copied:\n";
  for (const auto& n : r.not_copied) out << "  " << n << "\n";
  for (const auto& col : r.defaulted_columns) out << "  " << col << ": not in SQLite, left at its PostgreSQL default\n";
  out << "event offsets continue after " << r.event_counter
      << " in every workspace; the epoch is the same, so agents' and visitors' clients resume where they were\n";
  out << "uploads: " << r.upload_files << " file(s) stay in " << r.uploads_dir
      << " (files are not copied into PostgreSQL): start every node with --data pointing at a directory that holds "
         "that uploads folder, or shares it (e.g. over NFS)\n";
  return out.str();
}

}  // namespace parley
