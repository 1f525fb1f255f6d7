// A thin RAII layer over libpq: one connection, statements with text parameters ($1, $2, ...)
// through PQexecParams (values never enter the SQL text), a result reader with typed getters, and
// a transaction guard that rolls back unless committed. Not thread-safe by itself: a Connection is
// used by one thread at a time, lent out by PgPool (pg_pool.h).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "domain/enums.h"

struct pg_conn;
struct pg_result;

namespace parley::pg {

// Any PostgreSQL failure that is not the caller's input (those are StoreConflict or
// std::invalid_argument, store_errors.h): connection lost, a CHECK constraint, a bug in our SQL.
struct PgError : std::runtime_error {
  PgError(std::string sqlstate, const std::string& what) : std::runtime_error(what), sqlstate(std::move(sqlstate)) {}
  std::string sqlstate;  // five characters; empty when the failure never reached the server
};

// The rows of one statement. Row and column indexes start at 0.
class Result {
 public:
  explicit Result(pg_result* r) : r_(r) {}
  Result(Result&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
  Result& operator=(Result&&) = delete;
  Result(const Result&) = delete;
  ~Result();

  int rows() const;
  int columns() const;
  bool empty() const { return rows() == 0; }
  // Rows an INSERT/UPDATE/DELETE touched.
  std::int64_t affected() const;

  bool isNull(int row, int col) const;
  std::int64_t i64(int row, int col) const;  // throws PgError on NULL or a non-number
  bool boolean(int row, int col) const;       // a BOOLEAN column ("t" / "f")
  std::string text(int row, int col) const;   // NULL reads as ""
  std::optional<std::int64_t> optI64(int row, int col) const;
  std::optional<std::string> optText(int row, int col) const;
  // A BIGINT[] column (NULL reads as empty).
  std::vector<std::int64_t> i64Array(int row, int col) const;

 private:
  pg_result* r_;
};

// One statement parameter in PostgreSQL's text format; nullopt is SQL NULL.
using Param = std::optional<std::string>;

template <class T> struct IsOptional : std::false_type {};
template <class T> struct IsOptional<std::optional<T>> : std::true_type {};
template <class T> struct IsIntVector : std::false_type {};
template <> struct IsIntVector<std::vector<std::int64_t>> : std::true_type {};

// A BIGINT[] parameter in PostgreSQL's array text format ("{1,2,3}"), for `= ANY($n::bigint[])`:
// one statement for a whole list of ids.
Param intArrayParam(const std::vector<std::int64_t>& values);

// Text travels as a C string, so a NUL inside it would silently cut the value short: refused as
// the caller's input instead (std::invalid_argument), like text PostgreSQL cannot store.
Param textParam(std::string_view v);

template <class T>
Param toParam(const T& v) {
  if constexpr (std::is_same_v<T, std::nullopt_t>) {
    return std::nullopt;
  } else if constexpr (IsOptional<T>::value) {
    return v ? toParam(*v) : std::nullopt;
  } else if constexpr (std::is_same_v<T, bool>) {
    return std::string(v ? "t" : "f");
  } else if constexpr (NamedEnum<T>) {
    return std::string(toString(v));  // stored as its word: the schema's CHECK constraints list the words
  } else if constexpr (std::is_integral_v<T>) {
    return std::to_string(static_cast<std::int64_t>(v));
  } else if constexpr (IsIntVector<T>::value) {
    return intArrayParam(v);
  } else {
    return textParam(std::string_view(v));
  }
}

class Connection {
 public:
  // `url`: a libpq connection URI (postgresql://USER@HOST:PORT/DB) or key=value string. Throws
  // StoreUnavailable when the server cannot be reached, PgError when it refuses.
  explicit Connection(const std::string& url);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one statement with args bound to $1, $2, ... Throws StoreConflict (a unique violation),
  // std::invalid_argument (a value PostgreSQL cannot take), StoreUnavailable (the server is gone or
  // shutting down: the connection is reopened on its next lease) or PgError.
  template <class... A>
  Result exec(std::string_view sql, const A&... args) {
    std::vector<Param> params;
    params.reserve(sizeof...(A));
    (params.push_back(toParam(args)), ...);
    return execParams(sql, params);
  }
  Result execParams(std::string_view sql, const std::vector<Param>& params);
  // For trusted, parameterless SQL only (schema scripts); may hold several statements.
  void script(const char* sql);

  // False after the server went away; PgPool then reconnects before lending it again.
  bool healthy() const;
  void reconnect();

 private:
  pg_conn* conn_ = nullptr;
  std::string url_;
};

// BEGIN on construction; ROLLBACK in the destructor unless commit() ran. READ COMMITTED, like
// each statement outside it: the unique constraints arbitrate concurrent writers.
class Tx {
 public:
  explicit Tx(Connection& c);
  ~Tx();
  Tx(const Tx&) = delete;
  Tx& operator=(const Tx&) = delete;
  void commit();

 private:
  Connection& c_;
  bool done_ = false;
};

}  // namespace parley::pg
