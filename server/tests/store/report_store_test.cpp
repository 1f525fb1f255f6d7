// Issue 16, item 1 on every backend: the report's numbers from known conversations at fixed times
// (no clock is read): new, resolved and missed conversations, first response and resolution samples,
// messages by sender, CSAT and its comments, the bot, per-agent and per-team rows, the buckets and
// the live counts, for one period and the one before it, one workspace only.
#include "domain/report_math.h"
#include "store_fixture.h"

namespace parley::test {
namespace {

constexpr Millis kReportMin = 60'000;
constexpr Millis kReportHour = 60 * kReportMin;
constexpr Millis kReportDay = 24 * kReportHour;
constexpr Millis kT0 = 20'000 * kReportDay;  // 2024-10-04T00:00Z: the period is [kT0, kT0 + 7 days)
constexpr Millis kT1 = kT0 + 7 * kReportDay;

class ReportStoreTest : public BackendStoreTest {
 protected:
  void SetUp() override {
    BackendStoreTest::SetUp();
    if (notSetUp()) return;
    a1 = agent("a1@example.com");
    a2 = agent("a2@example.com");
    team = store->createTeam(ws.id, "Billing");

    // c1: a1's, answered in 10 minutes, resolved after 2 hours, rated 5 with a comment.
    c1 = start(contact("c1"), kT0 + kReportHour);
    assign(c1.id, a1.id, std::nullopt);
    append(agentMsg(a1, c1.id, "hi", kT0 + kReportHour + 10 * kReportMin));
    resolveAndRate(c1.id, kT0 + 3 * kReportHour, 5, "Great, thanks");
    // c2: a2's in the team; the bot spoke first (1 minute), a2 answered after 30; resolved after 3 hours, rated 3.
    c2 = start(contact("c2"), kT0 + 2 * kReportHour);
    ASSERT_TRUE(store->saveBotState(ws.id, c2.id, "handed_off", "{}", kT0 + 2 * kReportHour));
    append(systemMsg(c2.id, "bot here", kT0 + 2 * kReportHour + kReportMin, SenderType::Bot));
    assign(c2.id, a2.id, team.id);
    append(agentMsg(a2, c2.id, "hello", kT0 + 2 * kReportHour + 30 * kReportMin));
    resolveAndRate(c2.id, kT0 + 5 * kReportHour, 3, "");
    // c3: nobody answered (a private note is no answer); still open and waiting.
    c3 = start(contact("c3"), kT0 + kReportDay);
    append(agentMsg(a1, c3.id, "note", kT0 + kReportDay + 5 * kReportMin, /*is_private=*/true));
    // c4: only the bot answered, and it was resolved an hour later: missed by the agents, resolved by the bot.
    c4 = start(contact("c4"), kT0 + kReportDay + kReportHour);
    ASSERT_TRUE(store->saveBotState(ws.id, c4.id, "choosing", "{}", kT0 + kReportDay + kReportHour));
    append(systemMsg(c4.id, "bot answer", kT0 + kReportDay + kReportHour + kReportMin, SenderType::Bot));
    ASSERT_TRUE(store->updateConversation(ws.id, c4.id, statusPatch(ConversationStatus::Resolved), kT0 + kReportDay + 2 * kReportHour));
    // c5: the previous period: a1 answered after 20 minutes, resolved after an hour.
    c5 = start(contact("c5"), kT0 - 2 * kReportDay);
    assign(c5.id, a1.id, std::nullopt);
    append(agentMsg(a1, c5.id, "yes", kT0 - 2 * kReportDay + 20 * kReportMin));
    ASSERT_TRUE(store->updateConversation(ws.id, c5.id, statusPatch(ConversationStatus::Resolved), kT0 - 2 * kReportDay + kReportHour));
    // c6: after the period.
    start(contact("c6"), kT1 + kReportHour);
    // Another workspace's conversation in the period.
    Workspace other = workspace("Other");
    start(contact("o1", other.id), kT0 + kReportHour);
  }

  void assign(Id conversation, Id agent_id, std::optional<Id> team_id) {
    ConversationPatch p;
    p.assignee_id = std::optional<Id>(agent_id);
    if (team_id) p.team_id = team_id;
    ASSERT_TRUE(store->updateConversation(ws.id, conversation, p, kT0));
  }

  void resolveAndRate(Id conversation, Millis at, int score, const std::string& comment) {
    ASSERT_TRUE(store->updateConversation(ws.id, conversation, statusPatch(ConversationStatus::Resolved), at));
    ConversationPatch p;
    p.csat_score = score;
    if (!comment.empty()) p.csat_comment = comment;
    ASSERT_TRUE(store->updateConversation(ws.id, conversation, p, at + kReportMin));
  }

  static std::vector<Millis> spans(const std::vector<DurationSample>& samples) {
    std::vector<Millis> out;
    for (const auto& s : samples) out.push_back(s.end - s.start);
    return out;
  }

  Agent a1, a2;
  Team team;
  Conversation c1, c2, c3, c4, c5;
};

TEST_P(ReportStoreTest, CountsThePeriodsConversationsMessagesCsatAndBot) {
  const auto r = store->reportCounts(ws.id, kT0, kT1);
  EXPECT_EQ(r.conversations_new, 4);
  EXPECT_EQ(r.conversations_resolved, 3);
  EXPECT_EQ(r.conversations_missed, 2) << "c3 (only a private note) and c4 (only the bot)";
  EXPECT_EQ(r.messages_visitor, 4);
  EXPECT_EQ(r.messages_agent, 3) << "two replies and a private note";
  EXPECT_EQ(r.messages_bot, 2);
  EXPECT_EQ(r.csat, (std::array<std::int64_t, 5>{0, 0, 1, 0, 1}));
  EXPECT_EQ(r.bot.handled, 2);
  EXPECT_EQ(r.bot.resolved_alone, 1);
  EXPECT_EQ(r.bot.handed_off, 1);

  const auto prev = store->reportCounts(ws.id, kT0 - 7 * kReportDay, kT0);
  EXPECT_EQ(prev.conversations_new, 1);
  EXPECT_EQ(prev.conversations_resolved, 1);
  EXPECT_EQ(prev.conversations_missed, 0);
  EXPECT_EQ(prev.messages_agent, 1);
  EXPECT_EQ(prev.bot.handled, 0);
}

TEST_P(ReportStoreTest, SamplesAreTheAgentsFirstReplyAndTheResolution) {
  const auto first = store->firstResponseSamples(ws.id, kT0, kT1, 100);
  EXPECT_EQ(spans(first), (std::vector<Millis>{10 * kReportMin, 30 * kReportMin})) << "the bot's reply does not count";
  EXPECT_EQ(first[0].agent_id, a1.id);
  EXPECT_EQ(first[1].team_id, team.id);
  const auto resolved = store->resolutionSamples(ws.id, kT0, kT1, 100);
  EXPECT_EQ(spans(resolved), (std::vector<Millis>{2 * kReportHour, 3 * kReportHour, kReportHour}));
  auto stats = durationStats(spans(resolved));
  EXPECT_EQ(stats.median, 2 * kReportHour);
  EXPECT_EQ(stats.p90, 3 * kReportHour);
  EXPECT_EQ(store->resolutionSamples(ws.id, kT0, kT1, 1).size(), 1u) << "limit";
  EXPECT_EQ(spans(store->firstResponseSamples(ws.id, kT0 - 7 * kReportDay, kT0, 100)), (std::vector<Millis>{20 * kReportMin}));
}

TEST_P(ReportStoreTest, RowsPerAgentAndPerTeam) {
  const auto agents = store->agentReportRows(ws.id, kT0, kT1, 10);
  ASSERT_EQ(agents.size(), 3u);
  EXPECT_FALSE(agents[0].id) << "unassigned: c3 and c4";
  EXPECT_EQ(agents[0].conversations, 2);
  EXPECT_EQ(agents[0].replies, 0);
  EXPECT_EQ(agents[1].id, a1.id);
  EXPECT_EQ(agents[1].conversations, 1);
  EXPECT_EQ(agents[1].replies, 1) << "the private note is no reply";
  EXPECT_EQ(agents[1].csat_count, 1);
  EXPECT_EQ(agents[1].csat_sum, 5);
  EXPECT_EQ(agents[2].id, a2.id);
  EXPECT_EQ(agents[2].csat_sum, 3);

  const auto teams = store->teamReportRows(ws.id, kT0, kT1, 10);
  ASSERT_EQ(teams.size(), 2u);
  EXPECT_FALSE(teams[0].id);
  EXPECT_EQ(teams[0].conversations, 3);
  EXPECT_EQ(teams[0].replies, 1);
  EXPECT_EQ(teams[1].id, team.id);
  EXPECT_EQ(teams[1].conversations, 1);
  EXPECT_EQ(teams[1].replies, 1);
  EXPECT_EQ(teams[1].csat_sum, 3);
  EXPECT_EQ(store->agentReportRows(ws.id, kT0, kT1, 1).size(), 1u) << "limit";
}

TEST_P(ReportStoreTest, BucketsCommentsAndLiveCounts) {
  const auto buckets = store->conversationBuckets(ws.id, kT0, kT1);
  ASSERT_EQ(buckets.size(), 4u);
  EXPECT_EQ(buckets[0].start, kT0 + kReportHour);
  EXPECT_EQ(buckets[3].start, kT0 + kReportDay + kReportHour);
  for (const auto& b : buckets) EXPECT_EQ(b.count, 1);

  const auto comments = store->csatComments(ws.id, kT0, kT1, 10, 0);
  ASSERT_EQ(comments.size(), 1u) << "a rating without a comment is not listed";
  EXPECT_EQ(comments[0].conversation_id, c1.id);
  EXPECT_EQ(comments[0].score, 5);
  EXPECT_EQ(comments[0].comment, "Great, thanks");
  EXPECT_EQ(comments[0].agent_id, a1.id);
  EXPECT_TRUE(store->csatComments(ws.id, kT0, kT1, 10, 1).empty()) << "offset";

  const auto live = store->liveCounts(ws.id);
  EXPECT_EQ(live.open, 2) << "c3 and c6";
  EXPECT_EQ(live.waiting_unassigned, 2);
  EXPECT_EQ(live.oldest_waiting, kT0 + kReportDay);
}

PARLEY_ON_EVERY_STORE_BACKEND(ReportStoreTest);

}  // namespace
}  // namespace parley::test
