#include "bus/replay_filter.h"

#include <algorithm>

namespace parley {

ReplayFilter::State& ReplayFilter::state() {
  if (!state_) state_ = std::make_unique<State>();
  return *state_;
}

bool ReplayFilter::admitLive(const OutFrame& f) {
  if (f.offset == 0 && f.seq == 0) return true;  // not part of any replay
  State& st = state();
  if (f.offset != 0 && f.offset <= st.offset_floor) return false;
  if (f.seq != 0) {
    auto it = st.seq_floor.find(f.conversation_id);
    if (it != st.seq_floor.end() && f.seq <= it->second) return false;
  }
  // Until the first replay, remember what went out so the replay can skip it.
  if (!st.replayed) {
    if (f.offset != 0 && st.live_offsets.size() < kMaxRemembered) st.live_offsets.insert(f.offset);
    if (f.seq != 0 && st.live_seqs.size() < kMaxRemembered) st.live_seqs.emplace(f.conversation_id, f.seq);
  }
  return true;
}

bool ReplayFilter::admitReplay(const OutFrame& f) {
  State& st = state();
  if (f.offset != 0) {
    st.replay_max_offset = std::max(st.replay_max_offset, f.offset);
    if (st.live_offsets.count(f.offset)) return false;
  }
  if (f.seq != 0) {
    auto& m = st.replay_max_seq[f.conversation_id];
    m = std::max(m, f.seq);
    if (st.live_seqs.count({f.conversation_id, f.seq})) return false;
  }
  return true;
}

void ReplayFilter::replayDone() {
  State& st = state();
  st.offset_floor = std::max(st.offset_floor, st.replay_max_offset);
  for (const auto& [conv, seq] : st.replay_max_seq) st.seq_floor[conv] = std::max(st.seq_floor[conv], seq);
  st.replay_max_seq.clear();
  st.replayed = true;
  st.live_offsets.clear();
  st.live_seqs.clear();
}

}  // namespace parley
