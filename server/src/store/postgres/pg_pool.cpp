#include "store/postgres/pg_pool.h"

namespace parley::pg {

PgPool::PgPool(const std::string& url, std::size_t size) {
  for (std::size_t i = 0; i < (size ? size : 1); ++i) {
    all_.push_back(std::make_unique<Connection>(url));
    idle_.push_back(all_.back().get());
  }
}

PgPool::Lease::~Lease() {
  if (conn_) pool_.release(conn_);
}

PgPool::Lease PgPool::acquire() {
  Connection* c = nullptr;
  {
    std::unique_lock lock(mu_);
    freed_.wait(lock, [&] { return !idle_.empty(); });
    c = idle_.back();
    idle_.pop_back();
  }
  Lease lease(*this, c);  // from here on a throw gives it back
  if (!c->healthy()) c->reconnect();
  return lease;
}

void PgPool::release(Connection* c) {
  {
    std::lock_guard lock(mu_);
    idle_.push_back(c);
  }
  freed_.notify_one();
}

}  // namespace parley::pg
