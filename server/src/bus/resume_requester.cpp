#include "bus/resume_requester.h"

#include "bus/hub.h"

namespace parley {

void ResumeRequester::request() {
  if (waiting_.exchange(true)) return;  // one is already on its way: it will ask everyone
  post_([this] {
    // Cleared before asking: a notice that comes while the frames go out asks again.
    waiting_.store(false);
    requestNow();
  });
}

std::size_t ResumeRequester::requestNow() {
  static const Frame frame = makeFrame(R"({"type":"resume.needed","reason":"bus_gap"})");
  std::size_t asked = 0;
  for (const auto& sockets : {hub_.allAgentSockets(), hub_.allVisitorSockets()})
    for (const auto& c : sockets) {
      c->send(frame);
      ++asked;
    }
  requests_.fetch_add(1);
  return asked;
}

}  // namespace parley
