// Shared setup for the store tests: a fresh SQLite file per test in its own temp directory, a
// workspace, and builders for the records most tests need.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "store/sqlite/sqlite_store.h"

namespace parley::test {

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "parley-store-XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    path_ = (dir_ / "parley.db").string();
    reopen();
    ws = workspace("Acme", 1000);
  }

  void TearDown() override {
    store.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  // Closes and reopens the file, as a restarted server would.
  void reopen() {
    store.reset();
    store = std::make_unique<SqliteStore>(path_);
  }

  Workspace workspace(const std::string& name, Millis at = 2000) {
    NewWorkspace w;
    w.name = name;
    return store->createWorkspace(w, at);
  }

  void pageView(const Contact& c, const std::string& url, Millis at, const std::string& title = "",
                const std::string& referrer = "", Id workspace_id = 0) {
    PageView pv;
    pv.workspace_id = workspace_id ? workspace_id : c.workspace_id;
    pv.contact_id = c.id;
    pv.url = url;
    pv.title = title;
    pv.referrer = referrer;
    pv.created_at = at;
    store->addPageView(pv);
  }

  static ConversationPatch statusPatch(ConversationStatus status, std::optional<Millis> snoozed_until = {}) {
    ConversationPatch p;
    p.status = status;
    if (snoozed_until) p.snoozed_until = snoozed_until;
    return p;
  }

  static ConversationPatch priorityPatch(Priority priority) {
    ConversationPatch p;
    p.priority = priority;
    return p;
  }

  Contact contact(const std::string& token_hash, Id workspace_id = 0) {
    Contact c;
    c.workspace_id = workspace_id ? workspace_id : ws.id;
    c.first_seen_at = c.last_seen_at = 1000;
    return store->createContact(c, token_hash);
  }

  Agent agent(const std::string& email, Id workspace_id = 0) {
    Agent a;
    a.workspace_id = workspace_id ? workspace_id : ws.id;
    a.email = email;
    a.name = "Agent " + email;
    a.password_hash = "$argon2id$stub";
    a.created_at = 1000;
    return store->createAgent(a);
  }

  static NewMessage visitorMsg(const Contact& c, Id conversation_id, const std::string& body, Millis at,
                               std::optional<std::string> client_id = std::nullopt) {
    NewMessage m;
    m.workspace_id = c.workspace_id;
    m.conversation_id = conversation_id;
    m.contact_id = c.id;
    m.sender_type = SenderType::Visitor;
    m.body = body;
    m.client_id = std::move(client_id);
    m.created_at = at;
    return m;
  }

  static NewMessage agentMsg(const Agent& a, Id conversation_id, const std::string& body, Millis at,
                             bool is_private = false, std::optional<std::string> client_id = std::nullopt) {
    NewMessage m;
    m.workspace_id = a.workspace_id;
    m.conversation_id = conversation_id;
    m.sender_type = SenderType::Agent;
    m.sender_id = a.id;
    m.body = body;
    m.is_private = is_private;
    m.client_id = std::move(client_id);
    m.created_at = at;
    return m;
  }

  NewMessage systemMsg(Id conversation_id, const std::string& body, Millis at, SenderType type = SenderType::System) {
    NewMessage m;
    m.workspace_id = ws.id;
    m.conversation_id = conversation_id;
    m.sender_type = type;
    m.body = body;
    m.created_at = at;
    return m;
  }

  AppendResult append(const NewMessage& m) {
    auto r = store->appendMessages(std::span<const NewMessage>(&m, 1));
    return r.at(0);
  }

  // A conversation opened by the contact's first message.
  Conversation start(const Contact& c, Millis at, const std::string& body = "hello") {
    auto r = append(visitorMsg(c, 0, body, at));
    EXPECT_EQ(r.status, AppendResult::Status::Ok) << r.error;
    return r.conversation;
  }

  std::filesystem::path dir_;
  std::string path_;
  std::unique_ptr<SqliteStore> store;
  Workspace ws;
};

}  // namespace parley::test
