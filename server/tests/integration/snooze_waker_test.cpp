// Snoozed conversations come back to open on time, and agents hear of it.
#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "bus/bus.h"
#include "domain/clock.h"
#include "bus/event_publisher.h"
#include "bus/hub.h"
#include "app/snooze_waker.h"
#include "store/sqlite/sqlite_store.h"

using namespace parley;

namespace {
struct RecordingConnection : Connection {
  std::vector<std::string> frames;
  std::mutex mu;
  std::string empty;
  void send(Frame f) override {
    std::lock_guard l(mu);
    frames.push_back(f->text);
  }
  void sendReplayed(Frame f) override { send(std::move(f)); }
  void close() override {}
  void end(std::uint16_t, std::string) override {}
  const std::string& peerIp() const override { return empty; }
  const std::string& origin() const override { return empty; }
  const std::string& userAgent() const override { return empty; }
  const std::string& host() const override { return empty; }
};
}  // namespace

TEST(SnoozeWaker, ReopensDueConversationsAndPublishesTheChange) {
  auto dir = std::filesystem::temp_directory_path() / ("parley-snooze-" + std::to_string(nowMillis()));
  std::filesystem::create_directories(dir);
  {
    SqliteStore store((dir / "p.db").string());
    auto ws = store.createWorkspace({"Demo", "", ""}, nowMillis());
    Contact c;
    c.workspace_id = ws.id;
    c = store.createContact(c, "hash");
    NewMessage m;
    m.workspace_id = ws.id;
    m.contact_id = c.id;
    m.sender_type = SenderType::Visitor;
    m.sender_id = c.id;
    m.body = "hi";
    m.client_id = "1";
    m.created_at = nowMillis();
    auto res = store.appendMessages(std::span<const NewMessage>(&m, 1));
    ASSERT_EQ(res[0].status, AppendResult::Status::Ok);
    ConversationPatch p;
    p.status = ConversationStatus::Snoozed;
    p.snoozed_until = std::optional<Millis>{nowMillis() + 150};
    ASSERT_TRUE(store.updateConversation(ws.id, res[0].conversation.id, p, nowMillis()));

    Hub hub;
    LocalBus bus(hub);
    EventPublisher events(bus);
    auto agent = std::make_shared<RecordingConnection>();
    hub.subscribe(Hub::agentsTopic(ws.id), agent);
    SnoozeWaker waker(store, events, std::chrono::hours(1));  // passes run by hand below
    EXPECT_EQ(waker.wakeDue(), 0u) << "not yet due";
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_EQ(waker.wakeDue(), 1u);
    auto conv = store.conversationById(ws.id, res[0].conversation.id);
    EXPECT_EQ(conv->status, ConversationStatus::Open);
    EXPECT_FALSE(conv->snoozed_until);
    ASSERT_EQ(agent->frames.size(), 1u);
    EXPECT_NE(agent->frames[0].find("\"conversation.updated\""), std::string::npos);
    EXPECT_EQ(waker.wakeDue(), 0u) << "woken once";
  }
  std::filesystem::remove_all(dir);
}
