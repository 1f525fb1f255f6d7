// Small senders shared by the frame handlers.
#pragma once

#include <boost/json.hpp>

#include "app/app_error.h"
#include "bus/connection.h"
#include "wire/error_frame.h"

namespace parley {

inline void sendJson(const ConnectionPtr& c, const boost::json::object& o) {
  c->send(makeFrame(boost::json::serialize(o)));
}

inline void sendError(const ConnectionPtr& c, std::string_view code, std::string_view message,
                      std::string_view field = {}, std::string_view client_id = {}) {
  c->send(makeFrame(errorFrame(code, message, field, client_id)));
}

// The one mapping of a use-case error to an error frame: its code, message and field (the kind
// matters to HTTP only; a socket's client reads the code).
inline void sendAppError(const ConnectionPtr& c, const AppError& e, std::string_view client_id = {}) {
  sendError(c, e.code, e.kind == AppError::Kind::Internal ? std::string_view("the server could not handle this")
                                                         : std::string_view(e.what()),
            e.field, client_id);
}

}  // namespace parley
