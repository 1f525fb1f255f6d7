// The JSON input parsers one by one, on any text: jsonBody (every REST body), parseMessageInput
// (message.send frames and message POSTs), validateSettings and widgetSettings (widget settings,
// stored and served), parseBusinessHours on stored settings, applyContactPatch (contact PATCH,
// identify, offline form), the json_codec field readers, the allowed-origins list with the CSP
// header made from it, and an AI endpoint's chat-completions answer. The streaming JsonWriter, which
// encodes every message frame, is checked against the boost::json builders with the input as
// message text.
//
// The REST and WebSocket paths to these parsers are fuzzed whole by fuzz_http_router and
// fuzz_realtime_frames; here each parser is fuzzed without authentication or routing in the way,
// so an input reaches them all in microseconds.
#include <boost/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "domain/business_hours.h"
#include "domain/text_limits.h"
#include "fuzz_check.h"
#include "http/api_support.h"
#include "wire/json_codec.h"
#include "wire/json_writer.h"
#include "wire/chat_completions_json.h"
#include "wire/bot_json.h"
#include "wire/message_content.h"
#include "domain/bot_settings.h"
#include "domain/ai_prompt.h"
#include "http/visitor_context.h"
#include "http/widget_settings.h"
#include "app/message_input.h"
#include "app/message_sender.h"
#include "app/visitor_auth.h"
#include "security/origin.h"
#include "security/upload_type.h"
#include "security/upload_url.h"

using namespace parley;
using parley::fuzz::fail;
namespace bj = boost::json;

namespace {

constexpr Millis kNow = 1'717'000'000'000;  // a fixed instant: the same input must do the same thing
constexpr std::string_view kUploadName = "0123456789abcdef0123456789abcdef";  // the one stored upload

std::string show(const bj::value& v) { return bj::serialize(v).substr(0, 1000); }

void expectApiError(const ApiError& e, const char* where) {
  if (e.status != 400 || e.code.empty()) fail(where, "unexpected ApiError " + std::to_string(e.status) + " " + e.code);
}

// Attachments must name a stored upload: one is made once, in a directory of this process.
const std::string& uploadsDir() {
  static const std::string dir = [] {
    std::string tmpl = (std::filesystem::temp_directory_path() / "parley-fuzz-uploads-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) fail("mkdtemp");
    std::ofstream(std::filesystem::path(tmpl) / (std::string(kUploadName) + ".png"), std::ios::binary) << "\x89PNG\r\n\x1a\n";
    static const std::string removeAtExit = tmpl;
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(removeAtExit, ec);
    });
    return tmpl;
  }();
  return dir;
}

void messageInput(const bj::object& o) {
  MessageInput in;
  try {
    in = parseMessageInput(o, uploadsDir());
  } catch (const json::FieldError& e) {
    if (e.field.empty() || e.message.empty()) fail("FieldError without a field");
    return;
  }
  // Parsing takes the fields; the send path (MessageSender) refuses what no message may be. A
  // visitor's draft of this input either fails there with a field named, or is one a message may be.
  MessageDraft draft{in.conversation_id, 0, in.client_id, in.body, in.attachments_json, false};
  if (auto err = draftError(Sender{SenderType::Visitor, 1, 1}, draft)) {
    if (err->field.empty() || err->kind != AppError::Kind::BadInput) fail("draft refusal without a field", err->what());
    return;
  }
  if (in.client_id.empty() || in.client_id.size() > 64) fail("client_id length not checked", in.client_id);
  boost::system::error_code ec;
  auto files = bj::parse(in.attachments_json, ec);
  if (ec || !files.is_array() || files.get_array().size() > 10) fail("attachments not a short array", in.attachments_json);
  for (const auto& f : files.get_array()) {
    if (!f.is_object()) fail("attachment not an object");
    const auto& a = f.get_object();
    const auto* url = a.if_contains("url");
    if (!url || !url->is_string() || !isUploadUrl(url->get_string())) fail("attachment url is not an upload", show(f));
    // What the attachment says about the file comes from the file, not from the client.
    const auto* type = a.if_contains("content_type");
    const auto* size = a.if_contains("size");
    const auto* name = a.if_contains("name");
    if (!type || !type->is_string() || type->get_string() != uploadContentType(url->get_string()).value_or(""))
      fail("attachment type not the stored one", show(f));
    if (!size || !size->is_int64() || size->get_int64() != 8) fail("attachment size not the stored one", show(f));
    if (!name || !name->is_string() || sanitizeFilename(name->get_string()) != name->get_string())
      fail("attachment name not sanitized", show(f));
  }
  if (files.get_array().empty() && validateMessageBody(in.body)) fail("invalid body accepted", in.body.substr(0, 200));
}

void settings(const bj::object& o) {
  bj::object valid;
  try {
    valid = validateSettings(o);
  } catch (const ApiError& e) {
    expectApiError(e, "validateSettings");
    if (e.field.rfind("settings.", 0) != 0) fail("settings error names no settings field", e.field);
    return;
  }
  Workspace ws;
  ws.settings_json = bj::serialize(valid);
  // PATCH /workspace stores this text; every later read parses it (with a silent fallback).
  boost::system::error_code ec;
  bj::parse(ws.settings_json, ec);
  if (ec) fail("accepted settings are stored as text that is not JSON", ws.settings_json);
  const auto served = widgetSettings(ws);
  for (const char* key : {"color", "position", "greeting", "locale", "prechat", "business_hours"})
    if (!served.contains(key)) fail("widget settings lost a default", key);
  isOpen(parseBusinessHours(ws.settings_json), kNow);
}

void contactPatch(const bj::object& o) {
  Contact c;
  c.name = "Before";
  c.attributes_json = R"({"plan":"pro","seats":3})";
  try {
    applyContactPatch(c, o);
  } catch (const ApiError& e) {
    expectApiError(e, "applyContactPatch");
    return;
  } catch (const json::FieldError&) {
    return;
  }
  if (c.name && (c.name->empty() || c.name->size() > 200)) fail("contact name not checked", *c.name);
  if (c.email && (c.email->find('@') == std::string::npos || c.email->size() > 254)) fail("contact email not checked", *c.email);
  boost::system::error_code ec;
  auto attrs = bj::parse(c.attributes_json, ec);
  if (ec || !attrs.is_object() || attrs.get_object().size() > 50) fail("attributes not a small object", c.attributes_json);
  for (const auto& [k, v] : attrs.get_object())
    if (k.empty() || k.size() > 64 || v.is_object() || v.is_array() || v.is_null() ||
        (v.is_string() && v.get_string().size() > 1000))
      fail("attribute not checked", show(attrs));
}

// Every reader on every member: each answers or throws FieldError, nothing else.
void fieldReaders(const bj::object& o) {
  for (const auto& [k, v] : o) {
    try { json::optString(o, k); } catch (const json::FieldError&) {}
    try { json::optBool(o, k); } catch (const json::FieldError&) {}
    try {
      auto n = json::optInt(o, k);
      if (n && v.is_double() && static_cast<double>(*n) != v.get_double()) fail("optInt changed the number", show(v));
    } catch (const json::FieldError&) {}
    try { json::reqInt(o, k); } catch (const json::FieldError&) {}
    try { json::reqString(o, k); } catch (const json::FieldError&) {}
    if (json::isNull(o, k) != v.is_null()) fail("isNull");
  }
}

// A CSP source list: it goes into a header, so no separators, quotes or line breaks may sneak in.
void checkCsp(const std::string& csp) {
  for (unsigned char c : csp)
    if (c < 0x21 && c != ' ') fail("control character in frame-ancestors", csp);
  if (csp.find_first_of(";,\"\\") != std::string::npos) fail("separator in frame-ancestors", csp);
  std::string_view rest(csp);
  while (!rest.empty()) {
    auto sp = rest.find(' ');
    auto token = rest.substr(0, sp);
    if (token.empty()) fail("empty source in frame-ancestors", csp);
    if (token.find('\'') != std::string_view::npos && token != "'self'") fail("quote in frame-ancestors", csp);
    rest = sp == std::string_view::npos ? std::string_view{} : rest.substr(sp + 1);
  }
}

void origins(std::string_view text, const bj::value* parsed) {
  Workspace ws;
  ws.allowed_origins_json = std::string(text);  // as stored (PATCH /workspace validates entries first)
  const auto list = allowedOrigins(ws);
  checkCsp(frameAncestors(list));
  for (const auto& entry : list) {
    auto p = parseOriginPattern(entry);
    if (p && (p->host.empty() || p->host.find_first_of(" ;,'\"") != std::string::npos)) fail("origin pattern host", entry);
    originAllowed(entry, list);
    sameOrigin(entry, "chat.fuzz.test");
  }
  if (parsed && parsed->is_object())
    if (const auto* o = parsed->get_object().if_contains("origin"); o && o->is_string())
      originAllowed(o->get_string(), list);
}

// The streaming writer must produce what the boost::json builders produce, for any text.
void writerMatchesBuilders(std::string_view text) {
  if (!isValidUtf8(text)) return;  // stored text is always UTF-8 (JSON and REST inputs are checked)
  Message m;
  m.id = 7;
  m.conversation_id = 3;
  m.seq = 2;
  m.sender_type = SenderType::Visitor;
  m.body = std::string(text);
  m.client_id = truncateUtf8(text, 64);
  m.sender_name = truncateUtf8(text, 20);
  // Stored attachments are always the serialized output of parseAttachments (checked above).
  m.attachments_json =
      R"([{"url":"/uploads/0123456789abcdef0123456789abcdef.png","name":"a.png","size":8,"content_type":"image/png"}])";
  Conversation c;
  c.id = 3;
  c.tags = {truncateUtf8(text, 40), "vip"};
  c.contact_name = std::string(text);
  c.last_message = LastMessage{std::string(text), SenderType::Visitor, 5};
  boost::system::error_code ec;
  auto fromWriter = bj::parse(json::messageJson(m), ec);
  if (ec || fromWriter != bj::value(json::message(m))) fail("JsonWriter message differs from json::message", json::messageJson(m));
  auto conv = bj::parse(json::conversationJson(c), ec);
  if (ec || conv != bj::value(json::conversation(c))) fail("JsonWriter conversation differs", json::conversationJson(c));
  auto forVisitor = bj::parse(json::conversationForVisitorJson(c), ec);
  if (ec || forVisitor != bj::value(json::conversationForVisitor(c))) fail("JsonWriter visitor conversation differs");
}

}  // namespace

// Issue 14: Settings > Bot's PUT body (FieldError or checked settings, and what is stored reads back
// the same), a message's "content" and "reply_to_option" (FieldError or canonical JSON that reads
// back), and stored bot settings and state (never a throw: a damaged row is the defaults).
void botInputs(std::string_view text, const bj::object* body, const bj::value* parsed) {
  readStoredBotSettings(text);
  readStoredBotState(text);
  pressedOptionId(text);
  isReplyToOption(text);
  if (body) {
    try {
      const auto s = botSettingsFromRequest(*body, defaultBotSettings());
      if (!checkBotSettings(s)) {
        const auto again = readStoredBotSettings(storedBotSettings(s));
        if (storedBotSettings(again) != storedBotSettings(s)) fail("bot settings: stored form does not read back");
      }
    } catch (const json::FieldError&) {
    }
  }
  if (!parsed) return;
  for (auto* parse : {&parseMessageContent, &parseReplyToOption}) {
    try {
      const auto stored = (*parse)(*parsed);
      if (!contentField(stored)) fail("message content: accepted content has no field");
    } catch (const json::FieldError&) {
    }
  }
}

// An AI endpoint's answer (issue 14 item 6) comes from a server an admin configured, not from us:
// any text parses without throwing, and the answer read from it stays within its bound.
void aiAnswer(std::string_view text) {
  const auto completion = json::parseChatCompletion(text);
  if (completion.kind != json::ChatCompletion::Kind::Content) return;
  static const std::vector<AiSource> sources = {{1, "A", "/help/w/articles/a", "a"}, {2, "B", "/help/w/articles/b", "b"}};
  const auto reply = interpretAiReply(completion.text, sources);
  if (reply.text.size() > kMaxAiAnswerChars) fail("interpretAiReply: answer over its bound");
  if (reply.kind == AiReply::Kind::Answer && (reply.cited.empty() || reply.cited.size() > 2)) fail("interpretAiReply: cited");
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);

  HttpRequest req;
  req.body = std::string(text);
  std::optional<bj::object> body;
  try {
    body = jsonBody(req);
  } catch (const ApiError& e) {
    if (e.status != 400 || e.code != "bad_json") fail("jsonBody: unexpected error", e.code);
  }
  boost::system::error_code ec;
  bj::value parsed = bj::parse(text, ec);
  // jsonBody may refuse more than the JSON grammar does (numbers that are not finite), never less.
  if (body && (ec || !parsed.is_object())) fail("jsonBody accepted what is not a JSON object");

  // Stored JSON is read back with fallbacks; none of these may throw on any stored text.
  Workspace stored;
  stored.settings_json = std::string(text);
  widgetSettings(stored);
  isOpen(parseBusinessHours(text), kNow);
  json::parseOr(text, bj::object{});
  origins(text, ec ? nullptr : &parsed);
  writerMatchesBuilders(text);
  aiAnswer(text);
  botInputs(text, body ? &*body : nullptr, ec ? nullptr : &parsed);

  if (!body) return 0;
  messageInput(*body);
  settings(*body);
  contactPatch(*body);
  fieldReaders(*body);
  return 0;
}
