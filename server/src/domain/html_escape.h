// Text into HTML and XML: the five characters that can end a text node or an attribute value
// (& < > " ') become entities. For the server-rendered help center (issue 14), where every value
// from a workspace or a visitor goes through this; article bodies are already safe HTML.
#pragma once

#include <string>
#include <string_view>

namespace parley {

std::string escapeHtml(std::string_view text);

// A query-string value: everything but unreserved characters percent-encoded (RFC 3986).
std::string urlEncode(std::string_view text);

}  // namespace parley
