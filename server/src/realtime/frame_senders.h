// Small senders shared by the frame handlers.
#pragma once

#include <boost/json.hpp>

#include "realtime/connection.h"

namespace parley {

std::string errorFrame(std::string_view code, std::string_view message, std::string_view field = {},
                       std::string_view client_id = {});

inline void sendJson(const ConnectionPtr& c, const boost::json::object& o) {
  c->send(makeFrame(boost::json::serialize(o)));
}

inline void sendError(const ConnectionPtr& c, std::string_view code, std::string_view message,
                      std::string_view field = {}, std::string_view client_id = {}) {
  c->send(makeFrame(errorFrame(code, message, field, client_id)));
}

}  // namespace parley
