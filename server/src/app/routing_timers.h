// The routing timers (issue 13, item 4), on a PeriodicJob: for every team (and the workspace's
// "no team") whose settings turn them on,
//  - hand-back: an open chat whose agent has been offline longer than the grace (a page reload is
//    not leaving), or has not answered the waiting visitor for reassign_after_minutes, goes back
//    to the queue and on to the next agent (AutoAssigner::reassign, never the same agent);
//  - reminders: a chat waiting remind_after_seconds for a first reply alerts the agents again
//    (EventPublisher::unattended: sound, desktop notification, marked in the list), once.
// The decisions are domain/team_routing.h's; every change is claimed by the store
// (unassignIfStill, claimReminders), so every node may run this and each happens once.
// The clock is injectable: tests run passes by hand (runOnce) with a fake one.
#pragma once

#include <chrono>
#include <functional>
#include <memory>

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
  };

  RoutingTimers(Store& store, PresenceTracker& presence, AutoAssigner& assigner, EventPublisher& events,
                Options options);
  Pass runOnce();

 private:
  Millis now() const;

  Store& store_;
  PresenceTracker& presence_;
  AutoAssigner& assigner_;
  EventPublisher& events_;
  Options options_;
  OfflineClock offline_;  // used by the job's thread only (or the test's)
  std::unique_ptr<PeriodicJob> job_;  // last: its thread calls runOnce
};

}  // namespace parley
