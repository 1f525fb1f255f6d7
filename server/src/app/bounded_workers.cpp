#include "app/bounded_workers.h"

#include <stdexcept>

namespace parley {

BoundedWorkers::BoundedWorkers(int threads, std::size_t max_queued) : max_queued_(max_queued) {
  if (threads < 1) throw std::invalid_argument("BoundedWorkers: at least one thread");
  for (int i = 0; i < threads; ++i)
    threads_.emplace_back([this] {
      std::unique_lock lock(mu_);
      for (;;) {
        cv_.wait(lock, [this] { return stop_ || !jobs_.empty(); });
        if (jobs_.empty()) return;  // stopping, and nothing left to do
        auto job = std::move(jobs_.front());
        jobs_.pop_front();
        lock.unlock();
        job();
        lock.lock();
      }
    });
}

BoundedWorkers::~BoundedWorkers() { stop(); }

void BoundedWorkers::stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
}

bool BoundedWorkers::trySubmit(std::function<void()> job) {
  {
    std::lock_guard lock(mu_);
    if (stop_ || jobs_.size() >= max_queued_) return false;
    jobs_.push_back(std::move(job));
  }
  cv_.notify_one();
  return true;
}

std::size_t BoundedWorkers::waiting() const {
  std::lock_guard lock(mu_);
  return jobs_.size();
}

}  // namespace parley
