#include "http/visitor_context.h"

#include "domain/business_hours.h"
#include "domain/clock.h"
#include "domain/text_limits.h"
#include "http/api_support.h"
#include "wire/json_codec.h"

namespace parley {

namespace bj = boost::json;

namespace {
std::optional<std::string> shortText(const bj::object& body, const char* key, size_t max) {
  auto v = json::optString(body, key);
  if (!v || v->empty()) return std::nullopt;
  return truncateUtf8(*v, max);
}
}  // namespace

void applyVisitorContext(CountryLookup& geo, const HttpRequest& req, const bj::object& body, const ClientInfo& ua,
                         Contact& c, Millis now) {
  c.last_seen_at = now;
  if (auto country = geo.country(req.peer_ip)) c.country = *country;
  if (!ua.browser.empty()) c.browser = ua.browser;
  if (!ua.os.empty()) c.os = ua.os;
  if (auto v = shortText(body, "language", 35)) c.language = *v;
  if (auto v = shortText(body, "timezone", 64)) c.timezone = *v;
}

void recordSessionPage(ContactStore& contacts, const bj::object& body, Contact& c, Millis now) {
  auto url = shortText(body, "url", 2048);
  if (!url) return;
  PageView pv;
  pv.workspace_id = c.workspace_id;
  pv.contact_id = c.id;
  pv.url = *url;
  pv.title = shortText(body, "title", 300).value_or("");
  pv.referrer = shortText(body, "referrer", 2048).value_or("");
  pv.created_at = now;
  contacts.addPageView(pv);
  c.current_url = pv.url;
  c.current_title = pv.title;
}

void applyContactPatch(Contact& c, const bj::object& body) {
  if (body.contains("name")) {
    auto v = json::optString(body, "name");
    if (v && v->size() > 200) throw ApiError(400, "invalid", "name must be at most 200 bytes", "name");
    c.name = v && !v->empty() ? v : std::nullopt;
  }
  if (body.contains("email")) {
    auto v = json::optString(body, "email");
    if (v && !v->empty() && (v->find('@') == std::string::npos || v->size() > 254))
      throw ApiError(400, "invalid", "email is not an email address", "email");
    c.email = v && !v->empty() ? v : std::nullopt;
  }
  if (auto it = body.find("attributes"); it != body.end()) {
    if (!it->value().is_object()) throw ApiError(400, "invalid", "attributes must be an object", "attributes");
    auto merged = json::parseOr(c.attributes_json, bj::object{});
    if (!merged.is_object()) merged = bj::object{};
    auto& m = merged.get_object();
    for (const auto& [k, v] : it->value().get_object()) {
      if (k.empty() || k.size() > 64) throw ApiError(400, "invalid", "attribute names must be 1 to 64 bytes", "attributes");
      if (v.is_object() || v.is_array())
        throw ApiError(400, "invalid", "attribute " + std::string(k) + " must be text, a number or true/false", "attributes");
      if (v.is_string() && v.get_string().size() > 1000)
        throw ApiError(400, "invalid", "attribute " + std::string(k) + " is over 1000 bytes", "attributes");
      if (v.is_null()) m.erase(k); else m[k] = v;
    }
    if (m.size() > 50) throw ApiError(400, "invalid", "at most 50 attributes", "attributes");
    c.attributes_json = bj::serialize(m);
  }
}

bool workspaceOnline(const Workspace& ws, const bj::object& settings, int agents_online) {
  if (agents_online <= 0) return false;
  auto hours = parseBusinessHours(ws.settings_json);
  return !hours.enabled || isOpen(hours, nowMillis());
}

}  // namespace parley
