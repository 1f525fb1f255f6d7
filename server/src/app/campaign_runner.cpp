#include "app/campaign_runner.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <unordered_map>

#include "domain/clock.h"
#include "domain/local_time.h"
#include "domain/time_zone.h"

namespace parley {

namespace {
// Per pass; the rest waits for the next pass (or another node's) rather than make one pass long.
constexpr int kStartsPerPass = 20;
constexpr int kSendingPerPass = 100;
constexpr int kClaimsPerCall = 200;
constexpr std::size_t kIdsPerClaim = 500;  // online contacts asked about per statement
}  // namespace

CampaignRunner::CampaignRunner(CampaignStore& campaigns, SegmentStore& segments, WorkspaceStore& workspaces,
                               PresenceTracker& presence, MessageSender& messages, CampaignRunnerOptions options)
    : campaigns_(campaigns),
      segments_(segments),
      workspaces_(workspaces),
      presence_(presence),
      messages_(messages),
      options_(options),
      job_("campaigns", options.tick, [this] { runOnce(); }) {}

std::size_t CampaignRunner::runOnce() {
  const Millis now = nowMillis();
  startDue(now);
  const std::size_t started = deliverToOnline(now);
  campaigns_.finishCampaigns(now, now - kCampaignDeliveryWindow);
  return started;
}

void CampaignRunner::startDue(Millis now) {
  for (const auto& c : campaigns_.dueCampaigns(now, kStartsPerPass)) {
    // Matched as the segment is now, in the workspace's zone now. A segment deleted since the
    // campaign was scheduled (only possible after it started) targets nobody.
    ContactQuery q;
    if (auto segment = c.segment_id ? segments_.segmentById(c.workspace_id, *c.segment_id) : std::nullopt) {
      auto ws = workspaces_.workspaceById(c.workspace_id);
      q = resolveSegment(segment->definition, now, *workspaceTimeZone(ws ? ws->settings_json : "{}").zone);
    } else {
      q.predicates.push_back(ContactPredicate{PredicateKind::LastSeenSince, false, {}, {}, now + 1});  // nobody
    }
    if (campaigns_.startCampaign(c.workspace_id, c.id, q, now))
      spdlog::info("campaign {} of workspace {} started", c.id, c.workspace_id);
  }
}

std::size_t CampaignRunner::deliverToOnline(Millis now) {
  std::size_t started = 0;
  std::unordered_map<Id, std::vector<Id>> online;  // per workspace, asked once per pass
  for (const auto& c : campaigns_.sendingCampaigns(kSendingPerPass)) {
    auto it = online.find(c.workspace_id);
    if (it == online.end()) {
      std::vector<Id> ids;
      for (const auto& v : presence_.onlineVisitors(c.workspace_id)) ids.push_back(v.contact_id);
      it = online.emplace(c.workspace_id, std::move(ids)).first;
    }
    const auto& ids = it->second;
    for (std::size_t from = 0; from < ids.size(); from += kIdsPerClaim) {
      const auto n = std::min(kIdsPerClaim, ids.size() - from);
      auto claimed = campaigns_.claimRecipients(c.workspace_id, c.id, std::span<const Id>(ids.data() + from, n), now,
                                                now + options_.lease_ms, kClaimsPerCall);
      for (const auto& d : claimed) deliver(d);
      started += claimed.size();
    }
  }
  return started;
}

void CampaignRunner::deliver(const CampaignDelivery& d) {
  MessageDraft draft;
  draft.contact_id = d.contact_id;
  draft.client_id = campaignClientId(d.campaign_id, d.contact_id);
  draft.body = d.body;
  // The store outlives the writer that runs this; the runner may not (a restart of the job).
  messages_.send({SenderType::Agent, d.workspace_id, d.sender_agent_id}, std::move(draft),
                 [store = &campaigns_, d](const SendResult& r) {
                   try {
                     if (!r.error) {
                       // Also on Duplicate: the message of an earlier attempt, stored once.
                       store->markRecipientDelivered(d.workspace_id, d.campaign_id, d.contact_id, r.conversation.id,
                                                    r.message.seq, nowMillis());
                     } else if (r.error->kind == AppError::Kind::BadInput || r.error->kind == AppError::Kind::NotFound ||
                                r.error->kind == AppError::Kind::Forbidden) {
                       // Refused for good (e.g. the sender is no longer an agent here): not retried.
                       spdlog::warn("campaign {}: message to contact {} refused: {}", d.campaign_id, d.contact_id,
                                    r.error->what());
                       store->markRecipientFailed(d.workspace_id, d.campaign_id, d.contact_id, nowMillis());
                     }
                     // Anything else (the store unavailable): the claim's lease ends and a later pass retries.
                   } catch (const std::exception& e) {
                     spdlog::error("campaign {}: marking contact {} failed: {}", d.campaign_id, d.contact_id, e.what());
                   }
                 });
}

}  // namespace parley
