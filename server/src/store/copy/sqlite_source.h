// The SQLite side of `parley store copy`: the installation's database opened read-only, its tables
// and columns as SQLite declares them, and rows streamed one at a time (a prepared statement is a
// cursor, so a million messages never sit in memory at once). Everything is read inside one read
// transaction: in WAL mode that is one snapshot, even if a server were still writing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace parley::copy {

// What a copied value was in SQLite; the copier checks it against the PostgreSQL column's type.
enum class SqliteValueType { Null, Integer, Real, Text, Blob };

class SqliteSource {
 public:
  // Opens `<data_dir>/parley.db` read-only. Throws std::runtime_error with a sentence for people
  // when there is no such file or it is not a Parley database.
  explicit SqliteSource(const std::string& data_dir);
  ~SqliteSource();
  SqliteSource(const SqliteSource&) = delete;
  SqliteSource& operator=(const SqliteSource&) = delete;

  const std::string& path() const { return path_; }
  int schemaVersion();
  // Every table the file holds (type 'table' in sqlite_schema), in name order.
  std::vector<std::string> tables();
  // The table's columns in declaration order (PRAGMA table_info).
  std::vector<std::string> columns(const std::string& table);
  // sqlite_sequence's value for an AUTOINCREMENT table: the largest id it ever handed out,
  // including rows deleted since. 0 when the table has none.
  std::int64_t autoincrementHighWater(const std::string& table);

  // Starts the one read transaction all later reads share.
  void beginSnapshot();

  // A streaming SELECT of the given columns of a whole table (a full scan: rowid or primary-key
  // order, no sort, so no temporary copy of the table either).
  class Rows {
   public:
    Rows(sqlite3* db, const std::string& table, const std::vector<std::string>& columns);
    ~Rows();
    Rows(const Rows&) = delete;
    Rows& operator=(const Rows&) = delete;
    bool next();  // false once every row was read; throws std::runtime_error on a read error
    SqliteValueType type(int col) const;
    std::int64_t integer(int col) const;
    std::string text(int col) const;  // the bytes as stored (TEXT values are UTF-8 in a Parley file)
    std::int64_t rowNumber() const { return row_; }

   private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
    std::int64_t row_ = 0;
  };
  Rows rows(const std::string& table, const std::vector<std::string>& columns);

 private:
  std::optional<std::string> scalarText(const std::string& sql, const std::optional<std::string>& arg = {});
  std::string path_;
  sqlite3* db_ = nullptr;
};

// "name" with embedded quotes doubled: a safe identifier in SQLite and PostgreSQL alike.
std::string quoteIdentifier(const std::string& name);

}  // namespace parley::copy
