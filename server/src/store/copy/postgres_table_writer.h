// The PostgreSQL side of `parley store copy`: a table's columns as the target schema declares them,
// and a writer that inserts rows a page at a time (one multi-row INSERT per page, every value a
// bound parameter with an explicit cast) inside the caller's transaction.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/postgres/pg_connection.h"

namespace parley::copy {

// The column types the Parley schema uses; anything else makes the copy refuse (a new type needs
// a conversion written for it, not a guess).
enum class PgColumnType { Integer, Boolean, Text, Jsonb, Other };

struct PgColumn {
  std::string name;
  std::string type_name;  // information_schema's data_type: "bigint", "text", ...
  PgColumnType type = PgColumnType::Other;
  bool identity = false;   // GENERATED ... AS IDENTITY: written with OVERRIDING SYSTEM VALUE
  bool generated = false;  // GENERATED ALWAYS AS (...) STORED: computed, never written
  bool has_default = false;
};

// The table's columns in the current schema, in declaration order; empty when there is no such table.
std::vector<PgColumn> postgresColumns(pg::Connection& c, std::string_view table);

// Bind parameters per statement stay well under PostgreSQL's limit of 65,535.
inline constexpr std::size_t kMaxParamsPerStatement = 30000;

class PostgresTableWriter {
 public:
  // `columns` are the ones every added row holds, in that order.
  PostgresTableWriter(pg::Connection& c, std::string table, std::vector<PgColumn> columns, std::size_t page_rows,
                      std::string_view on_conflict);
  // Buffers one row (columns().size() values); inserts the page once it is full.
  void add(std::vector<pg::Param> row);
  // Inserts what is buffered.
  void flush();
  std::int64_t rowsWritten() const { return written_; }
  const std::vector<PgColumn>& columns() const { return columns_; }

 private:
  std::string statementFor(std::size_t rows) const;

  pg::Connection& c_;
  std::string table_;
  std::vector<PgColumn> columns_;
  std::size_t page_rows_;
  std::string on_conflict_;
  std::string full_page_sql_;  // built once: every page but the last has the same shape
  std::vector<pg::Param> pending_;
  std::size_t pending_rows_ = 0;
  std::int64_t written_ = 0;
};

}  // namespace parley::copy
