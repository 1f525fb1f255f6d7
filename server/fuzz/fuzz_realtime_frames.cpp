// The realtime protocol (docs/protocol.md) from text frames to the store and back: every frame of
// the input goes to RealtimeProtocol::onFrame on a fake Connection, as WebSocketSession delivers
// whole text messages, over the seeded server of fuzz_env.h.
//
// Input: byte 0 picks who the socket already said hello as (bits 0-1: nobody, the admin, an
// agent, the visitor) and its Origin (bits 2-3); the rest is frames, one per line.
//
// Two observers stay on the hub across inputs: an admin of the other workspace and the seeded
// visitor (in another tab when the socket is the visitor too). Checked for every frame any
// socket receives: a JSON object with a type, never an "internal" error (the server's own
// failure), never a conversation of another workspace, and for visitors never a private note
// or another visitor's conversation.
#include <boost/json.hpp>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "security/websocket_limits.h"
#include "domain/text_limits.h"
#include "fuzz_env.h"

using namespace parley;
using parley::fuzz::fail;
using parley::fuzz::Seed;
namespace bj = boost::json;

namespace {

constexpr int kMaxFrames = 32;

class FakeConnection final : public Connection {
 public:
  FakeConnection(Store& store, std::string origin)
      : store_(store), origin_(std::move(origin)), owner_(std::this_thread::get_id()) {}

  // Live frames may come from other threads (the visitor presence batcher); like the session,
  // they wait in an inbox until the socket's own thread (here: the fuzzer's) takes them.
  void send(Frame f) override {
    if (std::this_thread::get_id() != owner_) {
      std::lock_guard lock(inbox_mu_);
      inbox_.push_back(std::move(f));
      return;
    }
    flushInbox();
    if (replay.admitLive(*f)) check(*f);
  }
  void sendReplayed(Frame f) override {
    if (std::this_thread::get_id() != owner_) fail("sendReplayed off the socket's thread");
    check(*f);
  }
  void close() override { closed_ = true; }
  void end(std::uint16_t, std::string) override { closed_ = true; }
  const std::string& peerIp() const override { return peer_; }
  const std::string& origin() const override { return origin_; }
  const std::string& userAgent() const override { return ua_; }
  const std::string& host() const override { return host_; }

  void flushInbox() {
    std::vector<Frame> frames;
    {
      std::lock_guard lock(inbox_mu_);
      frames.swap(inbox_);
    }
    for (const auto& f : frames)
      if (replay.admitLive(*f)) check(*f);
  }

  bool closed() const { return closed_; }
  bool welcomed() const { return welcomed_; }

 private:
  void checkConversation(const bj::value* id, const std::string& text) {
    if (!id) return;
    if (!id->is_int64()) fail("conversation id is not an integer", text);
    const auto owner = ownerOf(id->get_int64());
    if (!owner || owner->first != identity.workspace_id) fail("frame about a conversation of another workspace", text);
    if (identity.role == ClientRole::Visitor && owner->second != identity.contact_id)
      fail("visitor got another visitor's conversation", text);
  }

  // Workspace and contact of a conversation. Cached: a conversation never changes workspace, and
  // its contact changes only when identify merges visitors, which frames cannot do. A replay
  // repeats the same few conversations thousands of times.
  std::optional<std::pair<Id, Id>> ownerOf(Id conversation_id) {
    if (auto it = owners_.find(conversation_id); it != owners_.end()) return it->second;
    auto conv = store_.conversationById(identity.workspace_id, conversation_id);
    if (!conv) return std::nullopt;  // not in this workspace (or gone): not cached
    return owners_[conversation_id] = std::make_pair(conv->workspace_id, conv->contact_id);
  }

  void check(const OutFrame& f) {
    boost::system::error_code ec;
    bj::value v = bj::parse(f.text, ec);
    if (ec || !v.is_object()) fail("frame is not a JSON object", f.text);
    const auto& o = v.get_object();
    const auto* type = o.if_contains("type");
    if (!type || !type->is_string()) fail("frame without a type", f.text);
    if (*type == "welcome") welcomed_ = true;
    if (*type == "error") {
      const auto* code = o.if_contains("code");
      if (!code || !code->is_string()) fail("error frame without a code", f.text);
      if (*code == "internal") fail("internal error frame", f.text);
    }
    if (!authenticated) return;
    checkConversation(o.if_contains("conversation_id"), f.text);
    if (const auto* m = o.if_contains("message"); m && m->is_object()) {
      checkConversation(m->get_object().if_contains("conversation_id"), f.text);
      if (identity.role == ClientRole::Visitor) {
        const auto* priv = m->get_object().if_contains("private");
        if (priv && priv->is_bool() && priv->get_bool()) fail("visitor got a private note", f.text);
      }
    }
    if (const auto* c = o.if_contains("conversation"); c && c->is_object())
      checkConversation(c->get_object().if_contains("id"), f.text);
  }

  Store& store_;
  std::string origin_, peer_{Seed::kPeer}, ua_{"Mozilla/5.0 (X11; Linux x86_64) Firefox/121.0"}, host_{Seed::kHost};
  std::thread::id owner_;
  std::unordered_map<Id, std::pair<Id, Id>> owners_;  // used on the owner thread only
  std::mutex inbox_mu_;
  std::vector<Frame> inbox_;
  std::atomic<bool> closed_{false};  // end() may come from any thread
  bool welcomed_ = false;
};

// Visitors name the page that embeds the chat (the widget frame does; it must be an allowed origin).
std::string hello(std::string_view token) {
  return R"({"type":"hello","token":")" + std::string(token) + R"(","embed_origin":")" +
         std::string(Seed::kAllowedOrigin) + "\"}";
}

std::shared_ptr<FakeConnection> open(parley::fuzz::FuzzServer& app, std::string origin, std::string_view token) {
  auto c = std::make_shared<FakeConnection>(app.store(), std::move(origin));
  app.protocol().onOpen(c);
  if (!token.empty()) {
    app.protocol().onFrame(c, hello(token));
    if (!c->welcomed() || !c->authenticated) fail("seeded hello was refused", token);
  }
  return c;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  auto& app = parley::fuzz::FuzzServer::get();
  app.beginInput(/*seed_may_break=*/false);

  static const std::string_view kTokens[4] = {"", Seed::kAdminToken, Seed::kAgentToken, Seed::kVisitorToken};
  static const std::string kOrigins[4] = {"", "https://" + std::string(Seed::kHost), std::string(Seed::kAllowedOrigin),
                                          "https://evil.example"};
  const int role = data[0] & 3;
  const std::string& origin = kOrigins[(data[0] >> 2) & 3];

  // The observers are opened once per database (a hello costs more than most inputs).
  static std::vector<std::shared_ptr<FakeConnection>> observers;
  static unsigned long generation = 0;
  if (observers.empty() || generation != app.generation()) {
    const std::string ownOrigin = "https://" + std::string(Seed::kHost);  // the widget frame's socket
    observers = {open(app, ownOrigin, Seed::kOtherAdminToken), open(app, ownOrigin, Seed::kVisitorToken)};
    generation = app.generation();
  }
  // A foreign Origin is refused for visitors by design: then the socket starts without hello.
  const bool refused = role == 3 && origin == kOrigins[3];
  auto conn = open(app, origin, refused ? std::string_view{} : kTokens[role]);
  std::vector<std::shared_ptr<FakeConnection>> all = observers;
  all.push_back(conn);

  std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  for (int i = 0; i < kMaxFrames && !rest.empty() && !conn->closed(); ++i) {
    const auto nl = rest.find('\n');
    const auto frame = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    // The session closes with 1007 on text that is not UTF-8 and 1009 on a frame over the limit:
    // such frames never reach the protocol.
    if (!isValidUtf8(frame)) break;
    if (frame.size() > WebSocketLimits{}.max_message) break;
    app.protocol().onFrame(conn, frame);
    app.posted().runReady();
    for (auto& c : all) c->flushInbox();
  }
  app.settle();
  conn->flushInbox();
  app.protocol().onClose(conn);
  app.posted().runReady();
  for (auto& c : all) c->flushInbox();
  return 0;
}
