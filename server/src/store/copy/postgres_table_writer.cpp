#include "store/copy/postgres_table_writer.h"

#include <algorithm>
#include <stdexcept>

#include "store/copy/sqlite_source.h"

namespace parley::copy {

namespace {

PgColumnType typeOf(const std::string& data_type) {
  if (data_type == "bigint" || data_type == "integer" || data_type == "smallint") return PgColumnType::Integer;
  if (data_type == "boolean") return PgColumnType::Boolean;
  if (data_type == "text") return PgColumnType::Text;
  if (data_type == "jsonb") return PgColumnType::Jsonb;
  return PgColumnType::Other;
}

}  // namespace

std::vector<PgColumn> postgresColumns(pg::Connection& c, std::string_view table) {
  auto r = c.exec(
      "SELECT column_name, data_type, is_identity = 'YES', is_generated <> 'NEVER', column_default IS NOT NULL "
      "FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 "
      "ORDER BY ordinal_position",
      table);
  std::vector<PgColumn> out;
  for (int i = 0; i < r.rows(); ++i) {
    PgColumn col;
    col.name = r.text(i, 0);
    col.type_name = r.text(i, 1);
    col.type = typeOf(col.type_name);
    col.identity = r.boolean(i, 2);
    col.generated = r.boolean(i, 3);
    col.has_default = r.boolean(i, 4) || col.identity;
    out.push_back(std::move(col));
  }
  return out;
}

PostgresTableWriter::PostgresTableWriter(pg::Connection& c, std::string table, std::vector<PgColumn> columns,
                                         std::size_t page_rows, std::string_view on_conflict)
    : c_(c), table_(std::move(table)), columns_(std::move(columns)), on_conflict_(on_conflict) {
  if (columns_.empty()) throw std::logic_error("copying " + table_ + " without columns");
  // A wide table takes fewer rows per statement so that no statement binds too many parameters.
  page_rows_ = std::clamp<std::size_t>(std::min(page_rows, kMaxParamsPerStatement / columns_.size()), 1, 100000);
  full_page_sql_ = statementFor(page_rows_);
  pending_.reserve(page_rows_ * columns_.size());
}

std::string PostgresTableWriter::statementFor(std::size_t rows) const {
  const bool identity = std::any_of(columns_.begin(), columns_.end(), [](const PgColumn& c) { return c.identity; });
  std::string sql = "INSERT INTO " + quoteIdentifier(table_) + " (";
  for (std::size_t i = 0; i < columns_.size(); ++i) sql += (i ? ", " : "") + quoteIdentifier(columns_[i].name);
  // The copied ids are the ids: clients, URLs and events name rows by them.
  sql += identity ? ") OVERRIDING SYSTEM VALUE VALUES " : ") VALUES ";
  std::size_t n = 0;
  for (std::size_t row = 0; row < rows; ++row) {
    sql += row ? ",(" : "(";
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      // Explicit casts: the server need not infer a type for each of thousands of parameters.
      sql += (i ? ", $" : "$") + std::to_string(++n) + "::" + columns_[i].type_name;
    }
    sql += ")";
  }
  if (!on_conflict_.empty()) sql += " " + on_conflict_;
  return sql;
}

void PostgresTableWriter::add(std::vector<pg::Param> row) {
  if (row.size() != columns_.size()) throw std::logic_error("copying " + table_ + ": a row of the wrong width");
  for (auto& value : row) pending_.push_back(std::move(value));
  if (++pending_rows_ == page_rows_) flush();
}

void PostgresTableWriter::flush() {
  if (pending_rows_ == 0) return;
  const std::string partial = pending_rows_ == page_rows_ ? std::string() : statementFor(pending_rows_);
  try {
    c_.execParams(partial.empty() ? full_page_sql_ : partial, pending_);
  } catch (const std::exception& e) {
    // Say where: the page is rows written+1 .. written+pending of the table, in SQLite's order.
    throw std::runtime_error("copying " + table_ + " (source rows " + std::to_string(written_ + 1) + " to " +
                             std::to_string(written_ + static_cast<std::int64_t>(pending_rows_)) + "): " + e.what());
  }
  written_ += static_cast<std::int64_t>(pending_rows_);
  pending_.clear();
  pending_rows_ = 0;
}

}  // namespace parley::copy
