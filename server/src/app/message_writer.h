// Group commit for messages: senders queue, one thread drains the queue into a single
// transaction, a second thread makes committed batches durable (one fsync covers every batch
// committed before it), then every sender's callback runs. The two overlap: batch N+1 is written
// while batch N waits for the disk. Under load batches grow by themselves; when idle a message
// commits alone at once. No callback runs before its message is on disk.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "store/message_log.h"

namespace parley {

class MessageWriter {
 public:
  using Callback = std::function<void(const AppendResult&)>;

  explicit MessageWriter(MessageLog& store, std::size_t max_batch = 1024);
  ~MessageWriter();
  MessageWriter(const MessageWriter&) = delete;
  MessageWriter& operator=(const MessageWriter&) = delete;

  // Where callbacks run: by default on the writer thread. `parley serve` hands each batch's
  // callbacks to the I/O threads in one post, so a batch costs one cross-thread wake-up instead of
  // one per message and socket. Set before the first submit.
  using Dispatcher = std::function<void(std::function<void()>)>;
  void setDispatcher(Dispatcher d) { dispatcher_ = std::move(d); }

  // The callback runs after the commit (see setDispatcher for where); keep it short.
  void submit(NewMessage message, Callback done);
  // Commits what is queued, then stops the thread. Later submits fail with Status::Failed.
  void stop();

  // Every submit counts, accepted or not (the fuzzers use it to skip waiting when nothing was sent).
  std::uint64_t submitted() const { return submitted_; }
  std::uint64_t batches() const { return batches_; }
  std::uint64_t committed() const { return committed_; }
  std::uint64_t syncs() const { return syncs_; }

 private:
  struct Pending {
    NewMessage message;
    Callback done;
  };
  struct Committed {
    std::vector<Pending> batch;
    std::vector<AppendResult> results;
  };
  void run();
  void runSync();

  MessageLog& store_;
  std::size_t max_batch_;
  Dispatcher dispatcher_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Pending> queue_;
  // The writer thread's scratch list of a batch's messages, kept (with its capacity) between batches.
  // A member rather than a local of run(): a buffer referenced only from a blocked thread's stack
  // is what LeakSanitizer reported as leaked in the fuzz campaign (docs/fuzzing-results.md); held
  // by this object it is reachable from whoever owns the writer.
  std::vector<NewMessage> batch_messages_;
  bool stopping_ = false;
  std::atomic<std::uint64_t> submitted_{0};
  std::atomic<std::uint64_t> batches_{0};
  std::atomic<std::uint64_t> committed_{0};
  std::atomic<std::uint64_t> syncs_{0};
  // Committed batches waiting for the disk: their callbacks, in commit order.
  std::mutex sync_mu_;
  std::condition_variable sync_cv_;
  std::vector<Committed> unsynced_;
  bool sync_stopping_ = false;
  std::thread sync_thread_;
  std::thread thread_;
};

}  // namespace parley
