#include "domain/user_agent.h"

#include <algorithm>

#include "domain/ascii.h"
#include <array>
#include <optional>

namespace parley {

namespace {


bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isAlnum(char c) { return isDigit(c) || (c >= 'a' && c <= 'z'); }

// Version text right after `marker` ("Chrome/" -> "120.0.6099.109"), made of digits and '.'/'_'.
std::optional<std::string_view> versionAfter(std::string_view ua, std::string_view marker) {
  auto pos = ua.find(marker);
  if (pos == std::string_view::npos) return std::nullopt;
  auto start = pos + marker.size();
  auto end = start;
  while (end < ua.size() && (isDigit(ua[end]) || ua[end] == '.' || ua[end] == '_')) ++end;
  if (end == start || !isDigit(ua[start])) return std::nullopt;
  return ua.substr(start, end - start);
}

std::string major(std::string_view version) {
  auto end = version.find_first_not_of("0123456789");
  return std::string(version.substr(0, end));
}

// "17_2_1" -> "17.2", "10.15.7" -> "10.15", "14" -> "14".
std::string majorMinor(std::string_view version) {
  std::string out;
  int parts = 0;
  std::size_t i = 0;
  while (i < version.size() && parts < 2) {
    std::size_t j = i;
    while (j < version.size() && isDigit(version[j])) ++j;
    if (j == i) break;
    if (parts > 0) out += '.';
    out.append(version.substr(i, j - i));
    ++parts;
    if (j >= version.size() || (version[j] != '.' && version[j] != '_')) break;
    i = j + 1;
  }
  return out;
}

std::string named(std::string_view name, std::optional<std::string_view> version) {
  std::string out(name);
  if (version) out += " " + major(*version);
  return out;
}

// Words that end in "bot" but are not crawlers (CUBOT is a phone brand that appears in Android UAs).
constexpr std::array<std::string_view, 2> kNotBots = {"cubot", "abbot"};

constexpr std::array<std::string_view, 15> kBotMarkers = {
    "crawl",     "spider",     "slurp",       "facebookexternalhit", "facebookcatalog", "mediapartners-google",
    "ia_archiver", "lighthouse", "pingdom",   "uptimerobot",         "whatsapp/",       "embedly",
    "bingpreview", "google-inspectiontool",   "feedfetcher"};

bool detectBot(const std::string& ua) {
  for (auto marker : kBotMarkers)
    if (ua.find(marker) != std::string::npos) return true;
  // Any word ending in "bot": googlebot, bingbot, adsbot, gptbot, yandexbot, twitterbot, "bot" itself...
  std::size_t i = 0;
  while (i < ua.size()) {
    while (i < ua.size() && !isAlnum(ua[i])) ++i;
    std::size_t j = i;
    while (j < ua.size() && isAlnum(ua[j])) ++j;
    std::string_view word(ua.data() + i, j - i);
    if (word.ends_with("bot") &&
        std::find(kNotBots.begin(), kNotBots.end(), word) == kNotBots.end())
      return true;
    i = j;
  }
  return false;
}

std::string detectBrowser(std::string_view ua) {
  // Order matters: Edge, Opera and Samsung Internet also say "Chrome/", Chrome also says "Safari/".
  if (auto v = versionAfter(ua, "HeadlessChrome/")) return named("Chrome Headless", v);
  for (auto marker : {"Edg/", "Edge/", "EdgA/", "EdgiOS/"})
    if (auto v = versionAfter(ua, marker)) return named("Edge", v);
  for (auto marker : {"OPR/", "OPiOS/", "OPT/"})
    if (auto v = versionAfter(ua, marker)) return named("Opera", v);
  if (ua.starts_with("Opera/")) {  // Presto-era Opera puts its real version in "Version/"
    auto v = versionAfter(ua, "Version/");
    return named("Opera", v ? v : versionAfter(ua, "Opera/"));
  }
  if (auto v = versionAfter(ua, "SamsungBrowser/")) return named("Samsung Internet", v);
  for (auto marker : {"Firefox/", "FxiOS/"})
    if (auto v = versionAfter(ua, marker)) return named("Firefox", v);
  for (auto marker : {"CriOS/", "Chrome/"})
    if (auto v = versionAfter(ua, marker)) return named("Chrome", v);
  if (auto v = versionAfter(ua, "MSIE ")) return named("IE", v);
  if (ua.find("Trident/") != std::string_view::npos) return named("IE", versionAfter(ua, "rv:"));
  if (ua.find("Safari/") != std::string_view::npos || ua.find("AppleWebKit/") != std::string_view::npos) {
    if (auto v = versionAfter(ua, "Version/")) return named("Safari", v);
    // In-app web views on iOS carry no Version/ and are Safari's engine; desktop WebKit without either is unknown.
    if (ua.find("Safari/") != std::string_view::npos || ua.find("Mobile/") != std::string_view::npos)
      return "Safari";
  }
  return "";
}

std::string windowsName(std::string_view nt) {
  if (nt.starts_with("10.")) return "Windows 10";  // Windows 11 also sends NT 10.0; only client hints tell them apart
  if (nt == "6.3") return "Windows 8.1";
  if (nt == "6.2") return "Windows 8";
  if (nt == "6.1") return "Windows 7";
  if (nt == "6.0") return "Windows Vista";
  if (nt == "5.1" || nt == "5.2") return "Windows XP";
  return "Windows";
}

std::string withVersion(std::string_view name, std::optional<std::string_view> version) {
  std::string out(name);
  if (version) {
    auto v = majorMinor(*version);
    if (!v.empty()) out += " " + v;
  }
  return out;
}

std::string detectOs(std::string_view ua) {
  // iOS and Android first: their UAs also say "Mac OS X" and "Linux".
  if (ua.find("iPad") != std::string_view::npos) return withVersion("iPadOS", versionAfter(ua, "CPU OS "));
  if (ua.find("iPhone") != std::string_view::npos || ua.find("iPod") != std::string_view::npos)
    return withVersion("iOS", versionAfter(ua, "iPhone OS "));
  if (ua.find("Android") != std::string_view::npos) return withVersion("Android", versionAfter(ua, "Android "));
  if (ua.find("CrOS") != std::string_view::npos) return "ChromeOS";
  if (auto nt = versionAfter(ua, "Windows NT ")) return windowsName(*nt);
  if (ua.find("Windows") != std::string_view::npos) return "Windows";
  if (ua.find("Mac OS X") != std::string_view::npos || ua.find("Macintosh") != std::string_view::npos)
    return withVersion("macOS", versionAfter(ua, "Mac OS X "));
  if (ua.find("Linux") != std::string_view::npos || ua.find("X11") != std::string_view::npos) return "Linux";
  return "";
}

}  // namespace

ClientInfo parseUserAgent(std::string_view ua) {
  ClientInfo info;
  if (ua.empty()) return info;
  std::string low = asciiLower(ua);
  info.is_bot = detectBot(low);
  info.browser = detectBrowser(ua);
  info.os = detectOs(ua);
  return info;
}

}  // namespace parley
