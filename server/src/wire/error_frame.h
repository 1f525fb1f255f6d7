// The `error` frame of docs/protocol.md: what a socket's client reads when a frame is refused or
// its session ends. One encoder for every layer that closes or answers a socket.
#pragma once

#include <string>
#include <string_view>

namespace parley {

std::string errorFrame(std::string_view code, std::string_view message, std::string_view field = {},
                       std::string_view client_id = {});

}  // namespace parley
