#include "observability/metric_types.h"

#include <stdexcept>

namespace parley {

MetricHistogram::MetricHistogram(std::initializer_list<double> upper_bounds) {
  if (upper_bounds.size() == 0 || upper_bounds.size() > kMaxBounds)
    throw std::invalid_argument("MetricHistogram: 1 to 16 bucket bounds");
  for (double b : upper_bounds) {
    if (n_ > 0 && !(b > bounds_[n_ - 1])) throw std::invalid_argument("MetricHistogram: bounds must ascend");
    bounds_[n_++] = b;
  }
}

void MetricHistogram::observe(double value) {
  std::size_t i = 0;
  while (i < n_ && value > bounds_[i]) ++i;  // le: a value equal to a bound is in that bucket
  counts_[i].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
}

MetricHistogram::Snapshot MetricHistogram::snapshot() const {
  Snapshot s;
  s.bounds.assign(bounds_.begin(), bounds_.begin() + static_cast<std::ptrdiff_t>(n_));
  std::uint64_t running = 0;
  for (std::size_t i = 0; i <= n_; ++i) {
    running += counts_[i].load(std::memory_order_relaxed);
    s.cumulative.push_back(running);
  }
  // The count is the +Inf bucket, so the two always agree even while observations land.
  s.count = running;
  s.sum = sum_.load(std::memory_order_relaxed);
  return s;
}

std::vector<std::pair<int, std::uint64_t>> StatusCounters::nonZero() const {
  std::vector<std::pair<int, std::uint64_t>> out;
  for (std::size_t i = 0; i < counts_.size(); ++i)
    if (auto v = counts_[i].value()) out.emplace_back(kFirst + static_cast<int>(i), v);
  return out;
}

MetricCounter& NamedCounters::counter(std::string_view name) {
  std::lock_guard lock(mu_);
  for (std::size_t i = 0; i < used_; ++i)
    if (names_[i] == name) return counters_[i];
  if (used_ == kMaxNames) return overflow_;
  names_[used_] = std::string(name);
  return counters_[used_++];
}

std::vector<std::pair<std::string, std::uint64_t>> NamedCounters::values() const {
  std::lock_guard lock(mu_);
  std::vector<std::pair<std::string, std::uint64_t>> out;
  for (std::size_t i = 0; i < used_; ++i) out.emplace_back(names_[i], counters_[i].value());
  if (auto v = overflow_.value()) out.emplace_back("other", v);
  return out;
}

}  // namespace parley
