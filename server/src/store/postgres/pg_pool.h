// A fixed set of connections shared by a store's threads. Store methods are synchronous and
// thread-safe: each one borrows a connection for its duration (a transaction stays on one
// connection) and gives it back. When all are lent, the next caller waits for one.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/postgres/pg_connection.h"

namespace parley::pg {

class PgPool {
 public:
  // Four connections: the server's threads mostly read one row at a time, and every connection
  // is a PostgreSQL backend process (max_connections defaults to 100, shared by every node).
  static constexpr std::size_t kDefaultSize = 4;

  // Opens all `size` connections at once, so a wrong URL fails here, not on first use.
  explicit PgPool(const std::string& url, std::size_t size = kDefaultSize);
  PgPool(const PgPool&) = delete;
  PgPool& operator=(const PgPool&) = delete;

  // A borrowed connection, given back when destroyed.
  class Lease {
   public:
    Lease(Lease&& o) noexcept : pool_(o.pool_), conn_(o.conn_) { o.conn_ = nullptr; }
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Connection& operator*() const { return *conn_; }
    Connection* operator->() const { return conn_; }

   private:
    friend class PgPool;
    Lease(PgPool& pool, Connection* conn) : pool_(pool), conn_(conn) {}
    PgPool& pool_;
    Connection* conn_;
  };

  // Waits for a free connection; one whose server went away is reconnected first (throws PgError
  // when that fails, and the connection stays in the pool for the next try).
  Lease acquire();

 private:
  void release(Connection* c);

  std::mutex mu_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<Connection>> all_;
  std::vector<Connection*> idle_;
};

}  // namespace parley::pg
