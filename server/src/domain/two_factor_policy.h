// Settings > Security: "Require two-factor authentication" (workspace setting require_two_factor).
// While it is on, an agent session whose agent has not enabled two-factor authentication reaches
// only the enrolment endpoints (and /me, logout) and may not open a WebSocket; docs/security.md.
#pragma once

#include <string_view>

namespace parley {

// The setting as stored in Workspace::settings_json (false when absent or unreadable).
bool requiresTwoFactor(std::string_view settings_json);

// What an agent session may do: everything, or only set up two-factor authentication.
enum class SessionReach { Full, EnrolmentOnly };
inline SessionReach sessionReach(bool workspace_requires, bool agent_enabled) {
  return workspace_requires && !agent_enabled ? SessionReach::EnrolmentOnly : SessionReach::Full;
}

}  // namespace parley
