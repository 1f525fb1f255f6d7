// Visitor tokens name their workspace ("pv_<public id>.<random>") so a socket's hello needs
// nothing but the token; only the token's hash is stored.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/store.h"

namespace parley {

std::string makeVisitorToken(const std::string& workspace_public_id);
std::optional<std::pair<Workspace, Contact>> authenticateVisitor(Store& store, std::string_view token);
std::vector<std::string> allowedOrigins(const Workspace& ws);
// True when an Origin header ("http://host:port") names the Host the request was sent to.
bool sameOrigin(std::string_view origin, std::string_view host);

}  // namespace parley
