#include "store/message_writer.h"

#include <spdlog/spdlog.h>

#include <vector>

namespace parley {

MessageWriter::MessageWriter(Store& store, std::size_t max_batch)
    : store_(store), max_batch_(max_batch), thread_([this] { run(); }) {}

MessageWriter::~MessageWriter() { stop(); }

void MessageWriter::submit(NewMessage message, Callback done) {
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
}

void MessageWriter::run() {
  std::vector<Pending> batch;
  std::vector<NewMessage> messages;
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
    for (auto& p : batch) messages.push_back(p.message);
    std::vector<AppendResult> results;
    try {
      results = store_.appendMessages(messages);
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
    auto finish = [batch = std::move(batch), results = std::move(results)]() mutable {
      for (std::size_t i = 0; i < batch.size(); ++i) {
        try {
          batch[i].done(results[i]);
        } catch (const std::exception& e) {
          spdlog::error("message callback threw: {}", e.what());
        }
      }
    };
    if (dispatcher_) dispatcher_(std::move(finish)); else finish();
    batch.clear();
  }
}

}  // namespace parley
