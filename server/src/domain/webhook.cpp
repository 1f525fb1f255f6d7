#include "domain/webhook.h"

#include <algorithm>
#include <cmath>

namespace parley {

namespace {

char webhookLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool endsWithDotLocalhost(std::string_view host) {
  constexpr std::string_view suffix = ".localhost";
  return host.size() > suffix.size() && host.substr(host.size() - suffix.size()) == suffix;
}

}  // namespace

const std::vector<std::string>& webhookEventTypes() {
  static const std::vector<std::string> types = {
      "conversation.created", "conversation.updated", "conversation.resolved", "message.created",
      "contact.created",      "contact.updated",      "csat.submitted"};
  return types;
}

std::string joinWebhookEvents(const std::vector<std::string>& events) {
  std::string out;
  for (const auto& e : events) {
    if (!out.empty()) out += ',';
    out += e;
  }
  return out;
}

std::vector<std::string> splitWebhookEvents(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const auto part = text.substr(0, comma);
    if (!part.empty()) out.emplace_back(part);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

bool isWebhookEventType(std::string_view type) {
  const auto& all = webhookEventTypes();
  return std::find(all.begin(), all.end(), type) != all.end();
}

WebhookEventsCheck checkWebhookEvents(const std::vector<std::string>& events) {
  WebhookEventsCheck out;
  if (events.empty()) {
    out.error = "events must name at least one event type";
    return out;
  }
  if (events.size() > 32) {
    out.error = "events has too many entries";
    return out;
  }
  for (const auto& e : events) {
    if (!isWebhookEventType(e)) {
      out.error = "events: unknown event type (one of conversation.created, conversation.updated, "
                  "conversation.resolved, message.created, contact.created, contact.updated, csat.submitted)";
      return out;
    }
  }
  out.events = events;
  std::sort(out.events.begin(), out.events.end());
  out.events.erase(std::unique(out.events.begin(), out.events.end()), out.events.end());
  return out;
}

std::optional<WebhookUrl> parseWebhookUrl(std::string_view url, std::string* error) {
  auto fail = [&](const char* why) -> std::optional<WebhookUrl> {
    if (error) *error = why;
    return std::nullopt;
  };
  if (url.empty()) return fail("url is required");
  if (url.size() > kMaxWebhookUrlBytes) return fail("url must be at most 2000 bytes");
  for (unsigned char c : url)
    if (c <= 0x20 || c == 0x7f || c == '\\') return fail("url must not contain spaces, control characters or backslashes");
  WebhookUrl out;
  std::string_view rest;
  std::string lower;
  for (char c : url.substr(0, 8)) lower += webhookLower(c);
  if (lower.rfind("https://", 0) == 0) {
    out.scheme = "https";
    out.port = 443;
    rest = url.substr(8);
  } else if (lower.rfind("http://", 0) == 0) {
    out.scheme = "http";
    out.port = 80;
    rest = url.substr(7);
  } else {
    return fail("url must be an http:// or https:// URL");
  }
  const auto end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  if (authority.find('@') != std::string_view::npos) return fail("url must not carry a user name or password");
  if (authority.empty()) return fail("url must name a host");
  std::string_view host = authority;
  std::string_view port;
  if (authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return fail("url has an unclosed IPv6 address");
    host = authority.substr(1, close - 1);
    const auto after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return fail("url has text after its IPv6 address");
      port = after.substr(1);
    }
  } else if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  if (host.empty()) return fail("url must name a host");
  if (!port.empty()) {
    if (port.size() > 5 || !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return fail("url has an invalid port");
    const int p = std::stoi(std::string(port));
    if (p < 1 || p > 65535) return fail("url has an invalid port");
    out.port = p;
  }
  for (char c : host) out.host += webhookLower(c);
  while (!out.host.empty() && out.host.back() == '.') out.host.pop_back();  // "localhost." is localhost
  if (out.host.empty()) return fail("url must name a host");
  return out;
}

bool isLocalHostName(std::string_view host) { return host == "localhost" || endsWithDotLocalhost(host); }

std::vector<std::string> webhookTypesForEvent(const Event& event, const Conversation& conversation,
                                              const WebhookEventFacts& facts) {
  std::vector<std::string> out;
  if (event.type == "message.created") {
    out.push_back("message.created");
  } else if (event.type == "conversation.created") {
    out.push_back("conversation.created");
    if (facts.first_conversation_of_contact) out.push_back("contact.created");
  } else if (event.type == "contact.updated") {
    out.push_back("contact.updated");
  } else if (event.type == "conversation.updated") {
    out.push_back("conversation.updated");
    // The log references the conversation as it is now: it was resolved by this event when its
    // resolved_at is this event's time (applyPatch sets it once, on the change to resolved).
    const bool resolved_here = conversation.status == ConversationStatus::Resolved && conversation.resolved_at &&
                               *conversation.resolved_at == event.created_at;
    if (resolved_here) out.push_back("conversation.resolved");
    // A rating is given to a resolved conversation (applyPatch): it is reported by the first
    // change after the resolve that the subscription sees with the rating on, not by earlier ones
    // that a late delivery would show with it.
    if (conversation.csat_score && facts.csat_new && !resolved_here && conversation.resolved_at &&
        event.created_at >= *conversation.resolved_at)
      out.push_back("csat.submitted");
  }
  return out;
}

std::string webhookEventId(std::string_view epoch, std::int64_t offset, std::string_view log_type,
                           std::string_view type) {
  std::string id = std::string(epoch) + ":" + std::to_string(offset);
  if (log_type != type) id += ":" + std::string(type);
  return id;
}

std::string webhookSignedString(std::int64_t unix_seconds, std::string_view body) {
  std::string s = std::to_string(unix_seconds);
  s += '.';
  s += body;
  return s;
}

std::string webhookSignatureHeader(std::int64_t unix_seconds, std::string_view hex_hmac) {
  return "t=" + std::to_string(unix_seconds) + ",v1=" + std::string(hex_hmac);
}

Millis webhookRetryDelay(int failures, double jitter) {
  if (failures < 1) failures = 1;
  Millis wait = kWebhookFirstRetryMs;
  for (int i = 1; i < failures && wait < kWebhookMaxRetryMs; ++i) wait *= 2;
  wait = std::min(wait, kWebhookMaxRetryMs);
  jitter = std::clamp(jitter, 0.0, 1.0);
  return static_cast<Millis>(std::llround(static_cast<double>(wait) * (0.8 + 0.4 * jitter)));
}

std::string webhookExcerpt(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut));
}

}  // namespace parley
