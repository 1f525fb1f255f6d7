#include "app/retention_job.h"

#include <spdlog/spdlog.h>

#include "app/contact_erasure.h"

namespace parley {

namespace {
constexpr int kRetentionWorkspacesPerPass = 20;
}  // namespace

RetentionJob::RetentionJob(PrivacyStore& store, std::string uploads_dir, RetentionJobOptions options,
                           std::function<Millis()> clock)
    : store_(store), uploads_dir_(std::move(uploads_dir)), options_(options), clock_(std::move(clock)) {
  if (options_.period.count() > 0)
    job_ = std::make_unique<PeriodicJob>("retention", options_.period, [this] { runDue(); });
}

RetentionRunTotals RetentionJob::runDue() {
  RetentionRunTotals totals;
  const Millis now = clock_();
  for (Id workspace_id : store_.claimRetentionRuns(now, now + options_.run_every_ms, kRetentionWorkspacesPerPass)) {
    ++totals.workspaces;
    for (int i = 0; i < options_.batches_per_run; ++i) {
      auto batch = store_.applyRetention(workspace_id, now, options_.batch);
      totals.conversations += batch.conversations;
      totals.contacts += batch.contacts;
      totals.page_views += batch.page_views;
      totals.files += static_cast<std::int64_t>(removeAttachmentFiles(batch.attachment_lists, uploads_dir_));
      if (batch.conversations == 0 && batch.contacts == 0 && batch.page_views == 0) break;
    }
  }
  if (totals.conversations + totals.contacts + totals.page_views > 0) {
    store_.scrubDeleted();
    spdlog::info("retention: {} conversations, {} contacts, {} page views, {} files deleted", totals.conversations,
                 totals.contacts, totals.page_views, totals.files);
  }
  return totals;
}

}  // namespace parley
