// A background job's thread: runs `pass` every `period` until the object is destroyed; a pass that
// throws is logged and the next one still runs.
//
// Every node of a cluster runs every job. That each piece of work is still done once is the
// store's part, not this class's: a pass calls one store method that claims its due rows in one
// transaction and returns only what this call changed (ConversationStore::wakeDueSnoozed is the
// model), and acts only on that, e.g. publishes those events (docs/scaling.md, "Background jobs").
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace parley {

class PeriodicJob {
 public:
  PeriodicJob(std::string name, std::chrono::milliseconds period, std::function<void()> pass);
  ~PeriodicJob();  // waits for a running pass to end
  PeriodicJob(const PeriodicJob&) = delete;
  PeriodicJob& operator=(const PeriodicJob&) = delete;

 private:
  std::string name_;
  std::chrono::milliseconds period_;
  std::function<void()> pass_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;  // last: started once everything it reads exists
};

}  // namespace parley
