// Browser and OS for the contact panel ("Chrome 120 on Windows 10"), and bot detection so crawlers loading a page
// with the widget do not become contacts (DESIGN.md; Chatwoot PR #15875).
#pragma once

#include <string>
#include <string_view>

namespace parley {

struct ClientInfo {
  std::string browser;  // "Chrome 120", "Safari 17", "Chrome Headless 120"; empty when unknown
  std::string os;       // "Windows 10", "macOS 10.15", "iOS 17.2", "Android 14"; empty when unknown
  bool is_bot = false;
};

// Best effort from the User-Agent header. HeadlessChrome is a browser ("Chrome Headless N"), not a bot: our
// end-to-end tests drive headless Chromium and must be treated like visitors. An empty header is not a bot either
// (API clients and tests send none); only named crawlers, link-preview fetchers and *bot/crawler/spider words are.
ClientInfo parseUserAgent(std::string_view ua);

}  // namespace parley
