// The routing timers (issue 13, item 4), on a PeriodicJob: for every team (and the workspace's
// "no team") whose settings turn them on,
//  - hand-back: an open chat whose agent has been offline longer than the grace (a page reload is
//    not leaving), or has not answered the waiting visitor for reassign_after_minutes, goes back
//    to the queue and on to the next agent (AutoAssigner::reassign, never the same agent);
//  - reminders: a chat waiting remind_after_seconds for a first reply alerts the agents again
//    (EventPublisher::unattended: sound, desktop notification, marked in the list), once;
//  - the queue: when an agent comes online (since the last pass), chats waiting unassigned in
//    their workspace are offered out, oldest wait first (AutoAssigner, team rules and capacity as
//    for a new chat), so a chat that came while nobody was there does not wait for a dispatcher.
// The decisions are domain/team_routing.h's; every change is claimed by the store
// (unassignIfStill, claimReminders), so every node may run this and each happens once.
// The clock is injectable: tests run passes by hand (runOnce) with a fake one.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <unordered_set>

#include "app/auto_assigner.h"
#include "app/periodic_job.h"
#include "bus/event_publisher.h"
#include "bus/presence.h"
#include "domain/team_routing.h"
#include "store/store.h"

namespace parley {

class RoutingTimers {
 public:
  struct Options {
    std::chrono::milliseconds period{5000};  // 0: no thread (tests call runOnce)
    Millis offline_grace = 30'000;           // offline this long before a chat is handed back
    std::function<Millis()> clock;           // empty: the system clock
  };
  struct Pass {
    std::size_t handed_back = 0;
    std::size_t reminded = 0;
    std::size_t dequeued = 0;  // queued chats assigned because an agent came online
  };

  RoutingTimers(Store& store, PresenceTracker& presence, AutoAssigner& assigner, EventPublisher& events,
                Options options);
  Pass runOnce();

 private:
  Millis now() const;
  std::size_t offerQueue(Id workspace_id);

  Store& store_;
  PresenceTracker& presence_;
  AutoAssigner& assigner_;
  EventPublisher& events_;
  Options options_;
  OfflineClock offline_;  // used by the job's thread only (or the test's)
  std::unordered_set<Id> online_before_;  // agents online at the last pass (same thread)
  bool first_pass_ = true;                // a (re)started node: everyone online counts as arriving
  std::unique_ptr<PeriodicJob> job_;  // last: its thread calls runOnce
};

}  // namespace parley
