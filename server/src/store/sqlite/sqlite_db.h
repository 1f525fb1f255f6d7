// A thin RAII layer over the SQLite C API: one connection, prepared statements cached by their
// SQL text, typed bind/column helpers, and transaction/savepoint guards that roll back unless
// committed. Not thread-safe by itself: SqliteStore serialises all use behind its mutex.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>

#include "domain/enums.h"

struct sqlite3;
struct sqlite3_stmt;

namespace parley::sqlite {

// Any SQLite failure other than a unique-constraint hit (that one is parley::StoreConflict).
struct SqliteError : std::runtime_error {
  SqliteError(int code, const std::string& what) : std::runtime_error(what), code(code) {}
  int code;  // extended result code
  bool isConstraint() const { return (code & 0xff) == 19; }  // SQLITE_CONSTRAINT
};

class Db;

// A bound, executing statement. Borrowed from Db's cache; reset and unbound when destroyed so the
// next user finds it clean.
class Query {
 public:
  Query(Query&& o) noexcept;
  Query& operator=(Query&&) = delete;
  Query(const Query&) = delete;
  ~Query();

  // Binds args to ?1, ?2, ... in order.
  template <class... A>
  Query& bind(const A&... a) {
    int i = 0;
    (bindAt(++i, a), ...);
    return *this;
  }
  template <class T>
  Query& bindAt(int i, const T& v) {
    if constexpr (std::is_same_v<T, std::nullopt_t>) {
      bindNull(i);
    } else if constexpr (IsOptional<T>::value) {
      if (v) bindAt(i, *v); else bindNull(i);
    } else if constexpr (std::is_same_v<T, bool>) {
      bindInt(i, v ? 1 : 0);
    } else if constexpr (NamedEnum<T>) {
      bindText(i, toString(v));  // stored as its word: the schema's CHECK constraints list the words
    } else if constexpr (std::is_integral_v<T>) {
      bindInt(i, static_cast<std::int64_t>(v));
    } else {
      bindText(i, std::string_view(v));
    }
    return *this;
  }

  // True while a row is available; false once done. Throws StoreConflict / SqliteError.
  bool step();
  // Runs to completion, ignoring rows (for INSERT/UPDATE/DELETE).
  void run();

  bool isNull(int col) const;
  std::int64_t i64(int col) const;
  std::string text(int col) const;
  std::optional<std::int64_t> optI64(int col) const;
  std::optional<std::string> optText(int col) const;

 private:
  friend class Db;
  template <class T> struct IsOptional : std::false_type {};
  template <class T> struct IsOptional<std::optional<T>> : std::true_type {};

  Query(Db& db, sqlite3_stmt* stmt, bool* busy) : db_(&db), stmt_(stmt), busy_(busy) {}
  void bindNull(int i);
  void bindInt(int i, std::int64_t v);
  void bindText(int i, std::string_view v);

  Db* db_;
  sqlite3_stmt* stmt_;
  bool* busy_;  // the cache slot's flag; nullptr for an uncached statement we must finalize
};

class Db {
 public:
  // Opens (creating if needed) the file and sets the connection's PRAGMAs.
  explicit Db(const std::string& path);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  // For trusted, parameterless SQL only (schema scripts); may hold several statements.
  void exec(const char* sql);
  // The SQL text must be a constant or built only from constant fragments: it is the cache key.
  Query query(std::string_view sql);
  // Prepared for this one use and finalized after it, never cached: for SQL whose shape comes from
  // user input (a segment's conditions), which would grow the cache without bound.
  Query uncached(std::string_view sql);

  std::int64_t lastInsertId() const;
  int changes() const;
  sqlite3* handle() const { return db_; }
  bool inTransaction() const;
  [[noreturn]] void fail(int rc) const;

 private:
  struct Slot {
    sqlite3_stmt* stmt = nullptr;
    bool busy = false;
  };
  sqlite3* db_ = nullptr;
  // node-based map: Slot addresses stay valid while Queries point at their busy flag.
  // Looked up by string_view: building a std::string of the SQL per query cost an allocation.
  struct SqlHash {
    using is_transparent = void;
    // Statements are long and differ early or late: the length and both ends tell them apart
    // without hashing whole statements on every query (equality still compares everything).
    std::size_t operator()(std::string_view s) const noexcept {
      constexpr std::size_t kEnd = 48;
      if (s.size() <= 2 * kEnd) return std::hash<std::string_view>{}(s);
      return std::hash<std::string_view>{}(s.substr(0, kEnd)) * 31 ^
             std::hash<std::string_view>{}(s.substr(s.size() - kEnd)) ^ s.size();
    }
  };
  std::unordered_map<std::string, Slot, SqlHash, std::equal_to<>> cache_;
};

// BEGIN IMMEDIATE takes the write lock up front, so a read-then-write transaction can never
// fail half-way with SQLITE_BUSY when another process holds the file.
class Tx {
 public:
  explicit Tx(Db& db);
  ~Tx();
  Tx(const Tx&) = delete;
  void commit();

 private:
  Db& db_;
  bool done_ = false;
};

// Visitor telemetry (page views, last seen, new anonymous visitors) commits without its own fsync:
// a busy site writes these on every page load, and losing the last second of them in a power cut
// costs nothing a visitor would notice. The next fsynced commit (any message batch) makes them
// durable too, since WAL commits are ordered. Messages and agent actions stay synchronous=FULL.
class RelaxedDurability {
 public:
  explicit RelaxedDurability(Db& db);
  ~RelaxedDurability();
  RelaxedDurability(const RelaxedDurability&) = delete;

 private:
  Db& db_;
};

// A nested unit inside a Tx: rollback() undoes only this unit's writes.
class Savepoint {
 public:
  explicit Savepoint(Db& db);
  ~Savepoint();
  Savepoint(const Savepoint&) = delete;
  void release();
  void rollback();

 private:
  Db& db_;
  bool done_ = false;
};

}  // namespace parley::sqlite
