// A team's routing settings and the timers that follow a conversation after routing: handing a
// chat back when its agent went offline or has not answered, and reminding the team of a chat
// nobody has answered yet. Pure: the caller passes the time ("now") and what presence says, so
// the rules are tested with a fake clock (app/routing_timers.h runs them on a PeriodicJob).
//
// Team id 0 holds the settings of conversations without a team (the workspace's own).
#pragma once

#include <array>
#include <optional>
#include <unordered_map>

#include "domain/enums.h"
#include "domain/model.h"

namespace parley {

enum class TeamFallback { Workspace, Queue };

template <>
struct EnumNames<TeamFallback> {
  static constexpr std::array<std::string_view, 2> names{"workspace", "queue"};
};
static_assert(EnumNames<TeamFallback>::names.size() == std::size_t(TeamFallback::Queue) + 1);

struct TeamRouting {
  Id workspace_id = 0;
  Id team_id = 0;  // 0: conversations without a team
  // Nobody of the team online (or with room): offer the chat to the whole workspace, or keep it
  // in the team's queue until one of them comes online.
  TeamFallback fallback = TeamFallback::Workspace;
  bool reassign_offline = false;     // hand a chat back when its agent goes offline
  int reassign_after_minutes = 0;    // hand back when the agent has not replied for this long; 0 off
  int remind_after_seconds = 0;      // remind the team of a chat waiting for a first reply; 0 off

  static constexpr int kMaxReassignMinutes = 24 * 60;
  static constexpr int kMaxRemindSeconds = 24 * 60 * 60;
  bool timersOn() const { return reassign_offline || reassign_after_minutes > 0 || remind_after_seconds > 0; }
};

enum class HandBack { Keep, AgentOffline, NoReply };

// An assigned, open conversation: should it go back to the queue now? `assigned_at`: when its
// present assignee got it, if known; `offline_for`: how long the assignee has been offline
// (nullopt: online or away); `offline_grace`: how long offline counts as a page reload, not gone.
// No reply: the visitor has waited (waiting_since) reassign_after_minutes, and the agent has had
// the chat at least that long.
HandBack handBackReason(const Conversation& c, std::optional<Millis> assigned_at, std::optional<Millis> offline_for,
                        Millis offline_grace, const TeamRouting& t, Millis now);

// How long each agent has been offline, from presence readings over time: the first reading that
// finds them offline starts the count; any other reading clears it. One per node; not stored.
class OfflineClock {
 public:
  // Records what presence says now and returns how long the agent has been offline (nullopt:
  // not offline).
  std::optional<Millis> observe(Id agent_id, bool offline, Millis now);
  // Agents not observed in the last pass are forgotten, so the map holds only current assignees.
  void forgetExcept(const std::unordered_map<Id, bool>& seen);

 private:
  std::unordered_map<Id, Millis> offline_since_;
};

}  // namespace parley
