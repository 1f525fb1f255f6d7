// Segments and campaigns on every backend (store/segment_store.h, store/campaign_store.h): counts
// of known contacts for each kind of condition, the once-only start and recipient marking with two
// instances (nodes) working at once, and the statistics.
#include <algorithm>
#include <barrier>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "domain/time_zone.h"
#include "store_fixture.h"

namespace parley::test {
namespace {

constexpr Millis kNow = 1'782'889'200'000;  // 2026-07-01T07:00Z
constexpr Millis kDay = 86'400'000;

class CampaignStoreTest : public BackendStoreTest {
 protected:
  Contact person(const std::string& token, std::optional<std::string> external_id, std::optional<std::string> email,
                 std::optional<std::string> country, std::optional<std::string> language, std::string attributes,
                 Millis first_seen, Millis last_seen, Id workspace_id = 0) {
    Contact c;
    c.workspace_id = workspace_id ? workspace_id : ws.id;
    c.first_seen_at = first_seen;
    c.last_seen_at = last_seen;
    c = store->createContact(c, token);
    c.external_id = std::move(external_id);
    c.email = std::move(email);
    c.country = std::move(country);
    c.language = std::move(language);
    c.attributes_json = std::move(attributes);
    store->updateContact(c);
    return c;
  }

  std::int64_t count(std::vector<SegmentCondition> conditions, bool any = false, Id workspace_id = 0) {
    SegmentDefinition d;
    d.match_any = any;
    d.conditions = std::move(conditions);
    auto e = validateSegment(d);
    EXPECT_FALSE(e) << (e ? e->field + ": " + e->message : "");
    return store->countContacts(workspace_id ? workspace_id : ws.id, resolveSegment(d, kNow, *TimeZone::fixed(0)));
  }

  Campaign scheduled(const Agent& sender, Millis at, std::optional<Id> segment_id = std::nullopt) {
    Campaign c;
    c.workspace_id = ws.id;
    c.name = "Summer sale";
    c.segment_id = segment_id;
    c.sender_agent_id = sender.id;
    c.body = "20% off this week";
    c.state = CampaignState::Scheduled;
    c.scheduled_at = at;
    c.created_at = c.updated_at = at - 1000;
    return store->createCampaign(c);
  }
};

TEST_P(CampaignStoreTest, SegmentCountsMatchKnownContacts) {
  const Contact anna = person("ta", "u-anna", "anna@example.com", "DE", "de-AT",
                              R"({"plan":"Pro","seats":5,"beta":true})", kNow - 400 * kDay, kNow - kDay);
  const Contact bob = person("tb", std::nullopt, std::nullopt, "FR", "fr", R"({"plan":"free"})", kNow - 10 * kDay,
                             kNow - 40 * kDay);
  const Contact cleo = person("tc", std::nullopt, "", std::nullopt, "DE", "{}", kNow - 2 * kDay, kNow);
  pageView(anna, "https://shop.test/products/Shoe?x=1", kNow - kDay);
  pageView(bob, "https://shop.test/pricing", kNow - 40 * kDay);
  pageView(bob, "https://shop.test/100%_off", kNow - 40 * kDay);
  start(cleo, kNow - 1000);  // an open conversation
  const Workspace other = workspace("Other");
  person("tx", "u-x", "x@example.com", "DE", "de", R"({"plan":"pro"})", kNow - 400 * kDay, kNow, other.id);

  EXPECT_EQ(count({}), 3);
  EXPECT_EQ(count({{"identified", "is", "", ""}}), 1);
  EXPECT_EQ(count({{"identified", "is_not", "", ""}}), 2);
  EXPECT_EQ(count({{"email_known", "is", "", ""}}), 1) << "an empty email is not known";
  EXPECT_EQ(count({{"country", "is", "", "de"}}), 1);
  EXPECT_EQ(count({{"country", "is_not", "", "DE"}}), 2) << "an unknown country is not DE";
  EXPECT_EQ(count({{"language", "is", "", "de"}}), 2) << "de matches de-AT and DE";
  EXPECT_EQ(count({{"language", "is", "", "de-at"}}), 1);
  EXPECT_EQ(count({{"last_seen", "within_days", "", "7"}}), 2);
  EXPECT_EQ(count({{"last_seen", "more_than_days", "", "30"}}), 1);
  EXPECT_EQ(count({{"first_seen", "before", "", "2026-01-01"}}), 1);
  EXPECT_EQ(count({{"first_seen", "since", "", "2026-06-25"}}), 1);
  EXPECT_EQ(count({{"visited_url", "glob", "", "*/products/*"}}), 1);
  EXPECT_EQ(count({{"visited_url", "glob", "", "https://shop.test/products/shoe*"}}), 1) << "ASCII case ignored";
  EXPECT_EQ(count({{"visited_url", "glob", "", "*/products"}}), 0) << "a glob matches the whole URL";
  EXPECT_EQ(count({{"visited_url", "contains", "", "pricing"}}), 1);
  EXPECT_EQ(count({{"visited_url", "contains", "", "100%_"}}), 1);
  EXPECT_EQ(count({{"visited_url", "contains", "", "0%o"}}), 0) << "% and _ in a value are literal";
  EXPECT_EQ(count({{"attribute", "equals", "plan", "pro"}}), 1);
  EXPECT_EQ(count({{"attribute", "equals", "seats", "5"}}), 1);
  EXPECT_EQ(count({{"attribute", "equals", "beta", "true"}}), 1);
  EXPECT_EQ(count({{"attribute", "contains", "plan", "FR"}}), 1);
  EXPECT_EQ(count({{"attribute", "equals", "missing", "x"}}), 0);
  EXPECT_EQ(count({{"open_conversation", "is", "", ""}}), 1);
  EXPECT_EQ(count({{"open_conversation", "is_not", "", ""}}), 2);
  EXPECT_EQ(count({{"country", "is", "", "DE"}, {"country", "is", "", "FR"}}), 0);
  EXPECT_EQ(count({{"country", "is", "", "DE"}, {"country", "is", "", "FR"}}, true), 2);
  EXPECT_EQ(count({{"identified", "is", "", ""}}, false, other.id), 1) << "only the workspace's contacts";
}

TEST_P(CampaignStoreTest, SegmentsAreKeptPerWorkspaceWithALimit) {
  Segment s;
  s.workspace_id = ws.id;
  s.name = "Germans";
  s.definition.conditions = {{"country", "is", "", "DE"}};
  s.created_at = s.updated_at = kNow;
  const Segment made = store->createSegment(s);
  EXPECT_EQ(store->segmentById(ws.id, made.id)->definition.conditions.at(0).value, "DE");
  const Workspace other = workspace("Other");
  EXPECT_FALSE(store->segmentById(other.id, made.id));
  EXPECT_FALSE(store->deleteSegment(other.id, made.id));
  for (std::size_t i = 1; i < kMaxSegmentsPerWorkspace; ++i) store->createSegment(s);
  EXPECT_THROW(store->createSegment(s), StoreConflict);
  EXPECT_EQ(store->listSegments(ws.id).size(), kMaxSegmentsPerWorkspace);

  // In use by a scheduled campaign: kept.
  const Agent sender = agent("sara@example.com");
  scheduled(sender, kNow + kDay, made.id);
  EXPECT_THROW(store->deleteSegment(ws.id, made.id), StoreConflict);
}

TEST_P(CampaignStoreTest, ACampaignStartsOnceAndEachRecipientIsDeliveredOnce) {
  const Agent sender = agent("sara@example.com");
  std::vector<Contact> germans;
  for (int i = 0; i < 5; ++i)
    germans.push_back(person("de" + std::to_string(i), std::nullopt, std::nullopt, "DE", "de", "{}", 1000, kNow));
  person("fr", std::nullopt, std::nullopt, "FR", "fr", "{}", 1000, kNow);
  SegmentDefinition d;
  d.conditions = {{"country", "is", "", "DE"}};
  const ContactQuery q = resolveSegment(d, kNow, *TimeZone::fixed(0));
  const Campaign later = scheduled(sender, kNow + kDay);
  const Campaign due = scheduled(sender, kNow - 10);

  auto dueNow = store->dueCampaigns(kNow, 10);
  ASSERT_EQ(dueNow.size(), 1u);
  EXPECT_EQ(dueNow[0].id, due.id);
  auto other = another();
  EXPECT_TRUE(store->startCampaign(ws.id, due.id, q, kNow));
  EXPECT_FALSE(other->startCampaign(ws.id, due.id, q, kNow)) << "started once";
  EXPECT_FALSE(store->startCampaign(ws.id, later.id, q, kNow)) << "not due";
  auto started = store->campaignById(ws.id, due.id);
  EXPECT_EQ(started->state, CampaignState::Sending);
  EXPECT_EQ(started->stats.targeted, 5);
  EXPECT_EQ(store->sendingCampaigns(10).size(), 1u);

  // Two of them come online; one is claimed, its claim runs out, and another caller takes it.
  const std::vector<Id> online = {germans[0].id, germans[1].id};
  // No more than the limit (on PostgreSQL a rescanned subquery once took every candidate); that
  // lease is over by kNow.
  EXPECT_EQ(store->claimRecipients(ws.id, due.id, online, kNow - 5000, kNow - 4000, 1).size(), 1u);
  auto claimed = store->claimRecipients(ws.id, due.id, online, kNow, kNow + 1000, 10);
  ASSERT_EQ(claimed.size(), 2u);
  EXPECT_EQ(claimed[0].body, "20% off this week");
  EXPECT_EQ(claimed[0].sender_agent_id, sender.id);
  EXPECT_TRUE(other->claimRecipients(ws.id, due.id, online, kNow + 999, kNow + 2000, 10).empty()) << "leased";
  EXPECT_EQ(other->claimRecipients(ws.id, due.id, online, kNow + 1000, kNow + 2000, 10).size(), 2u) << "lease over";

  // The message of germans[0]; delivered once, whoever marks it.
  NewMessage m = agentMsg(sender, 0, "20% off this week", kNow, false, campaignClientId(due.id, germans[0].id));
  m.contact_id = germans[0].id;
  const AppendResult sent = append(m);
  ASSERT_EQ(sent.status, AppendResult::Status::Ok) << sent.error;
  EXPECT_TRUE(store->markRecipientDelivered(ws.id, due.id, germans[0].id, sent.conversation.id, sent.message.seq, kNow));
  EXPECT_FALSE(other->markRecipientDelivered(ws.id, due.id, germans[0].id, sent.conversation.id, sent.message.seq, kNow));
  EXPECT_TRUE(store->claimRecipients(ws.id, due.id, online, kNow + 5000, kNow + 6000, 10).size() == 1u)
      << "a delivered recipient is never claimed again";
  store->markRecipientFailed(ws.id, due.id, germans[1].id, kNow);

  auto stats = store->campaignById(ws.id, due.id)->stats;
  EXPECT_EQ(stats.delivered, 1);
  EXPECT_EQ(stats.seen, 0);
  EXPECT_EQ(stats.replied, 0);
  store->markRead(ws.id, sent.conversation.id, ReaderType::Visitor, sent.message.seq);
  EXPECT_EQ(store->campaignById(ws.id, due.id)->stats.seen, 1);
  append(visitorMsg(germans[0], sent.conversation.id, "Does it include shoes?", kNow + 10));
  stats = store->listCampaigns(ws.id).at(0).stats;  // newest first: `due`
  EXPECT_EQ(stats.targeted, 5);
  EXPECT_EQ(stats.delivered, 1);
  EXPECT_EQ(stats.seen, 1);
  EXPECT_EQ(stats.replied, 1);

  // Three recipients wait: not sent until they are reached or the window ends.
  EXPECT_EQ(store->finishCampaigns(kNow, kNow - kCampaignDeliveryWindow), 0);
  EXPECT_EQ(store->finishCampaigns(kNow, kNow + 1), 1);
  EXPECT_EQ(store->campaignById(ws.id, due.id)->state, CampaignState::Sent);
  EXPECT_TRUE(store->claimRecipients(ws.id, due.id, std::vector<Id>{germans[2].id}, kNow, kNow + 1000, 10).empty()) << "sent";
}

TEST_P(CampaignStoreTest, EditingAndCancellingFollowTheStates) {
  const Agent sender = agent("sara@example.com");
  Campaign c = scheduled(sender, kNow + kDay);
  c.name = "Winter sale";
  c.state = CampaignState::Draft;
  c.scheduled_at.reset();
  auto edited = store->updateCampaign(c);
  ASSERT_TRUE(edited);
  EXPECT_EQ(edited->name, "Winter sale");
  EXPECT_EQ(edited->state, CampaignState::Draft);
  c.state = CampaignState::Scheduled;
  c.scheduled_at = kNow - 1;
  store->updateCampaign(c);
  ASSERT_TRUE(store->startCampaign(ws.id, c.id, ContactQuery{}, kNow));
  EXPECT_THROW(store->updateCampaign(c), StoreConflict) << "started";
  EXPECT_THROW(store->deleteCampaign(ws.id, c.id), StoreConflict) << "sending";
  EXPECT_EQ(store->cancelCampaign(ws.id, c.id, kNow)->state, CampaignState::Cancelled);
  EXPECT_THROW(store->cancelCampaign(ws.id, c.id, kNow), StoreConflict);
  EXPECT_FALSE(store->cancelCampaign(workspace("Other").id, c.id, kNow));
  EXPECT_TRUE(store->deleteCampaign(ws.id, c.id));
  EXPECT_FALSE(store->campaignById(ws.id, c.id));
}

TEST_P(CampaignStoreTest, TwoNodesClaimingAtOnceGetDisjointRecipientsAndMarkEachOnce) {
  const Agent sender = agent("sara@example.com");
  std::vector<Id> everyone;
  for (int i = 0; i < 120; ++i) everyone.push_back(contact("t" + std::to_string(i)).id);
  const Campaign c = scheduled(sender, kNow - 10);
  std::unique_ptr<Store> nodes[2] = {another(), another()};
  std::atomic<int> starts{0};
  {
    std::barrier go(2);
    std::vector<std::thread> threads;
    for (int n = 0; n < 2; ++n)
      threads.emplace_back([&, n] {
        go.arrive_and_wait();
        if (nodes[n]->startCampaign(ws.id, c.id, ContactQuery{}, kNow)) starts++;
      });
    for (auto& t : threads) t.join();
  }
  EXPECT_EQ(starts.load(), 1);
  ASSERT_EQ(store->campaignById(ws.id, c.id)->stats.targeted, 120);

  constexpr int kThreadsPerNode = 3;
  std::mutex mu;
  std::map<Id, int> claims, marks;
  std::barrier go(2 * kThreadsPerNode);
  auto worker = [&](int node) {
    go.arrive_and_wait();
    try {
      // Small claims of overlapping id lists, again and again, so that threads meet on the same rows.
      for (;;) {
        auto got = nodes[node]->claimRecipients(ws.id, c.id, everyone, kNow, kNow + 60'000, 4);
        if (got.empty()) break;
        for (const auto& d : got) {
          const bool first = nodes[node]->markRecipientDelivered(ws.id, c.id, d.contact_id, 0, 1, kNow);
          // A late second mark of the same recipient by the other node never succeeds.
          const bool second = nodes[1 - node]->markRecipientDelivered(ws.id, c.id, d.contact_id, 0, 1, kNow);
          std::lock_guard l(mu);
          claims[d.contact_id]++;
          marks[d.contact_id] += int(first) + int(second);
        }
      }
    } catch (const std::exception& e) {
      ADD_FAILURE() << "node " << node << ": " << e.what();
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < 2 * kThreadsPerNode; ++t) threads.emplace_back(worker, t % 2);
  for (auto& t : threads) t.join();

  ASSERT_EQ(claims.size(), everyone.size()) << "none skipped";
  for (Id id : everyone) {
    EXPECT_EQ(claims[id], 1) << "contact " << id << " claimed twice";
    EXPECT_EQ(marks[id], 1) << "contact " << id << " marked delivered twice";
  }
  EXPECT_EQ(store->campaignById(ws.id, c.id)->stats.delivered, 120);
  EXPECT_EQ(store->finishCampaigns(kNow, 0), 1);
}

TEST_P(CampaignStoreTest, RecipientsFollowAContactMergedIntoAnother) {
  const Agent sender = agent("sara@example.com");
  const Contact anon = person("t-anon", std::nullopt, std::nullopt, "DE", "de", "{}", 1000, kNow);
  const Contact known = person("t-known", "u-1", "k@example.com", "DE", "de", "{}", 1000, kNow);
  ContactQuery anonymous;
  anonymous.predicates.push_back(ContactPredicate{PredicateKind::Identified, true, {}, {}, 0});
  const Campaign toAnonymous = scheduled(sender, kNow - 10), toEveryone = scheduled(sender, kNow - 10);
  ASSERT_TRUE(store->startCampaign(ws.id, toAnonymous.id, anonymous, kNow));
  ASSERT_TRUE(store->startCampaign(ws.id, toEveryone.id, ContactQuery{}, kNow));
  // The visitor got the second campaign while anonymous.
  ASSERT_EQ(store->claimRecipients(ws.id, toEveryone.id, std::vector<Id>{anon.id}, kNow, kNow + 1000, 10).size(), 1u);
  ASSERT_TRUE(store->markRecipientDelivered(ws.id, toEveryone.id, anon.id, 77, 1, kNow));

  // Then identifies as the known contact: the anonymous contact is merged into it.
  ASSERT_TRUE(store->mergeContacts(ws.id, anon.id, known.id, "t-anon-device", kNow + 1));
  EXPECT_EQ(store->claimRecipients(ws.id, toAnonymous.id, std::vector<Id>{known.id}, kNow, kNow + 1000, 10).size(), 1u)
      << "targeted as the anonymous visitor: still reached";
  EXPECT_TRUE(store->claimRecipients(ws.id, toEveryone.id, std::vector<Id>{known.id}, kNow, kNow + 1000, 10).empty())
      << "delivered before the merge: not again";
  auto everyone = store->campaignById(ws.id, toEveryone.id)->stats;
  EXPECT_EQ(everyone.targeted, 1);
  EXPECT_EQ(everyone.delivered, 1);
  EXPECT_EQ(store->campaignById(ws.id, toAnonymous.id)->stats.targeted, 1);
}

PARLEY_ON_EVERY_STORE_BACKEND(CampaignStoreTest);

}  // namespace
}  // namespace parley::test
