// Retention (issue 16, item 3; docs/privacy.md): deletes what a workspace's rules say is too old, in
// bounded batches, as completely as an erasure (PrivacyStore::applyRetention). Every node runs the
// job; each workspace is claimed by one node per run (claimRetentionRuns moves its next run an hour
// on), so two nodes never work on the same workspace at once.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "app/periodic_job.h"
#include "store/privacy_store.h"

namespace parley {

struct RetentionJobOptions {
  std::chrono::milliseconds period = std::chrono::minutes(1);  // how often a node looks for due workspaces
  Millis run_every_ms = 60LL * 60 * 1000;  // a workspace's next run after one
  int batch = 200;                          // rows of each kind per transaction
  int batches_per_run = 50;                 // then the rest waits for the next run
};

struct RetentionRunTotals {
  std::int64_t workspaces = 0, conversations = 0, contacts = 0, page_views = 0, files = 0;
};

class RetentionJob {
 public:
  // `clock` is the job's now (tests pass a fixed one); a period of zero starts no thread.
  RetentionJob(PrivacyStore& store, std::string uploads_dir, RetentionJobOptions options,
               std::function<Millis()> clock);
  RetentionRunTotals runDue();  // one pass

 private:
  PrivacyStore& store_;
  std::string uploads_dir_;
  RetentionJobOptions options_;
  std::function<Millis()> clock_;
  std::unique_ptr<PeriodicJob> job_;  // last: its thread calls runDue
};

}  // namespace parley
