// Issue 16 item 2 on every backend: the audit log appends, lists newest first in pages, filters by
// action, actor and time, keeps workspaces apart, and refuses UPDATE and DELETE in the schema itself.
#include "store/postgres/pg_connection.h"
#include "store/sqlite/sqlite_db.h"
#include "store_fixture.h"

namespace parley::test {
namespace {

using AuditStoreTest = BackendStoreTest;

AuditEntry auditEntry(Id ws, Millis at, std::string_view action, AuditActor actor = {AuditActorType::Agent, 7, "Ada <ada@x>"}) {
  AuditEntry e;
  e.workspace_id = ws;
  e.at = at;
  e.actor = std::move(actor);
  e.address = "203.0.113.7";
  e.action = std::string(action);
  e.target = {"agent", 9, "bob@example.com"};
  e.details_json = R"({"keys":["name"]})";
  return e;
}

TEST_P(AuditStoreTest, EntriesComeBackAsWrittenNewestFirst) {
  auto first = store->appendAuditEntry(auditEntry(ws.id, 1000, "agent.login"));
  auto second = store->appendAuditEntry(auditEntry(ws.id, 2000, "agent.updated", {AuditActorType::ApiToken, 3, "API token CI"}));
  EXPECT_GT(second, first);
  reopen();
  auto list = store->listAuditEntries(ws.id, {});
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, second);
  EXPECT_EQ(list[0].action, "agent.updated");
  EXPECT_EQ(list[0].actor.type, AuditActorType::ApiToken);
  EXPECT_EQ(list[0].actor.id, 3);
  EXPECT_EQ(list[0].actor.name, "API token CI");
  EXPECT_EQ(list[1].id, first);
  EXPECT_EQ(list[1].workspace_id, ws.id);
  EXPECT_EQ(list[1].at, 1000);
  EXPECT_EQ(list[1].actor.type, AuditActorType::Agent);
  EXPECT_EQ(list[1].address, "203.0.113.7");
  EXPECT_EQ(list[1].target.type, "agent");
  EXPECT_EQ(list[1].target.id, 9);
  EXPECT_EQ(list[1].target.label, "bob@example.com");
  EXPECT_EQ(list[1].details_json, R"({"keys":["name"]})");

  Workspace other = workspace("Other");
  EXPECT_TRUE(store->listAuditEntries(other.id, {}).empty()) << "another workspace sees none";
}

TEST_P(AuditStoreTest, PagesFollowTheCursorWithoutGapsOrRepeats) {
  std::vector<Id> ids;
  for (int i = 0; i < 7; ++i) ids.push_back(store->appendAuditEntry(auditEntry(ws.id, 1000 + i, "agent.login")));
  AuditQuery q;
  q.limit = 3;
  std::vector<Id> seen;
  for (;;) {
    auto page = store->listAuditEntries(ws.id, q);
    for (const auto& e : page) seen.push_back(e.id);
    if (static_cast<int>(page.size()) < q.limit) break;
    q.before_id = page.back().id;
  }
  std::vector<Id> expected(ids.rbegin(), ids.rend());
  EXPECT_EQ(seen, expected);
}

TEST_P(AuditStoreTest, FiltersByActionActorAndTime) {
  store->appendAuditEntry(auditEntry(ws.id, 1000, "agent.login"));
  store->appendAuditEntry(auditEntry(ws.id, 2000, "agent.login_failed", {AuditActorType::System, 0, "unauthenticated"}));
  store->appendAuditEntry(auditEntry(ws.id, 3000, "webhook.created", {AuditActorType::Agent, 8, "Bo"}));
  store->appendAuditEntry(auditEntry(ws.id, 4000, "agent.login", {AuditActorType::Agent, 8, "Bo"}));

  AuditQuery byAction;
  byAction.action = "agent.login";
  auto logins = store->listAuditEntries(ws.id, byAction);
  ASSERT_EQ(logins.size(), 2u);
  EXPECT_EQ(logins[0].at, 4000);
  EXPECT_EQ(logins[1].at, 1000);

  AuditQuery byActor;
  byActor.actor_type = AuditActorType::Agent;
  byActor.actor_id = 8;
  auto bo = store->listAuditEntries(ws.id, byActor);
  ASSERT_EQ(bo.size(), 2u);
  EXPECT_EQ(bo[0].action, "agent.login");
  EXPECT_EQ(bo[1].action, "webhook.created");

  AuditQuery system;
  system.actor_type = AuditActorType::System;
  ASSERT_EQ(store->listAuditEntries(ws.id, system).size(), 1u);

  AuditQuery window;
  window.from = 2000;
  window.to = 4000;  // exclusive
  auto mid = store->listAuditEntries(ws.id, window);
  ASSERT_EQ(mid.size(), 2u);
  EXPECT_EQ(mid[0].at, 3000);
  EXPECT_EQ(mid[1].at, 2000);

  AuditQuery all;
  all.action = "agent.login";
  all.actor_type = AuditActorType::Agent;
  all.actor_id = 7;
  all.from = 500;
  ASSERT_EQ(store->listAuditEntries(ws.id, all).size(), 1u);
}

TEST_P(AuditStoreTest, TheSchemaRefusesUpdatesAndDeletes) {
  auto id = store->appendAuditEntry(auditEntry(ws.id, 1000, "agent.login"));
  if (!database().sqlitePath().empty()) {
    sqlite::Db db(database().sqlitePath());
    EXPECT_ANY_THROW(db.query("UPDATE audit_log SET action = 'x' WHERE id = ?1").bind(id).run());
    EXPECT_ANY_THROW(db.query("DELETE FROM audit_log WHERE id = ?1").bind(id).run());
  } else {
    pg::Connection c(database().postgresUrl());
    EXPECT_ANY_THROW(c.exec("UPDATE audit_log SET action = 'x' WHERE id = $1", id));
    EXPECT_ANY_THROW(c.exec("DELETE FROM audit_log WHERE id = $1", id));
    EXPECT_ANY_THROW(c.script("TRUNCATE audit_log"));
  }
  auto list = store->listAuditEntries(ws.id, {});
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].action, "agent.login");
}

PARLEY_ON_EVERY_STORE_BACKEND(AuditStoreTest);

}  // namespace
}  // namespace parley::test
