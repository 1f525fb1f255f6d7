// Webhooks end to end (issue 15, item 5): the real `parley` binary delivering to a receiver on
// 127.0.0.1 (so the server runs with --allow-private-webhooks, except where the refusal of private
// targets is the test). The receiver checks every signature with OpenSSL's HMAC, independent of the
// server's code.
#include <gtest/gtest.h>
#include <netdb.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <unistd.h>

#include <cstdlib>
#include <set>
#include <thread>

#include "store/pg_test_database.h"
#include "test_server.h"
#include "webhook_receiver.h"

namespace bj = boost::json;
using namespace parley::test;
using parley::testing::WebhookReceiver;
using namespace std::chrono_literals;

namespace {

const std::string kHookSecret = "test-secret-0123456789";

std::string opensslHmacHex(const std::string& key, const std::string& data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
       data.size(), out, &len);
  static const char* hex = "0123456789abcdef";
  std::string s;
  for (unsigned int i = 0; i < len; ++i) {
    s += hex[out[i] >> 4];
    s += hex[out[i] & 15];
  }
  return s;
}

// "t=T,v1=HEX" checked against the body: what a receiver does (docs/webhooks.md).
bool signatureValid(const WebhookReceiver::Request& r, const std::string& secret) {
  auto it = r.headers.find("parley-signature");
  if (it == r.headers.end()) return false;
  const std::string& h = it->second;
  const auto comma = h.find(",v1=");
  if (h.rfind("t=", 0) != 0 || comma == std::string::npos) return false;
  const std::string t = h.substr(2, comma - 2);
  const std::string v1 = h.substr(comma + 4);
  const long long age = static_cast<long long>(std::time(nullptr)) - std::stoll(t);
  return age >= -5 && age < 300 && v1 == opensslHmacHex(secret, t + "." + r.body);
}

bj::object hookBodyOf(const WebhookReceiver::Request& r) { return bj::parse(r.body).as_object(); }
std::string hookTypeOf(const WebhookReceiver::Request& r) { return std::string(hookBodyOf(r).at("type").as_string()); }
std::string hookIdOf(const WebhookReceiver::Request& r) { return std::string(hookBodyOf(r).at("id").as_string()); }

std::vector<std::string> hookServeArgs(std::vector<std::string> more = {}) {
  std::vector<std::string> args = {"--allow-private-webhooks", "--webhook-tick-ms", "50", "--webhook-retry-base-ms", "200"};
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

std::int64_t createHook(TestServer& server, const std::string& admin, const std::string& url,
                        const std::vector<std::string>& events) {
  bj::array ev;
  for (const auto& e : events) ev.push_back(bj::value(e));
  auto r = server.post("/api/v1/webhooks", bj::object{{"url", url}, {"events", ev}, {"secret", kHookSecret}}, admin);
  EXPECT_EQ(r.status, 201) << r.body;
  if (r.status != 201) return 0;
  return r.json().at("webhook").at("id").as_int64();
}

// A visitor's first message: conversation.created and message.created. Returns the conversation.
std::int64_t visitorWrites(TestServer& server, const std::string& body = "Hello") {
  auto [token, ws_id] = server.newVisitor();
  WsClient ws(server.port());
  ws.hello(token);
  ws.send(bj::object{{"type", "message.send"}, {"client_id", "v-1"}, {"body", body}});
  auto ack = ws.waitFor("message.ack");
  EXPECT_TRUE(ack);
  return ack ? ack->at("conversation_id").as_int64() : 0;
}

std::string errorFieldOf(const HttpResult& r) {
  auto v = r.json();
  return std::string(v.at("error").at("field").as_string());
}

}  // namespace

TEST(Webhooks, SignedDeliveriesAndARetryAfterA500) {
  WebhookReceiver receiver;
  TestServer server(hookServeArgs());
  const auto admin = server.login();
  const auto hook = createHook(server, admin, receiver.url(), {"conversation.created", "message.created"});
  receiver.answerNext(500);
  const auto conversation = visitorWrites(server);

  auto got = receiver.waitFor(3);
  ASSERT_EQ(got.size(), 3u);
  for (const auto& r : got) {
    EXPECT_TRUE(signatureValid(r, kHookSecret)) << r.body;
    EXPECT_TRUE(signatureValid(r, kHookSecret + "x") == false);
    EXPECT_EQ(r.path, "/hook");
    EXPECT_EQ(r.headers.at("content-type"), "application/json");
  }
  EXPECT_EQ(got[0].answered, 500);
  EXPECT_EQ(hookTypeOf(got[0]), "conversation.created");
  EXPECT_EQ(hookTypeOf(got[1]), "conversation.created") << "retried";
  EXPECT_EQ(hookIdOf(got[0]), hookIdOf(got[1])) << "a retry has the same id";
  EXPECT_EQ(hookTypeOf(got[2]), "message.created");
  EXPECT_NE(hookIdOf(got[1]), hookIdOf(got[2]));
  auto body = hookBodyOf(got[2]);
  EXPECT_TRUE(body.at("created_at").is_int64());
  EXPECT_TRUE(body.at("workspace_id").is_int64());
  EXPECT_EQ(body.at("data").at("message").at("body").as_string(), "Hello");
  EXPECT_EQ(body.at("data").at("conversation").at("id").as_int64(), conversation);
  EXPECT_EQ(got[2].headers.at("parley-event"), "message.created");
  EXPECT_EQ(got[2].headers.at("parley-delivery"), hookIdOf(got[2]));

  // The delivery log, newest first: the two successes and the 500.
  HttpResult log;
  for (int i = 0; i < 100; ++i) {
    log = server.get("/api/v1/webhooks/" + std::to_string(hook) + "/deliveries", admin);
    if (log.json().at("deliveries").as_array().size() >= 3) break;
    std::this_thread::sleep_for(20ms);
  }
  ASSERT_EQ(log.status, 200);
  auto deliveries = log.json().at("deliveries").as_array();
  ASSERT_EQ(deliveries.size(), 3u);
  EXPECT_EQ(deliveries[2].at("status").as_int64(), 500);
  EXPECT_FALSE(deliveries[2].at("ok").as_bool());
  EXPECT_EQ(deliveries[2].at("attempt").as_int64(), 1);
  EXPECT_EQ(deliveries[2].at("response_excerpt").as_string(), "{\"error\":\"try later\"}");
  EXPECT_EQ(deliveries[1].at("attempt").as_int64(), 2);
  EXPECT_TRUE(deliveries[1].at("ok").as_bool());
  EXPECT_EQ(deliveries[0].at("event_type").as_string(), "message.created");
  auto w = server.get("/api/v1/webhooks/" + std::to_string(hook), admin).json().at("webhook");
  EXPECT_EQ(w.at("failures").as_int64(), 0);
  EXPECT_TRUE(w.at("paused_at").is_null());
  EXPECT_FALSE(w.as_object().contains("secret")) << "shown on create only";
}

TEST(Webhooks, ABurstArrivesOnceEachInOrder) {
  WebhookReceiver receiver;
  TestServer server(hookServeArgs());
  const auto admin = server.login();
  createHook(server, admin, receiver.url(), {"message.created"});
  const auto conversation = visitorWrites(server, "first");
  constexpr int kBurst = 40;
  for (int i = 0; i < kBurst; ++i) {
    auto r = server.post("/api/v1/conversations/" + std::to_string(conversation) + "/messages",
                         bj::object{{"body", "reply " + std::to_string(i)}, {"client_id", "a-" + std::to_string(i)}}, admin);
    ASSERT_EQ(r.status, 201) << r.body;
  }
  auto got = receiver.waitFor(kBurst + 1, 20s);
  std::this_thread::sleep_for(300ms);  // nothing more may come
  got = receiver.requests();
  ASSERT_EQ(got.size(), static_cast<std::size_t>(kBurst + 1));
  std::set<std::string> ids;
  std::int64_t last_seq = 0;
  for (const auto& r : got) {
    EXPECT_TRUE(signatureValid(r, kHookSecret));
    EXPECT_TRUE(ids.insert(hookIdOf(r)).second) << "each event once: " << hookIdOf(r);
    const auto seq = hookBodyOf(r).at("data").at("message").at("seq").as_int64();
    EXPECT_EQ(seq, last_seq + 1) << "in order";
    last_seq = seq;
  }
}

TEST(Webhooks, AKilledServerLosesNothingAndTheReceiverDedupsById) {
  WebhookReceiver receiver;
  TestServer server(hookServeArgs({"--webhook-lease-ms", "300"}));
  const auto admin = server.login();
  createHook(server, admin, receiver.url(), {"message.created"});
  const auto conversation = visitorWrites(server, "first");
  constexpr int kBurst = 60;
  for (int i = 0; i < kBurst; ++i)
    ASSERT_EQ(server.post("/api/v1/conversations/" + std::to_string(conversation) + "/messages",
                          bj::object{{"body", "m" + std::to_string(i)}, {"client_id", "k-" + std::to_string(i)}}, admin)
                  .status,
              201);
  receiver.waitFor(10, 10s);
  server.crash();  // mid-stream: some delivered, some not
  const auto before = receiver.requests().size();
  server.start();
  std::set<std::string> ids;
  for (int i = 0; i < 400 && ids.size() < kBurst + 1; ++i) {
    ids.clear();
    for (const auto& r : receiver.requests()) ids.insert(hookIdOf(r));
    std::this_thread::sleep_for(50ms);
  }
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kBurst + 1)) << before << " had come before the kill";
  // After deduplication by id, the first arrivals are in order.
  std::set<std::string> seen;
  std::int64_t last_seq = 0;
  for (const auto& r : receiver.requests()) {
    if (!seen.insert(hookIdOf(r)).second) continue;
    const auto seq = hookBodyOf(r).at("data").at("message").at("seq").as_int64();
    EXPECT_EQ(seq, last_seq + 1);
    last_seq = seq;
  }
}

TEST(Webhooks, ResolvedCsatAndNewContactsAreDerivedFromTheLog) {
  WebhookReceiver receiver;
  TestServer server(hookServeArgs());
  const auto admin = server.login();
  createHook(server, admin, receiver.url(), {"contact.created", "conversation.resolved", "csat.submitted"});
  auto [token, ws_id] = server.newVisitor();
  WsClient ws(server.port());
  ws.hello(token);
  ws.send(bj::object{{"type", "message.send"}, {"client_id", "v-1"}, {"body", "hi"}});
  auto ack = ws.waitFor("message.ack");
  ASSERT_TRUE(ack);
  const auto conversation = ack->at("conversation_id").as_int64();
  const auto path = "/api/v1/conversations/" + std::to_string(conversation);
  ASSERT_EQ(server.patch(path, bj::object{{"tags", bj::array{"vip"}}}, admin).status, 200);
  std::this_thread::sleep_for(5ms);  // the log's times are in ms: one change per ms tells them apart
  ASSERT_EQ(server.patch(path, bj::object{{"status", "resolved"}}, admin).status, 200);
  std::this_thread::sleep_for(5ms);
  auto csat = server.post("/api/v1/widget/conversations/" + std::to_string(conversation) + "/csat",
                          bj::object{{"score", 4}, {"comment", "quick"}}, token);
  ASSERT_EQ(csat.status, 204) << csat.body;
  auto got = receiver.waitFor(3);
  std::this_thread::sleep_for(300ms);
  got = receiver.requests();
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(hookTypeOf(got[0]), "contact.created");
  EXPECT_EQ(hookTypeOf(got[1]), "conversation.resolved");
  EXPECT_EQ(hookTypeOf(got[2]), "csat.submitted");
  EXPECT_EQ(hookBodyOf(got[2]).at("data").at("score").as_int64(), 4);
  EXPECT_EQ(hookBodyOf(got[2]).at("data").at("comment").as_string(), "quick");
  EXPECT_EQ(hookBodyOf(got[0]).at("data").at("contact").at("id").as_int64(),
            hookBodyOf(got[1]).at("data").at("conversation").at("contact_id").as_int64());
}

TEST(Webhooks, ContactChangesAreDeliveredAsContactUpdated) {
  WebhookReceiver receiver;
  TestServer server(hookServeArgs());
  const auto admin = server.login();
  createHook(server, admin, receiver.url(), {"contact.updated"});
  auto [token, ws_id] = server.newVisitor();
  // Before the first message nothing is reported (as contact.created): the contact has no conversation.
  ASSERT_EQ(server.patch("/api/v1/widget/visitor", bj::object{{"name", "Anonymous"}}, token).status, 200);
  WsClient ws(server.port());
  ws.hello(token);
  ws.send(bj::object{{"type", "message.send"}, {"client_id", "v-1"}, {"body", "hi"}});
  auto ack = ws.waitFor("message.ack");
  ASSERT_TRUE(ack);
  const auto conversation = ack->at("conversation_id").as_int64();
  // The visitor gives an email; then an agent renames the contact; a PATCH that changes nothing is not a change.
  ASSERT_EQ(server.patch("/api/v1/widget/visitor", bj::object{{"email", "jo@example.com"}}, token).status, 200);
  auto contactId = server.get("/api/v1/conversations/" + std::to_string(conversation), admin)
                       .json().at("conversation").at("contact_id").as_int64();
  const auto path = "/api/v1/contacts/" + std::to_string(contactId);
  ASSERT_EQ(server.patch(path, bj::object{{"name", "Jo Doe"}}, admin).status, 200);
  ASSERT_EQ(server.patch(path, bj::object{{"name", "Jo Doe"}}, admin).status, 200);
  auto got = receiver.waitFor(2);
  std::this_thread::sleep_for(300ms);
  got = receiver.requests();
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(hookTypeOf(got[0]), "contact.updated");
  EXPECT_EQ(hookBodyOf(got[0]).at("data").at("contact").at("id").as_int64(), contactId);
  EXPECT_EQ(hookBodyOf(got[0]).at("data").at("conversation").at("id").as_int64(), conversation);
  EXPECT_EQ(hookBodyOf(got[1]).at("data").at("contact").at("name").as_string(), "Jo Doe");
  EXPECT_EQ(hookBodyOf(got[1]).at("data").at("contact").at("email").as_string(), "jo@example.com");
  EXPECT_TRUE(signatureValid(got[1], kHookSecret));
  // Agents resuming from the start of the log do not get them as frames.
  WsClient agent(server.port());
  agent.hello(admin);
  agent.send(bj::object{{"type", "resume"}, {"after_offset", 0}});
  for (;;) {
    auto f = agent.waitFor([](const bj::object& o) { return str(o.at("type")) != "presence"; });
    ASSERT_TRUE(f);
    ASSERT_NE(str(f->at("type")), "contact.updated");
    if (str(f->at("type")) == "resume.done") break;
  }
}

TEST(Webhooks, PausedAfterTheRetryWindowAndResumedWhereItStopped) {
  WebhookReceiver receiver;
  TestServer server(hookServeArgs({"--webhook-retry-window-ms", "1200"}));
  const auto admin = server.login();
  const auto hook = createHook(server, admin, receiver.url(), {"message.created"});
  receiver.answerNext(503, 1000);
  visitorWrites(server, "will wait");
  bj::value w;
  for (int i = 0; i < 200; ++i) {
    w = server.get("/api/v1/webhooks/" + std::to_string(hook), admin).json().at("webhook");
    if (!w.at("paused_at").is_null()) break;
    std::this_thread::sleep_for(50ms);
  }
  ASSERT_FALSE(w.at("paused_at").is_null()) << bj::serialize(w);
  EXPECT_FALSE(w.at("active").as_bool());
  EXPECT_NE(std::string(w.at("pause_reason").as_string()).find("status 503"), std::string::npos);
  const auto failed = receiver.requests();
  ASSERT_GE(failed.size(), 2u) << "retried before pausing";
  std::this_thread::sleep_for(400ms);
  EXPECT_EQ(receiver.requests().size(), failed.size()) << "a paused webhook is not called";

  WebhookReceiver healthy;  // the endpoint is fixed
  auto patched = server.patch("/api/v1/webhooks/" + std::to_string(hook), bj::object{{"url", healthy.url()}, {"active", true}}, admin);
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_TRUE(patched.json().at("webhook").at("paused_at").is_null());
  auto got = healthy.waitFor(1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hookIdOf(got[0]), hookIdOf(failed[0])) << "the event it stopped at";
  EXPECT_TRUE(signatureValid(got[0], kHookSecret));
}

TEST(Webhooks, SendTestAndRedeliver) {
  WebhookReceiver receiver;
  TestServer server(hookServeArgs());
  const auto admin = server.login();
  const auto hook = createHook(server, admin, receiver.url(), {"message.created"});
  auto test = server.post("/api/v1/webhooks/" + std::to_string(hook) + "/test", bj::object{}, admin);
  ASSERT_EQ(test.status, 200) << test.body;
  auto d = test.json().at("delivery");
  EXPECT_TRUE(d.at("ok").as_bool());
  EXPECT_EQ(d.at("status").as_int64(), 200);
  EXPECT_EQ(d.at("kind").as_string(), "test");
  EXPECT_EQ(d.at("event_type").as_string(), "ping");
  auto got = receiver.waitFor(1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(hookTypeOf(got[0]), "ping");
  EXPECT_TRUE(signatureValid(got[0], kHookSecret));

  auto again = server.post("/api/v1/webhooks/" + std::to_string(hook) + "/deliveries/" +
                               std::to_string(d.at("id").as_int64()) + "/redeliver",
                           bj::object{}, admin);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json().at("delivery").at("kind").as_string(), "redeliver");
  got = receiver.waitFor(2);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[1].body, got[0].body) << "the same payload";
  EXPECT_TRUE(signatureValid(got[1], kHookSecret));
  EXPECT_EQ(server.post("/api/v1/webhooks/" + std::to_string(hook) + "/deliveries/999999/redeliver", bj::object{}, admin).status, 404);
  EXPECT_EQ(server.post("/api/v1/webhooks/999999/test", bj::object{}, admin).status, 404);
}

TEST(Webhooks, PrivateTargetsAreRefusedWithoutTheFlag) {
  WebhookReceiver receiver;
  TestServer server;  // no --allow-private-webhooks
  const auto admin = server.login();
  for (const std::string& url : {receiver.url(), std::string("http://localhost:8080/x"), std::string("http://api.localhost/x"),
                                std::string("http://10.0.0.8/x"), std::string("http://[::1]:9/x"), std::string("http://[::ffff:127.0.0.1]/x"),
                                std::string("http://169.254.169.254/latest"), std::string("http://100.64.1.1/"),
                                std::string("http://0.0.0.0:80/"), std::string("http://2130706433/"), std::string("http://[fd00::1]/"),
                                std::string("http://[fe80::1]/")}) {
    auto r = server.post("/api/v1/webhooks", bj::object{{"url", url}, {"events", bj::array{"message.created"}}}, admin);
    EXPECT_EQ(r.status, 400) << url << " " << r.body;
    if (r.status == 400) {
      EXPECT_EQ(errorFieldOf(r), "url") << url;
    }
  }
  // A name that resolves to loopback passes the syntax check and is refused at delivery time.
  std::string loopbackName;
  char host[256] = {0};
  ::gethostname(host, sizeof host - 1);
  for (const std::string& name : {std::string("vm"), std::string("runsc"), std::string(host)}) {
    addrinfo* res = nullptr;
    if (name.empty() || name == "localhost" || ::getaddrinfo(name.c_str(), nullptr, nullptr, &res) != 0) continue;
    bool loopback = false;
    for (auto* a = res; a; a = a->ai_next)
      if (a->ai_family == AF_INET &&
          (ntohl(reinterpret_cast<sockaddr_in*>(a->ai_addr)->sin_addr.s_addr) >> 24) == 127)
        loopback = true;
    ::freeaddrinfo(res);
    if (loopback) {
      loopbackName = name;
      break;
    }
  }
  if (!loopbackName.empty()) {
    const auto hook = createHook(server, admin, "http://" + loopbackName + ":" + std::to_string(receiver.port()) + "/hook",
                                 {"message.created"});
    auto test = server.post("/api/v1/webhooks/" + std::to_string(hook) + "/test", bj::object{}, admin);
    ASSERT_EQ(test.status, 200) << test.body;
    EXPECT_FALSE(test.json().at("delivery").at("ok").as_bool());
    EXPECT_NE(std::string(test.json().at("delivery").at("error").as_string()).find("refused"), std::string::npos)
        << test.body;
    std::this_thread::sleep_for(200ms);
    EXPECT_TRUE(receiver.requests().empty()) << "never connected";
  }
}

TEST(Webhooks, HostileInputIsRefusedNamingTheField) {
  TestServer server(hookServeArgs());
  const auto admin = server.login();
  auto post = [&](const bj::object& body) { return server.post("/api/v1/webhooks", body, admin); };
  const bj::array events{"message.created"};
  EXPECT_EQ(errorFieldOf(post(bj::object{{"events", events}})), "url");
  EXPECT_EQ(errorFieldOf(post(bj::object{{"url", "ftp://example.com/"}, {"events", events}})), "url");
  EXPECT_EQ(errorFieldOf(post(bj::object{{"url", "https://example.com/" + std::string(2000, 'a')}, {"events", events}})), "url");
  EXPECT_EQ(errorFieldOf(post(bj::object{{"url", "https://u:p@example.com/"}, {"events", events}})), "url");
  EXPECT_EQ(errorFieldOf(post(bj::object{{"url", 7}, {"events", events}})), "url");
  EXPECT_EQ(errorFieldOf(post(bj::object{{"url", "https://example.com/"}})), "events");
  EXPECT_EQ(errorFieldOf(post(bj::object{{"url", "https://example.com/"}, {"events", bj::array{}}})), "events");
  EXPECT_EQ(errorFieldOf(post(bj::object{{"url", "https://example.com/"}, {"events", bj::array{"message.deleted"}}})), "events");
  EXPECT_EQ(errorFieldOf(post(bj::object{{"url", "https://example.com/"}, {"events", bj::array{1}}})), "events");
  EXPECT_EQ(errorFieldOf(post(bj::object{{"url", "https://example.com/"}, {"events", events}, {"secret", "short"}})), "secret");
  EXPECT_EQ(errorFieldOf(post(bj::object{{"url", "https://example.com/"}, {"events", events}, {"secret", std::string(201, 'x')}})), "secret");

  auto created = post(bj::object{{"url", "https://example.com/hook"}, {"events", bj::array{"message.created", "csat.submitted"}}});
  ASSERT_EQ(created.status, 201) << created.body;
  auto w = created.json().at("webhook");
  const std::string secret(w.at("secret").as_string());
  EXPECT_EQ(secret.rfind("whsec_", 0), 0u);
  EXPECT_GE(secret.size(), 16u);
  const auto id = std::to_string(w.at("id").as_int64());
  auto list = server.get("/api/v1/webhooks", admin).json();
  ASSERT_EQ(list.at("webhooks").as_array().size(), 1u);
  EXPECT_FALSE(list.at("webhooks").at(0).as_object().contains("secret"));
  EXPECT_EQ(list.at("event_types").as_array().size(), 7u);
  EXPECT_EQ(errorFieldOf(server.patch("/api/v1/webhooks/" + id, bj::object{{"url", "gopher://x"}}, admin)), "url");
  EXPECT_EQ(errorFieldOf(server.patch("/api/v1/webhooks/" + id, bj::object{{"active", "yes"}}, admin)), "active");
  EXPECT_EQ(errorFieldOf(server.patch("/api/v1/webhooks/" + id, bj::object{{"secret", "0123456789abcdefg"}}, admin)), "secret");
  auto patched = server.patch("/api/v1/webhooks/" + id, bj::object{{"events", bj::array{"contact.updated"}}}, admin);
  ASSERT_EQ(patched.status, 200);
  EXPECT_EQ(patched.json().at("webhook").at("events").as_array().size(), 1u);
  EXPECT_EQ(server.get("/api/v1/webhooks/999999", admin).status, 404);
  EXPECT_EQ(server.get("/api/v1/webhooks", "").status, 401);
  EXPECT_EQ(httpRequest(server.port(), "DELETE", "/api/v1/webhooks/" + id, {}, admin).status, 204);
  EXPECT_EQ(httpRequest(server.port(), "DELETE", "/api/v1/webhooks/" + id, {}, admin).status, 404);
  for (int i = 0; i < 20; ++i)
    ASSERT_EQ(post(bj::object{{"url", "https://example.com/" + std::to_string(i)}, {"events", events}}).status, 201);
  auto full = post(bj::object{{"url", "https://example.com/21"}, {"events", events}});
  EXPECT_EQ(full.status, 409) << "20 per workspace";
}

TEST(Webhooks, AnAdminApiTokenManagesThemAndLesserScopesAreRefused) {
  TestServer server(hookServeArgs());
  const auto admin = server.login();
  auto tokenWith = [&](const std::string& scope) {
    auto r = server.post("/api/v1/api-tokens", bj::object{{"name", "hooks " + scope}, {"scope", scope}}, admin);
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(r.json().at("token").as_string());
  };
  const auto adminToken = tokenWith("admin");
  const auto writeToken = tokenWith("write");
  const auto readToken = tokenWith("read");
  const bj::object body{{"url", "https://example.com/hook"}, {"events", bj::array{"message.created"}}};
  EXPECT_EQ(server.post("/api/v1/webhooks", body, adminToken).status, 201);
  EXPECT_EQ(server.get("/api/v1/webhooks", adminToken).status, 200);
  EXPECT_EQ(server.post("/api/v1/webhooks", body, writeToken).status, 403);
  EXPECT_EQ(server.get("/api/v1/webhooks", writeToken).status, 403) << "the secrets' owner is an admin";
  EXPECT_EQ(server.get("/api/v1/webhooks", readToken).status, 403);
}

// Two nodes on one PostgreSQL database both run a deliverer: the lease gives the subscription to
// one at a time, so a burst written through both nodes reaches the receiver once per event, in order.
TEST(Webhooks, TwoNodesOnPostgresDeliverEachEventOnce) {
  PARLEY_NEED_TEST_POSTGRES();
  PgTestDatabase db(*testPostgresServer());
  WebhookReceiver receiver;
  setenv("PARLEY_STORE", db.url().c_str(), 1);  // node a's `agent add` makes the admin in PostgreSQL
  std::unique_ptr<TestServer> a;
  try {
    a = std::make_unique<TestServer>(hookServeArgs());
  } catch (...) {
    unsetenv("PARLEY_STORE");
    throw;
  }
  unsetenv("PARLEY_STORE");
  TestServer b(hookServeArgs({"--store", db.url()}));
  const auto adminA = a->login();
  const auto adminB = b.login();
  createHook(*a, adminA, receiver.url(), {"message.created"});
  const auto conversation = visitorWrites(*a, "first");
  constexpr int kBurst = 40;
  for (int i = 0; i < kBurst; ++i) {
    TestServer& node = i % 2 ? b : *a;
    auto r = node.post("/api/v1/conversations/" + std::to_string(conversation) + "/messages",
                       bj::object{{"body", "n" + std::to_string(i)}, {"client_id", "n-" + std::to_string(i)}},
                       i % 2 ? adminB : adminA);
    ASSERT_EQ(r.status, 201) << r.body;
  }
  receiver.waitFor(kBurst + 1, 20s);
  std::this_thread::sleep_for(500ms);  // a second node delivering too would show now
  const auto got = receiver.requests();
  ASSERT_EQ(got.size(), static_cast<std::size_t>(kBurst + 1));
  std::int64_t last_seq = 0;
  for (const auto& r : got) {
    EXPECT_TRUE(signatureValid(r, kHookSecret));
    const auto seq = hookBodyOf(r).at("data").at("message").at("seq").as_int64();
    EXPECT_EQ(seq, last_seq + 1);
    last_seq = seq;
  }
}
