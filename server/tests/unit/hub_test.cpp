// The hub's one rule beyond fan-out: an end frame (OutFrame::close_code) closes the sockets of its
// topic instead of being sent to them, so an end published on the bus reaches every node's sockets.
#include <gtest/gtest.h>

#include "bus/bus.h"
#include "bus/hub.h"
#include "fake_connection.h"

using namespace parley;
using parley::test::FakeConnection;

TEST(Hub, AnEndFrameClosesTheTopicsSocketsInsteadOfBeingSent) {
  Hub hub;
  LocalBus bus(hub);
  auto erased = std::make_shared<FakeConnection>();
  auto erased_tab = std::make_shared<FakeConnection>();
  auto other = std::make_shared<FakeConnection>();
  hub.subscribe(Hub::visitorTopic(7), erased);
  hub.subscribe(Hub::visitorTopic(7), erased_tab);
  hub.subscribe(Hub::visitorTopic(8), other);

  bus.publish(Hub::visitorTopic(7), makeFrame(R"({"type":"typing"})"));
  bus.publish(Hub::visitorTopic(7), makeEndFrame(4003, "erased"));
  EXPECT_EQ(erased->closeCode(), 4003);
  EXPECT_EQ(erased_tab->closeCode(), 4003);
  EXPECT_EQ(erased->take(2, std::chrono::milliseconds(0)).size(), 1u) << "the end frame itself is not sent";
  EXPECT_EQ(other->closeCode(), 0) << "another visitor's socket stays open";

  bus.publish(Hub::visitorTopic(8), makeFrame(R"({"type":"typing"})"));
  EXPECT_EQ(other->take(1, std::chrono::milliseconds(0)).size(), 1u);
  EXPECT_EQ(other->closeCode(), 0) << "an ordinary frame has no close code";
  hub.clear();
}
