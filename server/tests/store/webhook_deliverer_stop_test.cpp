// WebhookDeliverer's manual deliveries ("Send test", "Redeliver") always answer their caller once:
// a request waiting for one must not hang when the deliverer stops before running it.
#include <optional>

#include "app/webhook_deliverer.h"
#include "store_fixture.h"

namespace parley::test {
namespace {

using WebhookDelivererStop = StoreTest;

TEST_F(WebhookDelivererStop, AManualDeliveryNotRunYetIsAnsweredWhenItStops) {
  Webhook w;
  w.id = 7;
  w.workspace_id = ws.id;
  w.url = "https://hooks.example.com/parley";
  std::optional<WebhookDelivery> test, again;
  {
    WebhookDeliverer deliverer(*store, *store, *store);  // never started: the jobs wait
    ASSERT_TRUE(deliverer.sendTest(w, [&](const WebhookDelivery& d) { test = d; }));
    WebhookDelivery original;
    original.event_id = "evt-1";
    original.event_type = "message.created";
    original.request_body = "{}";
    ASSERT_TRUE(deliverer.redeliver(w, original, [&](const WebhookDelivery& d) { again = d; }));
    EXPECT_FALSE(test) << "not run before stop";
    deliverer.stop();
    EXPECT_FALSE(deliverer.sendTest(w, [](const WebhookDelivery&) {})) << "refused once stopped";
  }
  ASSERT_TRUE(test);
  EXPECT_FALSE(test->ok);
  EXPECT_EQ(test->error, "the server is stopping");
  EXPECT_EQ(test->kind, "test");
  EXPECT_EQ(test->webhook_id, 7);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->event_id, "evt-1");
  EXPECT_EQ(again->kind, "redeliver");
  EXPECT_EQ(again->attempt, 2);
}

}  // namespace
}  // namespace parley::test
