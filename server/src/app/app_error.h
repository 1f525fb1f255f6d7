// The one error type of the use-case layer: what went wrong, said once, in terms of the action
// (not of a transport). The HTTP layer maps a kind to a status in one place (http/api_support.cpp,
// errorFor) and the WebSocket layer to an error frame in one place (realtime/frame_senders.h).
#pragma once

#include <stdexcept>
#include <string>

#include "domain/model.h"

namespace parley {

struct AppError : std::runtime_error {
  enum class Kind {
    BadInput,     // 400: the input is wrong; `field` names it
    NotFound,     // 404: no such thing in this workspace (or not the caller's)
    Forbidden,    // 403: the caller may not do this
    Conflict,     // 409: it contradicts what is stored
    RateLimited,  // 429: too often; retry_after_ms says when again
    Unavailable,  // 503: busy now; retry_after_ms says when again
    Internal,     // 500: our fault (the details are logged, never sent)
  };

  AppError(Kind kind, std::string code, std::string message, std::string field = {}, Millis retry_after_ms = 0)
      : std::runtime_error(std::move(message)),
        kind(kind),
        code(std::move(code)),
        field(std::move(field)),
        retry_after_ms(retry_after_ms) {}

  Kind kind;
  std::string code;   // machine-readable: "invalid", "not_found", "rate_limited", ...
  std::string field;  // the input it is about, if any
  Millis retry_after_ms = 0;
};

}  // namespace parley
