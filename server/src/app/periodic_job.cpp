#include "app/periodic_job.h"

#include <spdlog/spdlog.h>

namespace parley {

PeriodicJob::PeriodicJob(std::string name, std::chrono::milliseconds period, std::function<void()> pass)
    : name_(std::move(name)), period_(period), pass_(std::move(pass)) {
  thread_ = std::thread([this] {
    std::unique_lock lock(mu_);
    while (!cv_.wait_for(lock, period_, [this] { return stop_; })) {
      lock.unlock();
      try {
        pass_();
      } catch (const std::exception& e) {
        spdlog::error("{} failed: {}", name_, e.what());
      }
      lock.lock();
    }
  });
}

PeriodicJob::~PeriodicJob() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_one();
  thread_.join();
}

}  // namespace parley
