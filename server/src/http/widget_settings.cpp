#include "http/widget_settings.h"

#include <algorithm>
#include <array>
#include <initializer_list>

#include "domain/text_limits.h"
#include "http/api_support.h"
#include "wire/json_codec.h"
#include "security/upload_url.h"

namespace parley {

namespace bj = boost::json;

namespace {

// What the widget shows when nobody is online. It promises nothing the product does not do: there is no
// email yet, so the answer reaches the visitor in the widget (the conversation stays there for a returning
// visitor).
constexpr std::string_view kAwayMessage = "We are away right now. Leave a message and we will get back to you here.";
// The default before it was corrected: a stored copy of it (the dashboard saved the defaults with any other
// change) is read as the default, so old workspaces stop promising email too.
constexpr std::string_view kOldAwayMessage = "We are away right now. Leave a message and we will reply by email.";

// The widget's locales (web/widget/app/i18n/); "auto" follows the visitor's browser.
constexpr std::array<std::string_view, 15> kLocales = {"auto", "en", "de", "es", "fr", "it", "pt", "nl",
                                                       "pl",   "sv", "tr", "uk", "ja", "ar", "he"};
constexpr std::array<std::string_view, 5> kLauncherIcons = {"chat", "help", "message", "bubbles", "wave"};
constexpr std::array<std::string_view, 6> kBackgrounds = {"none", "dots", "grid", "diagonal", "waves", "image"};
constexpr std::array<std::string_view, 4> kPanelAnimations = {"slide", "zoom", "fade", "none"};
constexpr std::array<std::string_view, 3> kLauncherAnimations = {"pop", "bounce", "none"};

bj::object defaults() {
  return {{"color", "#4f46e5"},
          {"position", "right"},
          {"offset_x", 20},
          {"offset_y", 20},
          {"greeting", "Hi there"},
          {"team_intro", "We typically reply in a few minutes"},
          {"launcher_icon", "chat"},
          {"launcher_label", ""},
          {"launcher_image", ""},
          {"launcher_animation", "pop"},
          {"panel_animation", "slide"},
          {"background", "none"},
          {"background_image", ""},
          {"show_agent_avatars", true},
          {"dark_mode", false},
          {"locale", "auto"},
          {"away_message", kAwayMessage},
          {"prechat", bj::object{{"enabled", false}, {"fields", bj::array{}}}},
          {"business_hours", bj::object{{"enabled", false}, {"timezone", "UTC"}, {"days", bj::object{}}}},
          {"auto_assign", true},
          {"require_two_factor", false},  // Settings > Security (domain/two_factor_policy.h)
          {"help_center_domain", ""},
          // Settings > Email (issue 15): read by app/email_outbox.h's emailSettingsOf.
          {"email_sender_name", ""},         // "": the workspace's name
          {"email_reply_domain", ""},        // "": --mail-from's domain
          {"email_continuity", true},        // email replies the visitor has not seen
          {"email_continuity_minutes", 5}};  // ... after this long
}

std::string fieldOf(std::string_view key) { return "settings." + std::string(key); }

bool isHexColor(std::string_view s) {
  if (s.size() != 7 || s[0] != '#') return false;
  for (size_t i = 1; i < 7; ++i)
    if (!std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

template <std::size_t N>
std::string listOf(const std::array<std::string_view, N>& xs) {
  std::string out;
  for (std::size_t i = 0; i < N; ++i) {
    if (i) out += i + 1 == N ? " or " : ", ";
    out += xs[i];
  }
  return out;
}

template <std::size_t N>
void checkChoice(const bj::object& o, std::string_view key, const std::array<std::string_view, N>& allowed) {
  auto it = o.find(key);
  if (it == o.end()) return;
  const auto& v = it->value();
  if (!v.is_string() || std::find(allowed.begin(), allowed.end(), std::string_view(v.get_string())) == allowed.end())
    throw ApiError(400, "invalid", std::string(key) + " must be " + listOf(allowed), fieldOf(key));
}

void checkText(const bj::object& o, std::string_view key, size_t max) {
  auto it = o.find(key);
  if (it == o.end()) return;
  if (!it->value().is_string() || it->value().get_string().size() > max)
    throw ApiError(400, "invalid", std::string(key) + " must be text of at most " + std::to_string(max) + " bytes",
                   fieldOf(key));
}

// UTF-8 code points, or -1 when the text has control characters (a label is one line).
long codePointsOneLine(std::string_view s) {
  long n = 0;
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) return -1;
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

void checkImage(const bj::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end()) return;
  const auto& v = it->value();
  if (!v.is_string() || (!v.get_string().empty() && !isWidgetImageUrl(v.get_string())))
    throw ApiError(400, "invalid",
                   std::string(key) + " must be empty, an https:// image URL or an upload (/uploads/...png, jpg, gif "
                                      "or webp)",
                   fieldOf(key));
}

// Settings > Email. The sender name goes into a From header: one line, so it cannot add headers.
void checkEmailSettings(const bj::object& in) {
  if (auto it = in.find("email_sender_name"); it != in.end())
    if (!it->value().is_string() || it->value().get_string().size() > 80 ||
        codePointsOneLine(it->value().get_string()) < 0 || !isValidUtf8(it->value().get_string()))
      throw ApiError(400, "invalid", "email_sender_name must be one line of at most 80 bytes", "settings.email_sender_name");
  if (auto it = in.find("email_reply_domain"); it != in.end())
    if (!it->value().is_string() || !isHelpCenterDomain(it->value().get_string()))
      throw ApiError(400, "invalid", "email_reply_domain must be empty or a lowercase host name such as mail.example.com",
                     "settings.email_reply_domain");
  if (auto it = in.find("email_continuity"); it != in.end() && !it->value().is_bool())
    throw ApiError(400, "invalid", "email_continuity must be true or false", "settings.email_continuity");
  if (auto it = in.find("email_continuity_minutes"); it != in.end())
    if (!it->value().is_int64() || it->value().get_int64() < 0 || it->value().get_int64() > 1440)
      throw ApiError(400, "invalid", "email_continuity_minutes must be a whole number from 0 (at once) to 1440",
                     "settings.email_continuity_minutes");
}

}  // namespace

bool isWidgetImageUrl(std::string_view url) {
  if (auto type = uploadContentType(url)) return type->rfind("image/", 0) == 0;
  constexpr std::string_view kHttps = "https://";
  if (url.size() > 1000 || url.substr(0, kHttps.size()) != kHttps) return false;
  for (unsigned char c : url)
    if (c <= ' ' || c >= 0x7f || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\' || c == '(' ||
        c == ')' || c == '`' || c == '{' || c == '}' || c == '|' || c == '^')
      return false;
  auto rest = url.substr(kHttps.size());
  auto host = rest.substr(0, rest.find_first_of("/?#"));
  if (host.empty() || host.find('@') != std::string_view::npos) return false;
  return std::all_of(host.begin(), host.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
  });
}

bj::object widgetSettings(const Workspace& ws) {
  auto out = defaults();
  auto stored = json::parseOr(ws.settings_json, bj::object{});
  if (stored.is_object())
    for (const auto& [k, v] : stored.get_object()) out[k] = v;
  if (auto* away = out.if_contains("away_message"); away && away->is_string() && away->get_string() == kOldAwayMessage)
    *away = kAwayMessage;
  return out;
}

// Empty, or a lowercase host name: labels of a-z, 0-9 and inner hyphens, at least one dot, no port.
bool isHelpCenterDomain(std::string_view host) {
  if (host.empty()) return true;
  if (host.size() > 253 || host.find('.') == std::string_view::npos) return false;
  std::size_t label = 0;
  char prev = '.';
  for (char c : host) {
    if (c == '.') {
      if (label == 0 || prev == '-') return false;
      label = 0;
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && label > 0)) {
      if (++label > 63) return false;
    } else {
      return false;
    }
    prev = c;
  }
  return label > 0 && prev != '-';
}

bj::object validateSettings(const bj::object& in) {
  auto known = defaults();
  for (const auto& [k, v] : in)
    if (!known.contains(k)) throw ApiError(400, "invalid", "unknown setting " + std::string(k), fieldOf(k));
  if (auto it = in.find("color"); it != in.end())
    if (!it->value().is_string() || !isHexColor(it->value().get_string()))
      throw ApiError(400, "invalid", "color must look like #4f46e5", "settings.color");
  checkChoice(in, "position", std::array<std::string_view, 2>{"left", "right"});
  for (const char* k : {"offset_x", "offset_y"})
    if (auto it = in.find(k); it != in.end())
      if (!it->value().is_int64() || it->value().get_int64() < 0 || it->value().get_int64() > 200)
        throw ApiError(400, "invalid", std::string(k) + " must be 0 to 200", fieldOf(k));
  for (const char* k : {"show_agent_avatars", "dark_mode", "auto_assign", "require_two_factor"})
    if (auto it = in.find(k); it != in.end())
      if (!it->value().is_bool()) throw ApiError(400, "invalid", std::string(k) + " must be true or false", fieldOf(k));
  checkChoice(in, "locale", kLocales);
  checkChoice(in, "launcher_icon", kLauncherIcons);
  checkChoice(in, "background", kBackgrounds);
  checkChoice(in, "panel_animation", kPanelAnimations);
  checkChoice(in, "launcher_animation", kLauncherAnimations);
  if (auto it = in.find("help_center_domain"); it != in.end())
    if (!it->value().is_string() || !isHelpCenterDomain(it->value().get_string()))
      throw ApiError(400, "invalid", "help_center_domain must be empty or a host name such as help.example.com",
                     "settings.help_center_domain");
  checkEmailSettings(in);
  checkText(in, "greeting", 200);
  checkText(in, "team_intro", 300);
  checkText(in, "away_message", 500);
  if (auto it = in.find("launcher_label"); it != in.end()) {
    long n = it->value().is_string() ? codePointsOneLine(it->value().get_string()) : -1;
    if (n < 0 || n > 40)
      throw ApiError(400, "invalid", "launcher_label must be one line of at most 40 characters", "settings.launcher_label");
  }
  checkImage(in, "launcher_image");
  checkImage(in, "background_image");
  if (auto bg = in.find("background"); bg != in.end() && bg->value().is_string() && bg->value().get_string() == "image") {
    auto img = in.find("background_image");
    if (img != in.end() && img->value().is_string() && img->value().get_string().empty())
      throw ApiError(400, "invalid", "background image needs background_image", "settings.background_image");
  }
  for (const char* k : {"prechat", "business_hours"})
    if (auto it = in.find(k); it != in.end() && !it->value().is_object())
      throw ApiError(400, "invalid", std::string(k) + " must be an object", fieldOf(k));
  if (auto it = in.find("prechat"); it != in.end()) {
    const auto& p = it->value().get_object();
    if (auto f = p.find("fields"); f != p.end()) {
      if (!f->value().is_array() || f->value().get_array().size() > 10)
        throw ApiError(400, "invalid", "prechat.fields must be an array of at most 10 fields", "settings.prechat.fields");
      for (const auto& field : f->value().get_array()) {
        if (!field.is_object() || !field.get_object().contains("name") || !field.get_object().at("name").is_string())
          throw ApiError(400, "invalid", "each pre-chat field needs a name", "settings.prechat.fields");
      }
    }
  }
  return in;
}

}  // namespace parley
