#include "realtime/replay_filter.h"

#include <algorithm>

namespace parley {

bool ReplayFilter::admitLive(const OutFrame& f) {
  if (f.offset != 0 && f.offset <= offset_floor_) return false;
  if (f.seq != 0) {
    auto it = seq_floor_.find(f.conversation_id);
    if (it != seq_floor_.end() && f.seq <= it->second) return false;
  }
  // Until the first replay, remember what went out so the replay can skip it.
  if (!replayed_) {
    if (f.offset != 0 && live_offsets_.size() < kMaxRemembered) live_offsets_.insert(f.offset);
    if (f.seq != 0 && live_seqs_.size() < kMaxRemembered) live_seqs_.emplace(f.conversation_id, f.seq);
  }
  return true;
}

bool ReplayFilter::admitReplay(const OutFrame& f) {
  if (f.offset != 0) {
    replay_max_offset_ = std::max(replay_max_offset_, f.offset);
    if (live_offsets_.count(f.offset)) return false;
  }
  if (f.seq != 0) {
    auto& m = replay_max_seq_[f.conversation_id];
    m = std::max(m, f.seq);
    if (live_seqs_.count({f.conversation_id, f.seq})) return false;
  }
  return true;
}

void ReplayFilter::replayDone() {
  offset_floor_ = std::max(offset_floor_, replay_max_offset_);
  for (const auto& [conv, seq] : replay_max_seq_) seq_floor_[conv] = std::max(seq_floor_[conv], seq);
  replay_max_seq_.clear();
  replayed_ = true;
  live_offsets_.clear();
  live_seqs_.clear();
}

}  // namespace parley
