// RoutingRuleStore on every backend: rules in order (create, update, reorder, delete), team
// routing settings, and the routing timers' claims (hand-back and reminders happen once, however
// many instances try).
#include <algorithm>

#include "store_fixture.h"

namespace parley::test {
namespace {

using RoutingStore = BackendStoreTest;

RoutingRule rule(Id ws, const std::string& name, std::optional<Id> team = std::nullopt) {
  RoutingRule r;
  r.workspace_id = ws;
  r.name = name;
  r.conditions = {RoutingCondition{RoutingField::Field, "Topic", "Billing"}, RoutingCondition{RoutingField::PageUrl, "", "/pricing*"}};
  r.team_id = team;
  r.priority = Priority::High;
  r.tags = {"billing", "vip"};
  r.created_at = 5000;
  return r;
}

std::vector<std::string> names(const std::vector<RoutingRule>& rules) {
  std::vector<std::string> out;
  for (const auto& r : rules) out.push_back(r.name);
  return out;
}

TEST_P(RoutingStore, RulesKeepTheirOrderFieldsAndWorkspace) {
  auto team = store->createTeam(ws.id, "Billing");
  auto a = store->createRoutingRule(rule(ws.id, "A", team.id));
  auto b = store->createRoutingRule(rule(ws.id, "B"));
  auto c = store->createRoutingRule(rule(ws.id, "C"));
  EXPECT_EQ(a.position, 0);
  EXPECT_EQ(c.position, 2);
  auto listed = store->listRoutingRules(ws.id);
  ASSERT_EQ(names(listed), (std::vector<std::string>{"A", "B", "C"}));
  EXPECT_EQ(listed[0].team_id, team.id);
  EXPECT_EQ(listed[0].priority, Priority::High);
  EXPECT_EQ(listed[0].tags, (std::vector<std::string>{"billing", "vip"}));
  ASSERT_EQ(listed[0].conditions.size(), 2u);
  EXPECT_EQ(listed[0].conditions[0].key, "Topic");
  EXPECT_EQ(listed[0].conditions[1].value, "/pricing*");
  EXPECT_TRUE(listed[0].enabled);
  EXPECT_EQ(listed[1].team_id, std::nullopt);

  auto other = workspace("Other");
  EXPECT_TRUE(store->listRoutingRules(other.id).empty());
  auto stolen = b;
  stolen.workspace_id = other.id;
  EXPECT_FALSE(store->updateRoutingRule(stolen)) << "another workspace's rule is not found";
  EXPECT_FALSE(store->deleteRoutingRule(other.id, b.id));

  b.name = "B2";
  b.enabled = false;
  b.priority.reset();
  b.tags = {};
  auto updated = store->updateRoutingRule(b);
  ASSERT_TRUE(updated);
  EXPECT_EQ(updated->name, "B2");
  EXPECT_FALSE(updated->enabled);
  EXPECT_EQ(updated->priority, std::nullopt);
  EXPECT_EQ(updated->position, 1);

  EXPECT_TRUE(store->reorderRoutingRules(ws.id, {c.id, a.id, b.id}));
  EXPECT_EQ(names(store->listRoutingRules(ws.id)), (std::vector<std::string>{"C", "A", "B2"}));
  EXPECT_FALSE(store->reorderRoutingRules(ws.id, {c.id, a.id})) << "every rule must be named";
  EXPECT_FALSE(store->reorderRoutingRules(ws.id, {c.id, a.id, a.id})) << "once";
  EXPECT_FALSE(store->reorderRoutingRules(other.id, {c.id, a.id, b.id})) << "of this workspace";
  EXPECT_EQ(names(store->listRoutingRules(ws.id)), (std::vector<std::string>{"C", "A", "B2"}));

  EXPECT_TRUE(store->deleteRoutingRule(ws.id, c.id));
  EXPECT_FALSE(store->deleteRoutingRule(ws.id, c.id));
  auto after = store->listRoutingRules(ws.id);
  EXPECT_EQ(names(after), (std::vector<std::string>{"A", "B2"}));
  EXPECT_EQ(after[0].position, 0) << "the gap is closed";
  EXPECT_EQ(after[1].position, 1);
  EXPECT_EQ(store->createRoutingRule(rule(ws.id, "D")).position, 2);
}

TEST_P(RoutingStore, TeamSettingsDefaultUntilSetAndRefuseOtherWorkspacesTeams) {
  auto team = store->createTeam(ws.id, "Sales");
  auto none = store->teamRouting(ws.id, team.id);
  EXPECT_EQ(none.fallback, TeamFallback::Workspace);
  EXPECT_FALSE(none.timersOn());
  EXPECT_TRUE(store->listTeamRouting(ws.id).empty());

  TeamRouting t = none;
  t.fallback = TeamFallback::Queue;
  t.reassign_offline = true;
  t.reassign_after_minutes = 7;
  store->setTeamRouting(t);
  TeamRouting w;
  w.workspace_id = ws.id;
  w.team_id = 0;  // conversations without a team
  w.remind_after_seconds = 90;
  store->setTeamRouting(w);
  auto got = store->teamRouting(ws.id, team.id);
  EXPECT_EQ(got.fallback, TeamFallback::Queue);
  EXPECT_TRUE(got.reassign_offline);
  EXPECT_EQ(got.reassign_after_minutes, 7);
  EXPECT_EQ(store->teamRouting(ws.id, 0).remind_after_seconds, 90);
  EXPECT_EQ(store->listTeamRouting(ws.id).size(), 2u);

  t.reassign_offline = false;
  t.reassign_after_minutes = 0;
  store->setTeamRouting(t);  // replaces
  auto on = store->routingTimersOn();
  ASSERT_EQ(on.size(), 1u) << "only rows with a timer on";
  EXPECT_EQ(on[0].team_id, 0);

  auto other = workspace("Other");
  auto theirs = store->createTeam(other.id, "Theirs");
  TeamRouting bad;
  bad.workspace_id = ws.id;
  bad.team_id = theirs.id;
  EXPECT_THROW(store->setTeamRouting(bad), std::invalid_argument);
}

TEST_P(RoutingStore, AssignedAtIsKnownOnlyForThePresentAssignee) {
  auto sam = agent("sam@example.com");
  auto kim = agent("kim@example.com");
  auto conv = start(contact("t1"), 10'000);
  ASSERT_TRUE(store->assignIfUnderCapacity(ws.id, conv.id, {sam.id}, 11'000));
  EXPECT_TRUE(store->assignedOpen(ws.id, 0, 10).at(0).assigned_at == std::nullopt) << "never noted";
  store->noteAssignment(ws.id, conv.id, sam.id, 11'000);
  auto open = store->assignedOpen(ws.id, 0, 10);
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].conversation.id, conv.id);
  EXPECT_EQ(open[0].assigned_at, Millis{11'000});
  // Reassigned by hand: the note is about someone else.
  ConversationPatch p;
  p.assignee_id = std::optional<Id>{kim.id};
  store->updateConversation(ws.id, conv.id, p, 12'000);
  EXPECT_EQ(store->assignedOpen(ws.id, 0, 10).at(0).assigned_at, std::nullopt);
  // Another team's list does not hold it.
  auto team = store->createTeam(ws.id, "T");
  EXPECT_TRUE(store->assignedOpen(ws.id, team.id, 10).empty());
  store->noteAssignment(ws.id + 999, conv.id, sam.id, 1);  // another workspace's id writes nothing
  EXPECT_EQ(store->assignedOpen(ws.id, 0, 10).at(0).assigned_at, std::nullopt);
}

TEST_P(RoutingStore, AHandBackIsClaimedOnceAndOnlyFromTheAgentWhoHasIt) {
  auto sam = agent("sam@example.com");
  auto conv = start(contact("t1"), 10'000);
  ASSERT_TRUE(store->assignIfUnderCapacity(ws.id, conv.id, {sam.id}, 11'000));
  EXPECT_FALSE(store->unassignIfStill(ws.id, conv.id, sam.id + 1, 12'000)) << "not that agent's";
  auto second = another();
  auto first = store->unassignIfStill(ws.id, conv.id, sam.id, 12'000);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->conversation.assignee_id, std::nullopt);
  EXPECT_GT(first->offset, 0);
  EXPECT_FALSE(second->unassignIfStill(ws.id, conv.id, sam.id, 12'001)) << "handed back once";
  EXPECT_FALSE(store->conversationById(ws.id, conv.id)->assignee_id);
  EXPECT_EQ(store->eventsAfter(ws.id, first->offset - 1, 10).at(0).event.type, "conversation.updated");
}

TEST_P(RoutingStore, RemindersAreClaimedOnceForUnansweredChatsOfTheTeam) {
  auto sam = agent("sam@example.com");
  auto team = store->createTeam(ws.id, "Support");
  auto old1 = start(contact("t1"), 10'000);
  auto old2 = start(contact("t2"), 11'000);
  auto fresh = start(contact("t3"), 50'000);
  auto answered = start(contact("t4"), 10'000);
  append(agentMsg(sam, answered.id, "hi", 12'000));
  auto teamed = start(contact("t5"), 10'000);
  ConversationPatch toTeam;
  toTeam.team_id = std::optional<Id>{team.id};
  store->updateConversation(ws.id, teamed.id, toTeam, 10'500);

  auto second = another();
  auto got = store->claimReminders(ws.id, 0, 20'000, 60'000, 50);
  std::vector<Id> ids;
  for (const auto& c : got) ids.push_back(c.id);
  EXPECT_EQ(ids, (std::vector<Id>{old1.id, old2.id})) << "waiting long enough, unanswered, without a team, oldest first";
  EXPECT_TRUE(second->claimReminders(ws.id, 0, 20'000, 60'001, 50).empty()) << "each chat once";
  EXPECT_TRUE(store->claimReminders(ws.id, 0, 20'000, 60'002, 50).empty());
  auto teamGot = second->claimReminders(ws.id, team.id, 20'000, 60'000, 50);
  ASSERT_EQ(teamGot.size(), 1u);
  EXPECT_EQ(teamGot[0].id, teamed.id);
  auto later = store->claimReminders(ws.id, 0, 55'000, 70'000, 50);
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(later[0].id, fresh.id);
}

PARLEY_ON_EVERY_STORE_BACKEND(RoutingStore);

}  // namespace
}  // namespace parley::test
