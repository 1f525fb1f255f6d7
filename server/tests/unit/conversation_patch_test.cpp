// domain applyPatch: the one place that decides what a patch does to a conversation (the store
// only writes its result; conversations_store_test checks that it does, on every backend).
#include "domain/conversation_patch.h"

#include <gtest/gtest.h>

#include <string>
#include <variant>
#include <vector>

namespace parley {
namespace {

using S = ConversationStatus;

Conversation waitingConversation() {
  Conversation c;
  c.id = 7;
  c.workspace_id = 1;
  c.contact_id = 3;
  c.status = S::Open;
  c.created_at = 100;
  c.updated_at = 200;
  c.waiting_since = 150;
  return c;
}

ConversationPatch statusPatch(S status, std::optional<Millis> snoozed_until = {}) {
  ConversationPatch p;
  p.status = status;
  if (snoozed_until) p.snoozed_until = snoozed_until;
  return p;
}

Conversation applied(const Conversation& c, const ConversationPatch& p, Millis now) {
  auto out = applyPatch(c, p, now);
  if (auto* r = std::get_if<PatchRefusal>(&out)) ADD_FAILURE() << "refused: " << r->field << ": " << r->message;
  return std::get_if<Conversation>(&out) ? std::get<Conversation>(out) : c;
}

std::optional<PatchRefusal> refusal(const Conversation& c, const ConversationPatch& p) {
  auto out = applyPatch(c, p, 1000);
  if (auto* r = std::get_if<PatchRefusal>(&out)) return *r;
  return std::nullopt;
}

const PatchRefusal kNeedsTime{"snoozed_until", "snoozed_until is required to snooze a conversation"};

TEST(ApplyPatchTest, ResolvingStampsTheTimeAndEndsTheWait) {
  auto c = applied(waitingConversation(), statusPatch(S::Resolved), 1000);
  EXPECT_EQ(c.status, S::Resolved);
  EXPECT_EQ(c.resolved_at, 1000);
  EXPECT_FALSE(c.waiting_since);
  EXPECT_EQ(c.updated_at, 1000);

  auto again = applied(c, statusPatch(S::Resolved), 2000);
  EXPECT_EQ(again.resolved_at, 1000) << "re-resolving keeps the first resolution time";
  EXPECT_EQ(again.updated_at, 2000);

  auto reopened = applied(again, statusPatch(S::Open), 3000);
  EXPECT_EQ(reopened.status, S::Open);
  EXPECT_FALSE(reopened.resolved_at);
  EXPECT_FALSE(reopened.waiting_since) << "reopening does not make the visitor wait: their next message does";
}

TEST(ApplyPatchTest, PendingKeepsTheWait) {
  auto c = applied(waitingConversation(), statusPatch(S::Pending), 1000);
  EXPECT_EQ(c.status, S::Pending);
  EXPECT_EQ(c.waiting_since, 150);
  EXPECT_FALSE(c.resolved_at);
}

TEST(ApplyPatchTest, SnoozingNeedsATime) {
  const auto open = waitingConversation();
  EXPECT_EQ(refusal(open, statusPatch(S::Snoozed)), kNeedsTime);
  ConversationPatch cleared = statusPatch(S::Snoozed);
  cleared.snoozed_until = std::optional<Millis>{};
  EXPECT_EQ(refusal(open, cleared), kNeedsTime) << "an explicit null is no time either";

  auto snoozed = applied(open, statusPatch(S::Snoozed, 5000), 1000);
  EXPECT_EQ(snoozed.status, S::Snoozed);
  EXPECT_EQ(snoozed.snoozed_until, 5000);
  EXPECT_EQ(snoozed.waiting_since, 150);

  EXPECT_EQ(applied(snoozed, statusPatch(S::Snoozed), 2000).snoozed_until, 5000) << "snoozed to snoozed: a no-op";
  EXPECT_EQ(applied(snoozed, statusPatch(S::Snoozed, 9000), 2000).snoozed_until, 9000) << "snoozed longer";

  ConversationPatch clear;
  clear.snoozed_until = std::optional<Millis>{};
  EXPECT_EQ(refusal(snoozed, clear), kNeedsTime) << "a snoozed conversation must keep a time to wake up";
  EXPECT_EQ(refusal(snoozed, [] {
              auto p = statusPatch(S::Snoozed);
              p.snoozed_until = std::optional<Millis>{};
              return p;
            }()),
            kNeedsTime);

  auto woken = applied(snoozed, statusPatch(S::Open), 5000);
  EXPECT_EQ(woken.status, S::Open);
  EXPECT_FALSE(woken.snoozed_until);
  auto resolved = applied(snoozed, statusPatch(S::Resolved), 5000);
  EXPECT_FALSE(resolved.snoozed_until);
}

// Rows written before the rule above may be snoozed without a time: they stay editable.
TEST(ApplyPatchTest, ASnoozedRowWithoutATimeCanStillBeAssigned) {
  auto c = waitingConversation();
  c.status = S::Snoozed;
  ConversationPatch p;
  p.priority = Priority::High;
  EXPECT_EQ(applied(c, p, 1000).priority, Priority::High);
  EXPECT_EQ(refusal(c, statusPatch(S::Snoozed)), kNeedsTime) << "a patch that touches the snooze must give a time";
  EXPECT_EQ(applied(c, statusPatch(S::Snoozed, 5000), 1000).snoozed_until, 5000);
}

// As before the rules moved here: a time alone is kept on any status (the API shows it), and only a
// status change clears it.
TEST(ApplyPatchTest, ATimeAloneIsKept) {
  ConversationPatch p;
  p.snoozed_until = std::optional<Millis>{7000};
  auto c = applied(waitingConversation(), p, 1000);
  EXPECT_EQ(c.status, S::Open);
  EXPECT_EQ(c.snoozed_until, 7000);
}

TEST(ApplyPatchTest, EveryTransitionKeepsTheInvariants) {
  for (S from : allValues<S>()) {
    for (S to : allValues<S>()) {
      for (bool with_time : {false, true}) {
        auto c = waitingConversation();
        c.status = from;
        if (from == S::Snoozed) c.snoozed_until = 4000;
        if (from == S::Resolved) c.resolved_at = 120;
        auto out = applyPatch(c, statusPatch(to, with_time ? std::optional<Millis>{6000} : std::nullopt), 1000);
        const std::string step = std::string(toString(from)) + " -> " + std::string(toString(to)) +
                                 (with_time ? " with a time" : "");
        if (auto* r = std::get_if<PatchRefusal>(&out)) {
          EXPECT_TRUE(to == S::Snoozed && from != S::Snoozed && !with_time) << step << ": " << r->message;
          continue;
        }
        const auto& n = std::get<Conversation>(out);
        EXPECT_EQ(n.status, to) << step;
        EXPECT_EQ(n.updated_at, 1000) << step;
        EXPECT_EQ(n.snoozed_until.has_value(), to == S::Snoozed) << step;
        EXPECT_EQ(n.resolved_at.has_value(), to == S::Resolved) << step;
        if (to == S::Resolved) {
          EXPECT_EQ(*n.resolved_at, from == S::Resolved ? 120 : 1000) << step;
          EXPECT_FALSE(n.waiting_since) << step;
        } else {
          EXPECT_EQ(n.waiting_since, 150) << step;
        }
      }
    }
  }
}

TEST(ApplyPatchTest, ARatingIsOfAResolvedConversationAndGivenOnce) {
  ConversationPatch rate;
  rate.csat_score = 4;
  rate.csat_comment = "quick";
  EXPECT_EQ(refusal(waitingConversation(), rate),
            (PatchRefusal{"conversation_id", "a conversation can be rated once it is resolved", "not_resolved"}));
  auto resolved = applied(waitingConversation(), statusPatch(S::Resolved), 1000);
  auto rated = applied(resolved, rate, 2000);
  EXPECT_EQ(rated.csat_score, 4);
  EXPECT_EQ(rated.csat_comment, "quick");
  EXPECT_EQ(rated.status, S::Resolved);
  rate.csat_score = 1;
  EXPECT_EQ(refusal(rated, rate), (PatchRefusal{"score", "this conversation has been rated already", "already_rated"}));
  ConversationPatch reopenAndRate = rate;
  reopenAndRate.status = S::Open;
  EXPECT_EQ(refusal(rated, reopenAndRate)->code, "already_rated") << "the rule reads the conversation as it was";
}

TEST(ApplyPatchTest, FieldsWithoutRules) {
  ConversationPatch p;
  p.priority = Priority::Urgent;
  p.assignee_id = std::optional<Id>{5};
  p.team_id = std::optional<Id>{2};
  auto c = applied(waitingConversation(), p, 1000);
  EXPECT_EQ(c.priority, Priority::Urgent);
  EXPECT_EQ(c.assignee_id, 5);
  EXPECT_EQ(c.team_id, 2);
  EXPECT_EQ(c.status, S::Open);

  ConversationPatch unassign;
  unassign.assignee_id = std::optional<Id>{};
  unassign.team_id = std::optional<Id>{};
  auto u = applied(c, unassign, 2000);
  EXPECT_FALSE(u.assignee_id);
  EXPECT_FALSE(u.team_id);
  EXPECT_EQ(u.priority, Priority::Urgent) << "unset fields stay";
}

TEST(ApplyPatchTest, AnEmptyPatchOnlyTouchesUpdatedAt) {
  const auto before = waitingConversation();
  auto after = applied(before, ConversationPatch{}, 1000);
  EXPECT_EQ(after.updated_at, 1000);
  after.updated_at = before.updated_at;
  EXPECT_EQ(after.status, before.status);
  EXPECT_EQ(after.waiting_since, before.waiting_since);
  EXPECT_EQ(after.tags, before.tags);
}

TEST(ApplyPatchTest, TagsAreNormalisedOnce) {
  ConversationPatch p;
  p.tags = std::vector<std::string>{"Billing", " vip  customer ", "billing", "BILLING "};
  EXPECT_EQ(applied(waitingConversation(), p, 1000).tags, (std::vector<std::string>{"billing", "vip customer"}));

  p.tags = std::vector<std::string>{};
  auto tagged = waitingConversation();
  tagged.tags = {"old"};
  EXPECT_TRUE(applied(tagged, p, 1000).tags.empty()) << "an empty list removes every tag";

  const PatchRefusal bad{"tags", "tags must be 1 to 40 letters, digits, spaces, - or _"};
  for (const std::string& t : std::vector<std::string>{"", "   ", "a,b", "<b>", "café", std::string(41, 'x')}) {
    p.tags = std::vector<std::string>{"ok", t};
    EXPECT_EQ(refusal(waitingConversation(), p), bad) << t;
  }
}

TEST(ApplyPatchTest, AtMostTwentyTagsCountedAfterRepeatsMerge) {
  std::vector<std::string> twenty;
  for (int i = 0; i < 20; ++i) twenty.push_back("t" + std::to_string(i));
  ConversationPatch p;
  p.tags = twenty;
  p.tags->push_back("T0");  // the same tag as t0
  EXPECT_EQ(applied(waitingConversation(), p, 1000).tags.size(), 20u);
  p.tags->push_back("t20");
  EXPECT_EQ(refusal(waitingConversation(), p), (PatchRefusal{"tags", "at most 20 tags"}));
}

TEST(ApplyPatchTest, TheSnoozeIsNamedFirst) {
  ConversationPatch p = statusPatch(S::Snoozed);
  p.tags = std::vector<std::string>{""};
  EXPECT_EQ(refusal(waitingConversation(), p), kNeedsTime);
}

TEST(NormalizeTagsTest, KeepsTheFirstOfRepeatsInOrder) {
  auto out = normalizeTags({"b", "A", "a", "B "});
  ASSERT_TRUE(std::holds_alternative<std::vector<std::string>>(out));
  EXPECT_EQ(std::get<std::vector<std::string>>(out), (std::vector<std::string>{"b", "a"}));
}

}  // namespace
}  // namespace parley
