#include "domain/campaign.h"

#include <array>
#include <utility>

namespace parley {

namespace {
constexpr std::array<std::pair<CampaignState, std::string_view>, 5> kWords = {{
    {CampaignState::Draft, "draft"},
    {CampaignState::Scheduled, "scheduled"},
    {CampaignState::Sending, "sending"},
    {CampaignState::Sent, "sent"},
    {CampaignState::Cancelled, "cancelled"},
}};
}  // namespace

std::string_view toString(CampaignState s) {
  for (auto [state, word] : kWords)
    if (state == s) return word;
  return "draft";
}

std::optional<CampaignState> parseCampaignState(std::string_view s) {
  for (auto [state, word] : kWords)
    if (word == s) return state;
  return std::nullopt;
}

}  // namespace parley
