#include "pg_test_database.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>

#include "store/postgres/pg_connection.h"
#include "store/store_random.h"

namespace parley::test {

namespace {

// postgresql://USER@HOST:PORT/DB?OPTIONS with `database` for DB.
std::string withDatabase(const std::string& url, const std::string& database) {
  const auto query = url.find('?');
  std::string base = url.substr(0, query);
  const std::string options = query == std::string::npos ? "" : url.substr(query);
  const auto scheme = base.find("://");
  const auto slash = base.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (slash != std::string::npos) base.resize(slash);
  return base + "/" + database + options;
}

}  // namespace

std::optional<std::string> testPostgresServer() {
  const char* url = std::getenv("PARLEY_TEST_PG");
  if (!url || !*url) return std::nullopt;
  return std::string(url);
}

bool postgresRequired() {
  const char* required = std::getenv("PARLEY_REQUIRE_PG");
  return required && std::string(required) == "1";
}

PgTestDatabase::PgTestDatabase(std::string server_url) : server_url_(std::move(server_url)) {
  static std::atomic<int> counter{0};
  // Letters, digits and _ only: a database name is an identifier, which no statement parameter
  // can stand for, so it is made here from parts that need no quoting beyond the double quotes.
  name_ = "parley_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" + storeRandomHex(4);
  pg::Connection server(server_url_);
  server.script(("CREATE DATABASE \"" + name_ + "\"").c_str());
  url_ = withDatabase(server_url_, name_);
}

PgTestDatabase::~PgTestDatabase() {
  try {
    pg::Connection server(server_url_);
    server.script(("DROP DATABASE IF EXISTS \"" + name_ + "\" WITH (FORCE)").c_str());
  } catch (const std::exception& e) {
    ADD_FAILURE() << "could not drop test database " << name_ << ": " << e.what();
  }
}

}  // namespace parley::test
