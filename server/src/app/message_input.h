// A message as a client sends it (REST body or message.send frame), read into a draft: field
// types (json::FieldError naming the bad one) and attachments, which must be uploads of ours. The
// rules every message obeys whoever sends it are MessageSender's (app/message_sender.h).
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
  std::string content_json;  // "content" or "reply_to_option" (wire/message_content), checked
};

// uploads_dir: where uploads are stored. An attachment must name an existing upload there; its
// size and type are read from the file, its name (what the client called it) is sanitised.
MessageInput parseMessageInput(const boost::json::object& f, const std::string& uploads_dir);

}  // namespace parley
