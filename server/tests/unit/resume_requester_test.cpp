// ResumeRequester (bus/resume_requester.h): after a bus gap every signed-in socket of this node,
// agent or visitor, is asked to resume exactly once; sockets without hello are not; notices that
// come while a request waits are folded into it.
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "bus/hub.h"
#include "bus/resume_requester.h"
#include "fake_connection.h"

using namespace parley;
using parley::test::FakeConnection;

namespace {

int resumeNeededCount(FakeConnection& c) {
  int n = 0;
  for (const auto& f : c.take(0, std::chrono::milliseconds(0)))
    if (f->text.find(R"("type":"resume.needed")") != std::string::npos) ++n;
  return n;
}

struct Nodes {
  Hub hub;
  std::vector<std::function<void()>> posted;
  ResumeRequester requester{hub, [this](std::function<void()> f) { posted.push_back(std::move(f)); }};
  void runPosted() {
    auto work = std::move(posted);
    posted.clear();
    for (auto& f : work) f();
  }
};

}  // namespace

TEST(ResumeRequester, AsksEveryAgentAndVisitorSocketOnce) {
  Nodes n;
  auto agentA = std::make_shared<FakeConnection>(), agentB = std::make_shared<FakeConnection>();
  auto visitor = std::make_shared<FakeConnection>(), otherWorkspaceAgent = std::make_shared<FakeConnection>();
  auto noHello = std::make_shared<FakeConnection>();
  n.hub.subscribe(Hub::agentsTopic(1), agentA);
  n.hub.subscribe(Hub::agentsTopic(1), agentB);
  n.hub.subscribe(Hub::agentsTopic(2), otherWorkspaceAgent);
  n.hub.subscribe(Hub::visitorTopic(7), visitor);
  // Visitors are also on their workspace's presence topic: that must not ask them twice.
  n.hub.subscribe(Hub::visitorsTopic(1), visitor);

  n.requester.request();
  EXPECT_EQ(resumeNeededCount(*agentA), 0) << "nothing goes out on the bus's thread";
  ASSERT_EQ(n.posted.size(), 1u);
  n.runPosted();
  for (auto* c : {agentA.get(), agentB.get(), otherWorkspaceAgent.get(), visitor.get()})
    EXPECT_EQ(resumeNeededCount(*c), 1);
  EXPECT_EQ(resumeNeededCount(*noHello), 0);
  EXPECT_EQ(n.requester.requests(), 1u);
}

TEST(ResumeRequester, FoldsNoticesThatComeWhileOneWaits) {
  Nodes n;
  auto agent = std::make_shared<FakeConnection>();
  n.hub.subscribe(Hub::agentsTopic(1), agent);
  for (int i = 0; i < 5; ++i) n.requester.request();
  EXPECT_EQ(n.posted.size(), 1u) << "a burst of notices is one request";
  n.runPosted();
  EXPECT_EQ(resumeNeededCount(*agent), 1);
  // Once it went out, the next notice asks again.
  n.requester.request();
  n.runPosted();
  EXPECT_EQ(resumeNeededCount(*agent), 1);
  EXPECT_EQ(n.requester.requests(), 2u);
}

TEST(ResumeRequester, ReturnsHowManyWereAsked) {
  Nodes n;
  EXPECT_EQ(n.requester.requestNow(), 0u) << "an empty node";
  auto agent = std::make_shared<FakeConnection>(), visitor = std::make_shared<FakeConnection>();
  n.hub.subscribe(Hub::agentsTopic(3), agent);
  n.hub.subscribe(Hub::visitorTopic(9), visitor);
  EXPECT_EQ(n.requester.requestNow(), 2u);
}
