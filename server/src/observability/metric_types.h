// The value kinds of /metrics: counters, gauges, histograms and two labelled counter families. Every
// update is one or two relaxed atomic adds: no lock, no allocation, no ordering with other memory (a
// scrape only needs each number to be a value it once had), so counting on the message path and
// on every HTTP response costs next to nothing. Only naming a labelled counter (at startup) locks.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace parley {

class MetricCounter {
 public:
  void add(std::uint64_t n = 1) { v_.fetch_add(n, std::memory_order_relaxed); }
  std::uint64_t value() const { return v_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> v_{0};
};

class MetricGauge {
 public:
  void add(std::int64_t delta) { v_.fetch_add(delta, std::memory_order_relaxed); }
  std::int64_t value() const { return v_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::int64_t> v_{0};
};

// Buckets with fixed upper bounds (ascending, at most kMaxBounds); the +Inf bucket is implicit.
// Each bucket counts only its own observations; the cumulative counts Prometheus wants are summed
// at scrape time, so observe() touches one bucket, not all above it.
class MetricHistogram {
 public:
  static constexpr std::size_t kMaxBounds = 16;
  // Throws std::invalid_argument for no bounds, too many, or bounds not strictly ascending.
  MetricHistogram(std::initializer_list<double> upper_bounds);

  void observe(double value);

  struct Snapshot {
    std::vector<double> bounds;           // the finite upper bounds
    std::vector<std::uint64_t> cumulative;  // bounds.size() + 1 entries; the last is +Inf (== count)
    double sum = 0;
    std::uint64_t count = 0;
  };
  Snapshot snapshot() const;

 private:
  std::array<double, kMaxBounds> bounds_{};
  std::size_t n_ = 0;
  std::array<std::atomic<std::uint64_t>, kMaxBounds + 1> counts_{};
  std::atomic<double> sum_{0};
};

// HTTP responses by status code: one counter per code 100..599, indexed directly; codes outside
// that range are not counted. The label set is bounded by construction.
class StatusCounters {
 public:
  void count(int status) {
    if (status >= kFirst && status <= kLast) counts_[static_cast<std::size_t>(status - kFirst)].add();
  }
  // The codes seen at least once, ascending, with their counts.
  std::vector<std::pair<int, std::uint64_t>> nonZero() const;

 private:
  static constexpr int kFirst = 100, kLast = 599;
  std::array<MetricCounter, kLast - kFirst + 1> counts_{};
};

// Counters with one label value each (e.g. a rate limiter's name). counter(name) is for setup: it
// locks and returns the same counter for the same name; the counter itself is then lock-free.
// Past kMaxNames distinct names every further one shares "other", so the label set stays bounded.
class NamedCounters {
 public:
  static constexpr std::size_t kMaxNames = 32;
  MetricCounter& counter(std::string_view name);
  // Every name asked for so far, in that order, with its count.
  std::vector<std::pair<std::string, std::uint64_t>> values() const;

 private:
  mutable std::mutex mu_;
  std::size_t used_ = 0;
  std::array<std::string, kMaxNames> names_;
  std::array<MetricCounter, kMaxNames> counters_;
  MetricCounter overflow_;  // reported as "other"
};

}  // namespace parley
