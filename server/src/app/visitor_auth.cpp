#include "app/visitor_auth.h"

#include <boost/json.hpp>

#include "domain/ascii.h"
#include "wire/json_codec.h"
#include "security/origin.h"
#include "security/token.h"

namespace parley {

std::string makeVisitorToken(const std::string& workspace_public_id) {
  return randomToken("pv_" + workspace_public_id + ".");
}

std::optional<std::pair<Workspace, Contact>> authenticateVisitor(WorkspaceStore& workspaces, ContactStore& contacts,
                                                                    std::string_view token) {
  if (token.rfind("pv_", 0) != 0) return std::nullopt;
  auto dot = token.find('.', 3);
  if (dot == std::string_view::npos) return std::nullopt;
  auto ws = workspaces.workspaceByPublicId(token.substr(3, dot - 3));
  if (!ws) return std::nullopt;
  auto contact = contacts.contactByVisitorToken(ws->id, sha256Hex(token));
  if (!contact) return std::nullopt;
  return std::make_pair(std::move(*ws), std::move(*contact));
}

std::vector<std::string> allowedOrigins(const Workspace& ws) {
  std::vector<std::string> out;
  auto v = json::parseOr(ws.allowed_origins_json, boost::json::array{});
  if (!v.is_array()) return out;
  for (const auto& e : v.get_array())
    if (e.is_string()) out.emplace_back(e.get_string());
  return out;
}

bool sameOrigin(std::string_view origin, std::string_view host) {
  auto scheme = origin.find("://");
  if (scheme == std::string_view::npos || host.empty()) return false;
  return asciiIEquals(origin.substr(scheme + 3), host);
}

std::string embeddingOrigin(std::string_view origin_header, std::string_view host, std::string_view reported) {
  if (!origin_header.empty() && origin_header != "null" && !sameOrigin(origin_header, host))
    return std::string(origin_header);
  return std::string(reported);
}

bool embeddingAllowed(const Workspace& ws, std::string_view embedding_origin, std::string_view host) {
  auto allowed = allowedOrigins(ws);
  if (allowed.empty() || sameOrigin(embedding_origin, host)) return true;
  return !embedding_origin.empty() && originAllowed(embedding_origin, allowed);
}

}  // namespace parley
