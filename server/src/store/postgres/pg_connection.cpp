#include "store/postgres/pg_connection.h"

#include <libpq-fe.h>

#include <charconv>
#include <cstring>

#include "store/store_errors.h"

namespace parley::pg {

namespace {

// The schema names its unique constraints (pg_migrations.cpp); clients get a sentence and the
// field instead of the server's text, the same ones the SQLite backend gives.
[[noreturn]] void throwConflict(const char* constraint) {
  struct Known {
    const char* constraint;
    const char* message;
    const char* field;
  };
  static const Known known[] = {
      {"agents_email_unique", "an agent with this email already exists", "email"},
      {"canned_replies_shortcut_unique", "a canned reply with this shortcut already exists", "shortcut"},
      {"workspaces_public_id_unique", "a workspace with this public id already exists", "public_id"},
      {"contacts_external_id_unique", "a contact with this user id already exists", "user_id"},
  };
  if (constraint) {
    for (const auto& k : known)
      if (std::strcmp(constraint, k.constraint) == 0) throw StoreConflict(k.message, k.field);
  }
  throw StoreConflict("this already exists");
}

// SQLSTATE class 22 (data exception) is a value the caller gave that PostgreSQL cannot take: the
// caller's input, with a sentence for people rather than the server's text.
[[noreturn]] void throwInvalidInput(std::string_view sqlstate) {
  if (sqlstate == "22021") throw std::invalid_argument("text must be valid UTF-8");
  if (sqlstate == "22003") throw std::invalid_argument("a number is out of range");
  throw std::invalid_argument("a value is not valid");
}

std::string trimmedMessage(const char* message) {
  std::string s = message ? message : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// Throws for a failed result (and frees it); returns it unchanged when it succeeded.
// The server is gone or going (connection exception, admin or crash shutdown, starting up) rather
// than refusing this statement.
bool unreachable(PGconn* conn, const std::string& sqlstate) {
  return PQstatus(conn) == CONNECTION_BAD || sqlstate.rfind("08", 0) == 0 || sqlstate == "57P01" ||
         sqlstate == "57P02" || sqlstate == "57P03";
}

PGresult* checked(PGconn* conn, PGresult* r) {
  if (!r) {
    std::string message = "postgresql: " + trimmedMessage(PQerrorMessage(conn));
    if (unreachable(conn, "")) throw StoreUnavailable(message);
    throw PgError("", message);
  }
  auto status = PQresultStatus(r);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return r;
  const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
  std::string sqlstate = state ? state : "";
  std::string constraint;
  if (const char* c = PQresultErrorField(r, PG_DIAG_CONSTRAINT_NAME)) constraint = c;
  std::string message = trimmedMessage(PQresultErrorMessage(r));
  PQclear(r);
  if (sqlstate == "23505") throwConflict(constraint.empty() ? nullptr : constraint.c_str());
  if (sqlstate.rfind("22", 0) == 0) throwInvalidInput(sqlstate);
  if (unreachable(conn, sqlstate)) throw StoreUnavailable("postgresql: " + message);
  throw PgError(sqlstate, "postgresql: " + message);
}

}  // namespace

// ---- Result ----

Result::~Result() {
  if (r_) PQclear(r_);
}

int Result::rows() const { return PQntuples(r_); }

int Result::columns() const { return PQnfields(r_); }

std::int64_t Result::affected() const {
  const char* n = PQcmdTuples(r_);
  std::int64_t v = 0;
  if (n && *n) std::from_chars(n, n + std::strlen(n), v);
  return v;
}

bool Result::isNull(int row, int col) const { return PQgetisnull(r_, row, col) != 0; }

std::int64_t Result::i64(int row, int col) const {
  if (isNull(row, col)) throw PgError("", "postgresql: unexpected NULL in column " + std::to_string(col));
  const char* s = PQgetvalue(r_, row, col);
  const char* end = s + PQgetlength(r_, row, col);
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s, end, v);
  if (ec != std::errc() || p != end) throw PgError("", "postgresql: not an integer: " + std::string(s, end));
  return v;
}

bool Result::boolean(int row, int col) const {
  if (isNull(row, col)) throw PgError("", "postgresql: unexpected NULL in column " + std::to_string(col));
  return PQgetvalue(r_, row, col)[0] == 't';
}

std::string Result::text(int row, int col) const {
  return std::string(PQgetvalue(r_, row, col), static_cast<std::size_t>(PQgetlength(r_, row, col)));
}

std::optional<std::int64_t> Result::optI64(int row, int col) const {
  if (isNull(row, col)) return std::nullopt;
  return i64(row, col);
}

std::optional<std::string> Result::optText(int row, int col) const {
  if (isNull(row, col)) return std::nullopt;
  return text(row, col);
}

std::vector<std::int64_t> Result::i64Array(int row, int col) const {
  std::vector<std::int64_t> out;
  if (isNull(row, col)) return out;
  std::string_view s(PQgetvalue(r_, row, col), static_cast<std::size_t>(PQgetlength(r_, row, col)));
  if (s.size() < 2 || s.front() != '{' || s.back() != '}') throw PgError("", "postgresql: not an array: " + std::string(s));
  s = s.substr(1, s.size() - 2);
  while (!s.empty()) {
    auto comma = s.find(',');
    auto item = s.substr(0, comma);
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(item.data(), item.data() + item.size(), v);
    if (ec != std::errc() || p != item.data() + item.size())
      throw PgError("", "postgresql: not an integer array: " + std::string(s));
    out.push_back(v);
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return out;
}

// ---- Parameters ----

Param intArrayParam(const std::vector<std::int64_t>& values) {
  std::string out = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out.push_back(',');
    out += std::to_string(values[i]);
  }
  out.push_back('}');
  return out;
}

Param textParam(std::string_view v) {
  if (v.find('\0') != std::string_view::npos) throw std::invalid_argument("text must not contain NUL characters");
  return std::string(v);
}

// ---- Connection ----

Connection::Connection(const std::string& url) : url_(url) { reconnect(); }

Connection::~Connection() {
  if (conn_) PQfinish(conn_);
}

void Connection::reconnect() {
  if (conn_) PQfinish(conn_);
  conn_ = PQconnectdb(url_.c_str());
  if (!conn_) throw PgError("", "postgresql: out of memory while connecting");
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string message = trimmedMessage(PQerrorMessage(conn_));
    PQfinish(conn_);
    conn_ = nullptr;
    throw StoreUnavailable("postgresql: cannot connect: " + message);
  }
  // Times are BIGINT milliseconds and text is UTF-8 whatever the server's defaults say; a notice
  // (e.g. "table already exists, skipping") is not news for the log.
  PQsetClientEncoding(conn_, "UTF8");
  PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
}

bool Connection::healthy() const { return conn_ && PQstatus(conn_) == CONNECTION_OK; }

Result Connection::execParams(std::string_view sql, const std::vector<Param>& params) {
  if (!conn_) reconnect();
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  const std::string statement(sql);
  // Types are left to the server (inferred from the columns the parameters meet); text format both ways.
  PGresult* r = PQexecParams(conn_, statement.c_str(), static_cast<int>(values.size()), nullptr, values.data(),
                             nullptr, nullptr, 0);
  return Result(checked(conn_, r));
}

void Connection::script(const char* sql) {
  if (!conn_) reconnect();
  PQclear(checked(conn_, PQexec(conn_, sql)));
}

// ---- Tx ----

Tx::Tx(Connection& c) : c_(c) { c_.exec("BEGIN"); }

Tx::~Tx() {
  if (done_) return;
  try {
    c_.exec("ROLLBACK");
  } catch (...) {
    // The connection is gone or broken: the server rolls back on its own, and PgPool
    // reconnects before lending it again.
  }
}

void Tx::commit() {
  done_ = true;  // a failed COMMIT ends the transaction too: nothing left to roll back
  c_.exec("COMMIT");
}

}  // namespace parley::pg
