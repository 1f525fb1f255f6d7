// domain/audit.h: the fixed list of actions and the bounds every entry is cut to.
#include "domain/audit.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

TEST(AuditEntryTest, TheActionsAreAFixedListOfDottedWords) {
  EXPECT_TRUE(isAuditAction("agent.login"));
  EXPECT_TRUE(isAuditAction("block.removed"));
  EXPECT_TRUE(isAuditAction("contact.erased"));
  EXPECT_FALSE(isAuditAction("agent"));
  EXPECT_FALSE(isAuditAction("agent.login "));
  EXPECT_FALSE(isAuditAction(""));
  for (auto a : auditActions()) {
    EXPECT_NE(a.find('.'), std::string_view::npos) << a;
    EXPECT_LE(a.size(), 64u) << a;
  }
}

TEST(AuditEntryTest, EntriesAreCutToTheirBounds) {
  AuditEntry e;
  e.actor.name = std::string(300, 'a');
  e.target.label = std::string(199, 'b') + "é";  // the é would cross 200 bytes
  e.address = std::string(100, '1');
  e.details_json = "{\"x\":\"" + std::string(3000, 'y') + "\"}";
  auto b = boundedAuditEntry(e);
  EXPECT_EQ(b.actor.name.size(), kMaxAuditNameBytes);
  EXPECT_EQ(b.target.label, std::string(199, 'b'));
  EXPECT_EQ(b.address.size(), kMaxAuditAddressBytes);
  EXPECT_EQ(b.details_json, R"({"truncated":true})");
  AuditEntry empty;
  empty.details_json = "";
  EXPECT_EQ(boundedAuditEntry(empty).details_json, "{}");
}

TEST(AuditEntryTest, ActorTypesRoundTrip) {
  for (auto t : {AuditActorType::Agent, AuditActorType::ApiToken, AuditActorType::System})
    EXPECT_EQ(parseAuditActorType(toString(t)), t);
  EXPECT_FALSE(parseAuditActorType("admin"));
}

}  // namespace
}  // namespace parley
