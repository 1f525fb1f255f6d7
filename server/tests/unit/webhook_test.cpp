// Webhooks' pure rules (domain/webhook.h) and the address check they rely on
// (domain/ip_address.h isPublicIp): the signature against a vector computed independently with
// `openssl dgst -sha256 -hmac`, the retry schedule, the event mapping, the URL syntax and SSRF.
#include <gtest/gtest.h>

#include "domain/webhook.h"
#include "security/hmac.h"
#include "domain/ip_address.h"

namespace parley {
namespace {

TEST(WebhookSignature, MatchesOpensslsHmacOfTimeDotBody) {
  // printf '%s' '1700000000.{"id":"e:1","type":"ping"}' | openssl dgst -sha256 -hmac 'whsec_test_secret_0123'
  const std::string body = R"({"id":"e:1","type":"ping"})";
  const std::string signed_text = webhookSignedString(1700000000, body);
  EXPECT_EQ(signed_text, "1700000000." + body);
  const std::string hex = hmacSha256Hex("whsec_test_secret_0123", signed_text);
  EXPECT_EQ(hex, "420ec9a4ea74d29636ef2b52aadbf85996b58c777f1ddfa22eb38d702bd3016a");
  EXPECT_EQ(webhookSignatureHeader(1700000000, hex),
            "t=1700000000,v1=420ec9a4ea74d29636ef2b52aadbf85996b58c777f1ddfa22eb38d702bd3016a");
}

TEST(WebhookRetry, DoublesFromTenSecondsToAnHourWithJitter) {
  EXPECT_EQ(webhookRetryDelay(1, 0.5), 10'000);
  EXPECT_EQ(webhookRetryDelay(2, 0.5), 20'000);
  EXPECT_EQ(webhookRetryDelay(3, 0.5), 40'000);
  EXPECT_EQ(webhookRetryDelay(9, 0.5), 2'560'000);
  EXPECT_EQ(webhookRetryDelay(10, 0.5), 3'600'000) << "capped at an hour";
  EXPECT_EQ(webhookRetryDelay(500, 0.5), 3'600'000);
  EXPECT_EQ(webhookRetryDelay(1, 0.0), 8'000);
  EXPECT_EQ(webhookRetryDelay(1, 1.0), 12'000);
  EXPECT_EQ(webhookRetryDelay(0, 0.5), 10'000);
  // 24 hours of retries: a few dozen attempts, not thousands.
  Millis waited = 0;
  int attempts = 0;
  while (waited < kWebhookRetryWindowMs) waited += webhookRetryDelay(++attempts, 0.5);
  EXPECT_LT(attempts, 40);
}

TEST(WebhookEvents, TheLogsEventsMapToWebhookTypes) {
  Conversation c;
  c.id = 7;
  c.status = ConversationStatus::Open;
  Event e{1, 1, "message.created", 7, 11, 5000};
  EXPECT_EQ(webhookTypesForEvent(e, c, {}), (std::vector<std::string>{"message.created"}));
  e.type = "conversation.created";
  EXPECT_EQ(webhookTypesForEvent(e, c, {}), (std::vector<std::string>{"conversation.created"}));
  EXPECT_EQ(webhookTypesForEvent(e, c, {.first_conversation_of_contact = true}),
            (std::vector<std::string>{"conversation.created", "contact.created"}));
  e.type = "contact.updated";
  EXPECT_EQ(webhookTypesForEvent(e, c, {.first_conversation_of_contact = true}),
            (std::vector<std::string>{"contact.updated"}));
  e.type = "conversation.updated";
  EXPECT_EQ(webhookTypesForEvent(e, c, {}), (std::vector<std::string>{"conversation.updated"}));
  c.status = ConversationStatus::Resolved;
  c.resolved_at = 5000;
  EXPECT_EQ(webhookTypesForEvent(e, c, {}), (std::vector<std::string>{"conversation.updated", "conversation.resolved"}));
  c.resolved_at = 4000;  // resolved by an earlier event: this one changed something else
  EXPECT_EQ(webhookTypesForEvent(e, c, {}), (std::vector<std::string>{"conversation.updated"}));
  c.csat_score = 5;
  EXPECT_EQ(webhookTypesForEvent(e, c, {.csat_new = true}),
            (std::vector<std::string>{"conversation.updated", "csat.submitted"}));
  EXPECT_EQ(webhookTypesForEvent(e, c, {.csat_new = false}), (std::vector<std::string>{"conversation.updated"}));
  c.resolved_at = 5000;  // rated, but this event is the resolve itself
  EXPECT_EQ(webhookTypesForEvent(e, c, {.csat_new = true}),
            (std::vector<std::string>{"conversation.updated", "conversation.resolved"}));
  c.resolved_at = 6000;  // an event before the resolve, delivered late
  EXPECT_EQ(webhookTypesForEvent(e, c, {.csat_new = true}), (std::vector<std::string>{"conversation.updated"}));
  e.type = "something.else";
  EXPECT_TRUE(webhookTypesForEvent(e, c, {}).empty());
}

TEST(WebhookEvents, IdsAreUniquePerEventAndType) {
  EXPECT_EQ(webhookEventId("ep", 42, "message.created", "message.created"), "ep:42");
  EXPECT_EQ(webhookEventId("ep", 42, "conversation.updated", "conversation.resolved"), "ep:42:conversation.resolved");
}

TEST(WebhookEvents, TheListIsCheckedSortedAndDeduplicated) {
  auto ok = checkWebhookEvents({"message.created", "conversation.created", "message.created"});
  EXPECT_TRUE(ok.error.empty());
  EXPECT_EQ(ok.events, (std::vector<std::string>{"conversation.created", "message.created"}));
  EXPECT_FALSE(checkWebhookEvents({}).error.empty());
  EXPECT_FALSE(checkWebhookEvents({"message.deleted"}).error.empty());
  EXPECT_FALSE(checkWebhookEvents({"MESSAGE.CREATED"}).error.empty());
  EXPECT_EQ(webhookEventTypes().size(), 7u);
}

TEST(WebhookUrl, SyntaxHostAndPort) {
  auto u = parseWebhookUrl("https://Hooks.Example.com/parley?x=1");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->scheme, "https");
  EXPECT_EQ(u->host, "hooks.example.com");
  EXPECT_EQ(u->port, 443);
  u = parseWebhookUrl("http://[::1]:8080/x");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->host, "::1");
  EXPECT_EQ(u->port, 8080);
  u = parseWebhookUrl("HTTP://example.com.");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->host, "example.com");
  EXPECT_EQ(u->port, 80);
  std::string error;
  for (const char* bad : {"", "ftp://example.com/", "example.com", "https://", "https:///x", "https://user:pw@example.com/",
                          "https://example.com:0/", "https://example.com:70000/", "https://example.com:12a/",
                          "https://exa mple.com/", "https://example.com/\n", "https://[::1/", "https://a\\b/"}) {
    EXPECT_FALSE(parseWebhookUrl(bad, &error)) << bad;
    EXPECT_FALSE(error.empty()) << bad;
  }
  EXPECT_TRUE(parseWebhookUrl("https://example.com/" + std::string(kMaxWebhookUrlBytes - 20, 'a')));
  EXPECT_FALSE(parseWebhookUrl("https://example.com/" + std::string(kMaxWebhookUrlBytes, 'a')));
  EXPECT_TRUE(isLocalHostName("localhost"));
  EXPECT_TRUE(isLocalHostName("api.localhost"));
  EXPECT_FALSE(isLocalHostName("localhost.example.com"));
}

TEST(WebhookSsrf, PrivateAndSpecialAddressesAreNotPublic) {
  for (const char* text : {"127.0.0.1", "127.255.0.9", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                           "169.254.169.254", "0.0.0.0", "0.1.2.3", "100.64.0.1", "100.127.255.255", "224.0.0.1",
                           "255.255.255.255", "::", "::1", "fc00::1", "fd12:3456::1", "fe80::1", "ff02::1",
                           "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254"}) {
    auto ip = parseIp(text);
    ASSERT_TRUE(ip) << text;
    EXPECT_FALSE(isPublicIp(*ip)) << text;
  }
  for (const char* text : {"93.184.216.34", "8.8.8.8", "100.128.0.1", "172.32.0.1", "2606:4700::1111", "::ffff:8.8.8.8"}) {
    auto ip = parseIp(text);
    ASSERT_TRUE(ip) << text;
    EXPECT_TRUE(isPublicIp(*ip)) << text;
  }
}

TEST(WebhookExcerpt, CutsAtACharacterBoundary) {
  EXPECT_EQ(webhookExcerpt("short"), "short");
  const std::string s = std::string(1023, 'a') + "\xc3\xa9" + "tail";
  EXPECT_EQ(webhookExcerpt(s), std::string(1023, 'a'));
  EXPECT_EQ(webhookExcerpt(std::string(3000, 'x')).size(), kWebhookResponseExcerptBytes);
}

}  // namespace
}  // namespace parley

namespace parley {
namespace {

TEST(WebhookEvents, StoredAsACommaSeparatedList) {
  const std::vector<std::string> events = {"conversation.created", "message.created"};
  EXPECT_EQ(joinWebhookEvents(events), "conversation.created,message.created");
  EXPECT_EQ(splitWebhookEvents("conversation.created,message.created"), events);
  EXPECT_TRUE(splitWebhookEvents("").empty());
  EXPECT_EQ(splitWebhookEvents("a,,b,"), (std::vector<std::string>{"a", "b"}));
}

}  // namespace
}  // namespace parley
