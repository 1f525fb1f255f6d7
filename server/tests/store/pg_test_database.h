// PostgreSQL for the store tests: the server named by PARLEY_TEST_PG (a URL such as
// postgresql://postgres@127.0.0.1:PORT/postgres; scripts/lib.sh's start_test_postgres starts a
// throwaway one) and a fresh database per test on it.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace parley::test {

// PARLEY_TEST_PG, or nullopt when unset or empty.
std::optional<std::string> testPostgresServer();
// PARLEY_REQUIRE_PG=1: this run promised PostgreSQL (scripts/test), so its absence is a failure.
bool postgresRequired();

// At the top of a SetUp or test that needs PostgreSQL: without a server, fails when one is
// required and skips otherwise (a developer without PostgreSQL can still run the rest).
#define PARLEY_NEED_TEST_POSTGRES()                                                                   \
  do {                                                                                                \
    if (!::parley::test::testPostgresServer()) {                                                      \
      if (::parley::test::postgresRequired())                                                         \
        FAIL() << "PARLEY_REQUIRE_PG=1 but PARLEY_TEST_PG is not set: no PostgreSQL server to test on"; \
      GTEST_SKIP() << "PARLEY_TEST_PG is not set: PostgreSQL tests skipped";                          \
    }                                                                                                 \
  } while (0)

// CREATE DATABASE with a unique name on construction, DROP (closing its leftover connections) on
// destruction: each test starts from an empty database and leaves nothing behind.
class PgTestDatabase {
 public:
  explicit PgTestDatabase(std::string server_url);
  ~PgTestDatabase();
  PgTestDatabase(const PgTestDatabase&) = delete;
  PgTestDatabase& operator=(const PgTestDatabase&) = delete;

  // The server URL with this database in place of the server URL's own.
  const std::string& url() const { return url_; }

 private:
  std::string server_url_;
  std::string name_;
  std::string url_;
};

}  // namespace parley::test
