// Campaigns and their recipients (domain/campaign.h). The background job (app/campaign_runner.h)
// runs on every node; each step that only one may take is claimed here:
//  - startCampaign moves one due campaign to sending and records its recipients (one row per
//    contact, unique) in the same transaction, so a start happens once and a crash leaves either
//    nothing or every recipient;
//  - claimRecipients hands each pending recipient to one caller for a lease; one whose claimer
//    died comes back when the lease ends;
//  - markRecipientDelivered succeeds once per recipient.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/campaign.h"
#include "domain/segment.h"

namespace parley {

struct CampaignStats {
  std::int64_t targeted = 0;
  std::int64_t delivered = 0;
  std::int64_t seen = 0;     // the visitor's read marker passed the message
  std::int64_t replied = 0;  // the visitor wrote in that conversation after it
};

struct Campaign {
  Id id = 0;
  Id workspace_id = 0;
  std::string name;
  std::optional<Id> segment_id;       // unset: its segment was deleted after the start
  std::optional<Id> sender_agent_id;
  std::string body;
  CampaignState state = CampaignState::Draft;
  std::optional<Millis> scheduled_at;  // set from scheduled on
  std::optional<Millis> started_at;
  std::optional<Millis> finished_at;   // sent or cancelled
  Millis created_at = 0;
  Millis updated_at = 0;
  CampaignStats stats;  // filled by the reads
};

// A recipient this caller claimed: deliver `body` from `sender_agent_id` to `contact_id`.
struct CampaignDelivery {
  Id campaign_id = 0;
  Id workspace_id = 0;
  Id contact_id = 0;
  Id sender_agent_id = 0;
  std::string body;
};

class CampaignStore {
 public:
  virtual ~CampaignStore() = default;

  // Throws StoreConflict when the workspace has kMaxCampaignsPerWorkspace already.
  virtual Campaign createCampaign(const Campaign& c) = 0;
  virtual std::vector<Campaign> listCampaigns(Id workspace_id) = 0;  // newest first, with stats
  virtual std::optional<Campaign> campaignById(Id workspace_id, Id id) = 0;
  // Writes name, segment, sender, body, state and scheduled_at while the stored campaign is still
  // editable (draft or scheduled); nullopt: not found; StoreConflict: it has started.
  virtual std::optional<Campaign> updateCampaign(const Campaign& c) = 0;
  // nullopt: not found; StoreConflict: sent or cancelled already.
  virtual std::optional<Campaign> cancelCampaign(Id workspace_id, Id id, Millis now) = 0;
  // false: not found; StoreConflict: it is sending.
  virtual bool deleteCampaign(Id workspace_id, Id id) = 0;

  // The job. Scheduled campaigns whose time has come (any workspace), oldest first.
  virtual std::vector<Campaign> dueCampaigns(Millis now, int limit) = 0;
  // Moves a due scheduled campaign to sending and records as recipients the contacts `q` matches
  // (at most kMaxCampaignRecipients), in one transaction. False when it is no longer scheduled and
  // due (another node started it, or it was cancelled).
  virtual bool startCampaign(Id workspace_id, Id campaign_id, const ContactQuery& q, Millis now) = 0;
  virtual std::vector<Campaign> sendingCampaigns(int limit) = 0;  // any workspace, without stats
  // Of `contact_ids`, the recipients of a sending campaign that are pending (or whose claim's lease
  // ran out), now claimed by this caller until `lease_until`. Disjoint between concurrent callers.
  virtual std::vector<CampaignDelivery> claimRecipients(Id workspace_id, Id campaign_id,
                                                        std::span<const Id> contact_ids, Millis now,
                                                        Millis lease_until, int limit) = 0;
  // True the first time only.
  virtual bool markRecipientDelivered(Id workspace_id, Id campaign_id, Id contact_id, Id conversation_id,
                                      std::int64_t message_seq, Millis now) = 0;
  // The message was refused for good (e.g. the sender agent was removed): not retried.
  virtual void markRecipientFailed(Id workspace_id, Id campaign_id, Id contact_id, Millis now) = 0;
  // Sending campaigns with no pending or claimed recipient left, or started before
  // `window_started_before`, become sent. Returns how many.
  virtual int finishCampaigns(Millis now, Millis window_started_before) = 0;
};

}  // namespace parley
