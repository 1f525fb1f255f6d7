// `parley backup` while messages stream in, then `parley restore` (issue 17, item 4): every message
// acknowledged before the backup started is in the restored database, which a server then serves;
// restore refuses to overwrite without --force, a file that is not a database, and nothing is lost
// from the live database by taking a backup.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include "test_server.h"

namespace bj = boost::json;
using namespace parley::test;

namespace {

// An agent replying message after message into one conversation over REST, each answered (201)
// only once stored, until stopped. (A visitor would meet its rate limit: 1 a second.)
class MessageStream {
 public:
  MessageStream(int port, std::string token, std::int64_t conversation)
      : port_(port), token_(std::move(token)), conversation_(conversation) {
    thread_ = std::thread([this] { run(); });
  }
  ~MessageStream() { stop(); }
  void stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  std::set<std::int64_t> acked() {
    std::lock_guard lock(mutex_);
    return acked_;
  }
  bool failed() const { return failed_; }

 private:
  void run() {
    const auto target = "/api/v1/conversations/" + std::to_string(conversation_) + "/messages";
    for (int i = 1; !stop_ && i <= 20000; ++i) {
      auto r = httpRequest(port_, "POST", target,
                           bj::serialize(bj::object{{"body", "stream " + std::to_string(i)},
                                                    {"client_id", "s" + std::to_string(i)}}),
                           token_);
      if (r.status != 201 && r.status != 200) {
        failed_ = true;
        return;
      }
      const auto body = r.json();  // by value: json() parses anew each call
      const auto& m = body.as_object().contains("message") ? body.at("message") : body;
      std::lock_guard lock(mutex_);
      acked_.insert(m.at("id").as_int64());
    }
  }

  int port_;
  std::string token_;
  std::int64_t conversation_;
  std::thread thread_;
  std::atomic<bool> stop_{false}, failed_{false};
  std::mutex mutex_;
  std::set<std::int64_t> acked_;
};

std::set<std::int64_t> storedIds(TestServer& server, std::int64_t conversation) {
  auto token = server.login();
  std::set<std::int64_t> ids;
  std::int64_t after = 0;
  for (;;) {
    auto r = server.get("/api/v1/conversations/" + std::to_string(conversation) + "/messages?limit=500&after_seq=" +
                            std::to_string(after),
                        token);
    EXPECT_EQ(r.status, 200) << r.body;
    const auto body = r.json();
    const auto& msgs = body.at("messages").as_array();
    for (const auto& m : msgs) {
      ids.insert(m.at("id").as_int64());
      after = std::max(after, m.at("seq").as_int64());
    }
    if (msgs.size() < 500) return ids;
  }
}

}  // namespace

TEST(Backup, TakenDuringAStreamHoldsEveryMessageAckedBeforeItAndRestoresIntoAWorkingServer) {
  TestServer server;
  const auto backup = server.dataDir() + "/../" + std::filesystem::path(server.dataDir()).filename().string() + ".bak";
  auto [token, ws] = server.newVisitor();
  std::int64_t conversation = 0;
  {
    WsClient visitor(server.port());
    visitor.hello(token);
    visitor.send(bj::object{{"type", "message.send"}, {"client_id", "first"}, {"body", "Hello"}});
    auto ack = visitor.waitFor("message.ack");
    ASSERT_TRUE(ack);
    conversation = ack->at("conversation_id").as_int64();
  }
  MessageStream stream(server.port(), server.login(), conversation);
  while (stream.acked().size() < 50 && !stream.failed()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const auto before = stream.acked();  // acknowledged before the backup starts
  ASSERT_EQ(server.runCli({"backup", "--data", server.dataDir(), "--out", backup}), 0);
  // The stream goes on after the backup, so the live database holds more than the backup.
  const auto sizeAtBackup = stream.acked().size();
  while (stream.acked().size() < sizeAtBackup + 30 && !stream.failed())
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  stream.stop();
  ASSERT_FALSE(stream.failed()) << "a message was refused";
  auto all = stream.acked();
  ASSERT_GE(before.size(), 50u);
  ASSERT_GT(all.size(), before.size());

  // Restoring over a database needs --force; a file that is not a backup is refused and changes nothing.
  server.stop();
  EXPECT_NE(server.runCli({"restore", "--data", server.dataDir(), "--from", backup}), 0);
  const auto junk = backup + ".junk";
  { std::ofstream(junk) << "not a database, just text that is long enough to have a header of some kind\n"; }
  EXPECT_NE(server.runCli({"restore", "--data", server.dataDir(), "--from", junk, "--force"}), 0);
  server.start();
  auto live = storedIds(server, conversation);
  live.erase(live.begin());  // the visitor's first message
  EXPECT_EQ(live, all) << "the live database lost nothing to the backup or refusals";
  server.stop();

  ASSERT_EQ(server.runCli({"restore", "--data", server.dataDir(), "--from", backup, "--force"}), 0);
  server.start();
  const auto restored = storedIds(server, conversation);
  for (auto id : before) EXPECT_TRUE(restored.count(id)) << "message " << id << " was acked before the backup";
  EXPECT_LT(restored.size(), all.size()) << "the backup is a snapshot: what came after it is not in it";
  // The restored server takes new messages after the restored ones.
  WsClient visitor(server.port());
  visitor.hello(token);
  visitor.send(bj::object{{"type", "message.send"}, {"client_id", "after-restore"}, {"body", "after the restore"},
                          {"conversation_id", conversation}});
  auto ack = visitor.waitFor("message.ack");
  ASSERT_TRUE(ack);
  EXPECT_GT(ack->at("id").as_int64(), *restored.rbegin());
  std::filesystem::remove(backup);
  std::filesystem::remove(junk);
}
