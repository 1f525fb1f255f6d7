// Makes resume exact: a socket subscribes to live events before its replay is read, so an
// event can reach it both ways. Live frames sent before the replay are skipped by the replay;
// live frames the replay already covered are dropped afterwards. Used on one strand only.
#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "domain/model.h"

namespace parley {

// An encoded frame plus what resume needs to recognise it: message frames carry their
// conversation and seq, agent event frames their event-log offset.
struct OutFrame {
  std::string text;
  Id conversation_id = 0;
  std::int64_t seq = 0;
  std::int64_t offset = 0;
  // Not 0: not a frame to send but the end of every socket it reaches, closed with this code and
  // `text` as the reason (makeEndFrame in bus/connection.h). It travels the bus like any frame, so
  // a socket on another node ends too (an erased visitor's, app/contact_erasure.h).
  std::uint16_t close_code = 0;
};

class ReplayFilter {
 public:
  // A live frame about to be queued; false when a replay already sent it.
  bool admitLive(const OutFrame& f);
  // A replayed frame; false when it already went out live.
  bool admitReplay(const OutFrame& f);
  // After a replay: from now on live frames at or below what it covered are dropped.
  void replayDone();

 private:
  // A client resumes right after welcome, so only the first few live frames matter; the cap keeps a
  // long-lived socket that never resumes (a busy agent tab) from remembering its whole day.
  static constexpr std::size_t kMaxRemembered = 512;
  struct State {
    bool replayed = false;
    std::unordered_set<std::int64_t> live_offsets;
    std::set<std::pair<Id, std::int64_t>> live_seqs;
    std::int64_t offset_floor = 0;
    std::unordered_map<Id, std::int64_t> seq_floor;
    std::int64_t replay_max_offset = 0;
    std::unordered_map<Id, std::int64_t> replay_max_seq;
  };
  // Made on the first frame that carries a seq or an offset: most visitor sockets sit idle and
  // never need it (240 bytes each, 18,000 times).
  State& state();
  std::unique_ptr<State> state_;
};

}  // namespace parley
