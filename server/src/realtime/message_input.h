// Validation of a message as a client sends it (REST body or message.send frame), one place
// for both so the rules cannot drift apart. Throws json::FieldError naming the bad field.
#pragma once

#include <boost/json/fwd.hpp>
#include <optional>
#include <string>

#include "domain/model.h"

namespace parley {

struct MessageInput {
  std::optional<Id> conversation_id;
  std::string client_id;
  std::string body;
  bool is_private = false;
  std::string attachments_json = "[]";
};

// uploads_dir: where uploads are stored. An attachment must name an existing upload there; its
// size and type are read from the file, its name (what the client called it) is sanitised.
MessageInput parseMessageInput(const boost::json::object& f, const std::string& uploads_dir);

}  // namespace parley
