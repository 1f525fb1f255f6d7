// Sends campaigns (issue 13, domain/campaign.h). One pass, every `tick`, on every node:
//  1. starts the scheduled campaigns whose time has come: the store moves each to sending and
//     records its recipients, for exactly one node (CampaignStore::startCampaign);
//  2. delivers to the recipients who are on the site now (PresenceTracker: a visitor online
//     anywhere in the cluster), so an online contact gets the message at once and the others the
//     next time they are on the site; each recipient is claimed for one node (claimRecipients)
//     and sent through MessageSender as the campaign's agent, to the contact's open conversation
//     or a new one, with the client_id campaignClientId(campaign, contact): a second attempt after
//     a crash between the message's commit and the recipient's mark finds the stored message
//     (Duplicate) instead of sending it twice, and marks the recipient with it;
//  3. marks sent the campaigns with nobody left to reach (or whose window has ended).
// A restart loses nothing: recipients are rows, a claim whose node died comes back after its lease.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>

#include "app/message_sender.h"
#include "app/periodic_job.h"
#include "bus/presence.h"
#include "store/campaign_store.h"
#include "store/segment_store.h"
#include "store/workspace_store.h"

namespace parley {

struct CampaignRunnerOptions {
  std::chrono::milliseconds tick{2000};
  // How long a claimed recipient is this node's: a send takes milliseconds; a node that died with
  // claims leaves them to the others after this.
  Millis lease_ms = 30'000;
};

class CampaignRunner {
 public:
  CampaignRunner(CampaignStore& campaigns, SegmentStore& segments, WorkspaceStore& workspaces,
                 PresenceTracker& presence, MessageSender& messages, CampaignRunnerOptions options = {});

  // One pass (the job's; tests call it directly). Returns the deliveries this pass started.
  std::size_t runOnce();

 private:
  void startDue(Millis now);
  std::size_t deliverToOnline(Millis now);
  void deliver(const CampaignDelivery& d);

  CampaignStore& campaigns_;
  SegmentStore& segments_;
  WorkspaceStore& workspaces_;
  PresenceTracker& presence_;
  MessageSender& messages_;
  CampaignRunnerOptions options_;
  PeriodicJob job_;  // last: its thread calls runOnce, so it stops before the rest goes
};

}  // namespace parley
