// Which sites may embed the widget: the WebSocket upgrade checks Origin, and the widget frame sends the same
// list as CSP frame-ancestors, so both are derived from one parser and cannot disagree.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parley {

// One allowed-origins entry or one Origin header, split up and normalised (lower case, default port dropped).
struct OriginPattern {
  std::string scheme;  // empty: any scheme
  std::string host;    // "shop.example.com", "*.example.com", "[::1]", or "*" for anything
  std::optional<int> port;  // empty: the default port of the scheme in use
};

// Parses an allowed-origins entry: "https://shop.example.com", "shop.example.com", "*.example.com",
// "http://localhost:8080", "*". A trailing "/" or path is ignored. nullopt for anything that is not a plain
// scheme/host/port (spaces, quotes, ";" ...), so nothing can be smuggled into a CSP header.
std::optional<OriginPattern> parseOriginPattern(std::string_view entry);

// Empty list: any origin. Otherwise the Origin header must match one entry. "*.example.com" matches
// subdomains only, not example.com itself, as in CSP. A missing/"null" origin matches only "*" or an empty list.
bool originAllowed(std::string_view origin, const std::vector<std::string>& allowed);

// CSP frame-ancestors value: "*" for an empty list, otherwise "'self'" and each valid entry as a CSP source.
// Invalid entries are left out rather than failing the page.
std::string frameAncestors(const std::vector<std::string>& allowed);

}  // namespace parley
