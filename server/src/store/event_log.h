// The per-workspace event log that clients resume from: offsets only grow, and an event references
// rows instead of copying them (a replay shows the message as stored, the conversation as it is).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/model.h"

namespace parley {

// A replayed event with the rows it references, loaded in one go.
struct EventRecord {
  Event event;
  Conversation conversation;
  std::optional<Message> message;
};

class EventLog {
 public:
  virtual ~EventLog() = default;

  // Names this database; a client holding an offset from another epoch reloads.
  virtual std::string epoch() = 0;
  // Events with offset > after_offset, oldest first.
  virtual std::vector<EventRecord> eventsAfter(Id workspace_id, std::int64_t after_offset, int limit) = 0;
  virtual std::int64_t lastOffset(Id workspace_id) = 0;
};

}  // namespace parley
