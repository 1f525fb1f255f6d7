// Visitor tokens name their workspace ("pv_<public id>.<random>") so a socket's hello needs
// nothing but the token; only the token's hash is stored.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/contact_store.h"
#include "store/workspace_store.h"

namespace parley {

std::string makeVisitorToken(const std::string& workspace_public_id);
std::optional<std::pair<Workspace, Contact>> authenticateVisitor(WorkspaceStore& workspaces, ContactStore& contacts,
                                                                    std::string_view token);
std::vector<std::string> allowedOrigins(const Workspace& ws);
// True when an Origin header ("http://host:port") names the Host the request was sent to.
bool sameOrigin(std::string_view origin, std::string_view host);

// The site that embeds the chat. A page that calls the server itself is named by its Origin header;
// our own widget frame (same origin as the Host) reports the page it sits on (`reported`: the
// loader's ?origin=, sent as embed_origin). The frame's own frame-ancestors CSP is what stops a
// page from lying about it: the browser will not show the frame on a site the workspace did not
// allow. Empty when nothing names it (a non-browser client).
std::string embeddingOrigin(std::string_view origin_header, std::string_view host, std::string_view reported);

// May that site open the chat? An empty allowed list lets any site; otherwise an unknown site may
// not. The server's own pages (`host`: the demo shop, the help center) always may, as the frame's
// CSP says ('self').
bool embeddingAllowed(const Workspace& ws, std::string_view embedding_origin, std::string_view host);

}  // namespace parley
