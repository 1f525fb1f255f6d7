// A fixed number of threads behind a bounded queue, for work too slow for the I/O threads: a job
// there stalls every socket the thread serves. When the queue is full the caller answers "busy" at
// once rather than queueing without end. serve_command.cpp keeps one pool per kind of work, so that
// one kind cannot starve another:
// - passwords: Argon2id costs ~0.1 s of CPU and 64 MiB by design; 16 clients spraying logins on the
//   I/O threads pushed /healthz from 1 ms to 800 ms;
// - contact exports: an archive of a long history with attachments takes seconds to write;
// - AI answers (app/ai_answerer.h): a slow model's reply.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace parley {

class BoundedWorkers {
 public:
  // threads >= 1; max_queued: jobs waiting (not running) at most.
  BoundedWorkers(int threads, std::size_t max_queued);
  ~BoundedWorkers();  // stop()

  // Finishes the queued jobs, joins the threads, and refuses jobs from then on. Idempotent. `serve`
  // calls it before the network server goes: a job owns its request's connection, whose last
  // reference must not be dropped on a worker thread after the connection limiter is gone.
  void stop();

  // False (job not taken) when max_queued jobs already wait. Jobs run in submission order; a job
  // must not throw (it answers its own request).
  bool trySubmit(std::function<void()> job);

  std::size_t waiting() const;

 private:
  const std::size_t max_queued_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace parley
