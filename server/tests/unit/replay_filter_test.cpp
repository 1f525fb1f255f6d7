#include "bus/replay_filter.h"

#include <gtest/gtest.h>

using namespace parley;

namespace {
OutFrame msg(Id conv, std::int64_t seq) { return OutFrame{.text = "m", .conversation_id = conv, .seq = seq}; }
OutFrame event(std::int64_t offset) { return OutFrame{.text = "e", .offset = offset}; }
}  // namespace

TEST(ReplayFilter, AFrameThatWentOutLiveBeforeTheReplayIsNotReplayed) {
  ReplayFilter f;
  EXPECT_TRUE(f.admitLive(msg(7, 4)));  // committed while the socket said hello
  EXPECT_TRUE(f.admitReplay(msg(7, 2)));
  EXPECT_TRUE(f.admitReplay(msg(7, 3)));
  EXPECT_FALSE(f.admitReplay(msg(7, 4)));
  f.replayDone();
  EXPECT_TRUE(f.admitLive(msg(7, 5)));
}

TEST(ReplayFilter, LiveFramesTheReplayCoveredAreDropped) {
  ReplayFilter f;
  EXPECT_TRUE(f.admitReplay(msg(7, 2)));
  EXPECT_TRUE(f.admitReplay(msg(7, 3)));
  f.replayDone();
  EXPECT_FALSE(f.admitLive(msg(7, 3)));  // published during the replay
  EXPECT_TRUE(f.admitLive(msg(8, 1))) << "other conversations are not affected";
  EXPECT_TRUE(f.admitLive(msg(7, 4)));
}

TEST(ReplayFilter, AgentOffsetsWorkTheSameWay) {
  ReplayFilter f;
  EXPECT_TRUE(f.admitLive(event(12)));
  EXPECT_TRUE(f.admitReplay(event(10)));
  EXPECT_TRUE(f.admitReplay(event(11)));
  EXPECT_FALSE(f.admitReplay(event(12)));
  EXPECT_TRUE(f.admitReplay(event(13)));
  f.replayDone();
  EXPECT_FALSE(f.admitLive(event(13)));
  EXPECT_TRUE(f.admitLive(event(14)));
  OutFrame plain{"pong", 0, 0, 0};
  EXPECT_TRUE(f.admitLive(plain)) << "frames without a cursor always pass";
}
