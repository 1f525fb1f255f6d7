#include "bus/bus.h"
#include "bus/hub.h"

namespace parley {

void LocalBus::publish(const std::string& topic, const Frame& frame) { hub_.deliver(topic, frame); }

}  // namespace parley
