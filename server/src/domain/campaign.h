// Campaigns (issue 13): a message from an agent to a segment, sent now or at a wall-clock time of
// the workspace. Its states and what each allows, and the limits, written once here.
//
//   draft ──schedule──▶ scheduled ──(its time; the job)──▶ sending ──(all delivered, or the window ends)──▶ sent
//     └──────────────cancel────────────┴──────────cancel─────────┘ ──▶ cancelled
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/model.h"

namespace parley {

enum class CampaignState { Draft, Scheduled, Sending, Sent, Cancelled };

std::string_view toString(CampaignState s);
std::optional<CampaignState> parseCampaignState(std::string_view s);

// Name, segment, sender, message and time may change only before the campaign starts.
inline bool campaignEditable(CampaignState s) { return s == CampaignState::Draft || s == CampaignState::Scheduled; }
// Cancelling stops what has not happened yet: a scheduled campaign does not start, a sending one
// delivers no more (what was delivered stays).
inline bool campaignCancellable(CampaignState s) {
  return s == CampaignState::Draft || s == CampaignState::Scheduled || s == CampaignState::Sending;
}
// Deleting forgets a campaign and its statistics: never while it is delivering.
inline bool campaignDeletable(CampaignState s) { return s != CampaignState::Sending; }

constexpr std::size_t kMaxCampaignsPerWorkspace = 200;
constexpr std::size_t kMaxCampaignNameLength = 100;
// A contact who does not come back within this window after the start is not reached; the campaign
// is then sent (its statistics stay).
constexpr Millis kCampaignDeliveryWindow = 30LL * 86'400'000;
// The most contacts one campaign targets (the first ones by id beyond it are not targeted).
constexpr std::int64_t kMaxCampaignRecipients = 200'000;

// The deterministic client_id of a campaign's message to a contact: a second delivery attempt
// (after a crash between storing the message and marking the contact delivered) is the same send,
// which the message log stores once.
inline std::string campaignClientId(Id campaign_id, Id contact_id) {
  return "campaign-" + std::to_string(campaign_id) + "-" + std::to_string(contact_id);
}

}  // namespace parley
