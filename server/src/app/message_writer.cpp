#include "app/message_writer.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <vector>

#include "observability/metrics_registry.h"
#include "store/store_errors.h"

namespace parley {

namespace {

double writerSecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

MessageWriter::MessageWriter(MessageLog& store, std::size_t max_batch)
    : store_(store), max_batch_(max_batch), sync_thread_([this] { runSync(); }), thread_([this] { run(); }) {}

MessageWriter::~MessageWriter() { stop(); }

void MessageWriter::submit(NewMessage message, Callback done) {
  submitted_.fetch_add(1, std::memory_order_relaxed);
  {
    std::lock_guard lock(mu_);
    if (!stopping_) {
      queue_.push_back({std::move(message), std::move(done)});
      cv_.notify_one();
      return;
    }
  }
  AppendResult r;
  r.status = AppendResult::Status::Failed;
  r.error = "server is shutting down";
  done(r);
}

void MessageWriter::stop() {
  {
    std::lock_guard lock(mu_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
    cv_.notify_one();
  }
  if (thread_.joinable()) thread_.join();
  {
    std::lock_guard lock(sync_mu_);
    sync_stopping_ = true;
    sync_cv_.notify_one();
  }
  if (sync_thread_.joinable()) sync_thread_.join();
}

void MessageWriter::run() {
  std::vector<Pending> batch;
  auto& messages = batch_messages_;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty() && stopping_) return;
      while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    messages.clear();
    for (auto& p : batch) messages.push_back(std::move(p.message));  // only the store reads it
    std::vector<AppendResult> results;
    auto& metrics = serverMetrics();
    const auto began = std::chrono::steady_clock::now();
    try {
      results = store_.appendMessagesUnsynced(messages);
      metrics.commit_seconds.observe(writerSecondsSince(began));
      metrics.commit_batch_size.observe(static_cast<double>(batch.size()));
    } catch (const StoreUnavailable& e) {
      spdlog::warn("message batch of {} not stored: {}", batch.size(), e.what());
      results.assign(batch.size(), AppendResult{});
      for (auto& r : results) {
        r.status = AppendResult::Status::Unavailable;
        r.error = "the database cannot be reached";
      }
    } catch (const std::exception& e) {
      spdlog::error("message batch of {} failed: {}", batch.size(), e.what());
      results.assign(batch.size(), AppendResult{});
      for (auto& r : results) {
        r.status = AppendResult::Status::Failed;
        r.error = "the message could not be stored";
      }
    }
    batches_++;
    committed_ += batch.size();
    {
      std::lock_guard lock(sync_mu_);
      unsynced_.push_back(Committed{std::move(batch), std::move(results)});
      sync_cv_.notify_one();
    }
    batch.clear();
  }
}

void MessageWriter::runSync() {
  std::vector<Committed> ready;
  for (;;) {
    {
      std::unique_lock lock(sync_mu_);
      sync_cv_.wait(lock, [this] { return sync_stopping_ || !unsynced_.empty(); });
      if (unsynced_.empty() && sync_stopping_) return;
      ready.swap(unsynced_);
    }
    syncs_++;
    auto& metrics = serverMetrics();
    try {
      const auto began = std::chrono::steady_clock::now();
      store_.syncCommitted();
      metrics.fsync_seconds.observe(writerSecondsSince(began));
      std::uint64_t stored = 0;
      for (const auto& c : ready)
        for (const auto& r : c.results) stored += r.status == AppendResult::Status::Ok;
      metrics.messages_stored.add(stored);
    } catch (const std::exception& e) {
      // Committed but perhaps not on disk: the senders hear that it failed and resend; a resend
      // finds the row by client_id if it did survive.
      spdlog::error("syncing {} committed message batches failed: {}", ready.size(), e.what());
      for (auto& c : ready)
        for (auto& r : c.results) {
          if (r.status != AppendResult::Status::Ok) continue;
          r.status = AppendResult::Status::Failed;
          r.error = "the message could not be stored";
        }
    }
    // One hand-off for all the batches this fsync covered.
    auto finish = [ready = std::move(ready)]() mutable {
      for (auto& c : ready)
        for (std::size_t i = 0; i < c.batch.size(); ++i) {
          try {
            c.batch[i].done(c.results[i]);
          } catch (const std::exception& e) {
            spdlog::error("message callback threw: {}", e.what());
          }
        }
    };
    if (dispatcher_) dispatcher_(std::move(finish)); else finish();
    ready.clear();
  }
}

}  // namespace parley
