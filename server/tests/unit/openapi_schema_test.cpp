// Keeps the JSON encoders (wire/json_codec.cpp, wire/json_writer.cpp) and docs/openapi.json from
// drifting: every encoder's output, for a record with every optional field set and for one with none,
// must validate against the schema the document gives it. Strict: a field the encoder writes that the
// schema does not list fails too (unless the schema says additionalProperties), so a new field cannot
// reach clients undocumented. The small validator below covers the JSON Schema subset the document
// uses, and tests itself first.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "http/article_json.h"
#include "http/campaign_json.h"
#include "http/webhook_json.h"
#include "wire/json_codec.h"
#include "wire/json_writer.h"
#include "wire/proactive_rule_json.h"

namespace bj = boost::json;
using namespace parley;

namespace {

class SchemaValidator {
 public:
  explicit SchemaValidator(bj::object document) : doc_(std::move(document)) {}

  // Problems found, each "path: what"; empty when `v` matches the named component schema.
  std::vector<std::string> validate(const bj::value& v, const std::string& component) const {
    std::vector<std::string> out;
    check(v, ref("#/components/schemas/" + component), component, out);
    return out;
  }

 private:
  const bj::object& ref(const std::string& pointer) const {
    const std::string prefix = "#/components/schemas/";
    if (pointer.rfind(prefix, 0) != 0) throw std::runtime_error("unsupported $ref " + pointer);
    const auto* s = doc_.at("components").at("schemas").as_object().if_contains(pointer.substr(prefix.size()));
    if (!s) throw std::runtime_error("dangling $ref " + pointer);
    return s->as_object();
  }

  static bool isType(const bj::value& v, std::string_view t) {
    if (t == "object") return v.is_object();
    if (t == "array") return v.is_array();
    if (t == "string") return v.is_string();
    if (t == "boolean") return v.is_bool();
    if (t == "integer") return v.is_int64() || v.is_uint64();
    if (t == "number") return v.is_number();
    throw std::runtime_error("unsupported type " + std::string(t));
  }

  void check(const bj::value& v, const bj::object& s, const std::string& path, std::vector<std::string>& out) const {
    if (v.is_null()) {
      bool nullable = s.contains("nullable") && s.at("nullable").as_bool();
      if (!nullable) out.push_back(path + ": null where the schema does not allow it");
      return;
    }
    if (auto* r = s.if_contains("$ref")) return check(v, ref(std::string(r->as_string())), path, out);
    if (auto* all = s.if_contains("allOf"))
      for (const auto& sub : all->as_array()) check(v, sub.as_object(), path, out);
    if (auto* one = s.if_contains("oneOf")) {
      int matches = 0;
      for (const auto& sub : one->as_array()) {
        std::vector<std::string> tmp;
        check(v, sub.as_object(), path, tmp);
        if (tmp.empty()) ++matches;
      }
      if (matches != 1) out.push_back(path + ": matches " + std::to_string(matches) + " of oneOf");
    }
    if (auto* t = s.if_contains("type")) {
      if (!isType(v, t->as_string())) {
        out.push_back(path + ": " + bj::serialize(v) + " is not " + std::string(t->as_string()));
        return;
      }
    }
    if (auto* e = s.if_contains("enum")) {
      bool found = false;
      for (const auto& x : e->as_array()) found = found || x == v;
      if (!found) out.push_back(path + ": " + bj::serialize(v) + " is not in the enum");
    }
    if (v.is_number()) {
      const double d = v.to_number<double>();
      if (auto* m = s.if_contains("minimum"); m && d < m->to_number<double>()) out.push_back(path + ": below minimum");
      if (auto* m = s.if_contains("maximum"); m && d > m->to_number<double>()) out.push_back(path + ": above maximum");
    }
    if (v.is_string()) {
      const auto n = v.as_string().size();
      if (auto* m = s.if_contains("maxLength"); m && n > static_cast<std::size_t>(m->to_number<std::int64_t>()))
        out.push_back(path + ": longer than maxLength");
      if (auto* m = s.if_contains("minLength"); m && n < static_cast<std::size_t>(m->to_number<std::int64_t>()))
        out.push_back(path + ": shorter than minLength");
    }
    if (v.is_array()) {
      if (auto* items = s.if_contains("items")) {
        int i = 0;
        for (const auto& x : v.as_array()) check(x, items->as_object(), path + "[" + std::to_string(i++) + "]", out);
      }
    }
    if (v.is_object()) checkObject(v.as_object(), s, path, out);
  }

  void checkObject(const bj::object& o, const bj::object& s, const std::string& path,
                   std::vector<std::string>& out) const {
    const bj::object* props = s.if_contains("properties") ? &s.at("properties").as_object() : nullptr;
    if (auto* req = s.if_contains("required"))
      for (const auto& r : req->as_array())
        if (!o.contains(r.as_string())) out.push_back(path + ": required field " + std::string(r.as_string()) + " missing");
    const bj::value* extra = s.if_contains("additionalProperties");
    for (const auto& [k, val] : o) {
      const std::string sub = path + "." + std::string(k);
      if (props && props->contains(k)) {
        check(val, props->at(k).as_object(), sub, out);
      } else if (extra && extra->is_object()) {
        check(val, extra->as_object(), sub, out);
      } else if (!(extra && extra->is_bool() && extra->as_bool()) && !s.contains("allOf")) {
        out.push_back(sub + ": not in the schema");
      }
    }
  }

  bj::object doc_;
};

const SchemaValidator& validator() {
  static const SchemaValidator v = [] {
    std::ifstream in(std::string(PARLEY_SOURCE_DIR) + "/docs/openapi.json");
    std::stringstream ss;
    ss << in.rdbuf();
    return SchemaValidator(bj::parse(ss.str()).as_object());
  }();
  return v;
}

std::string joined(const std::vector<std::string>& problems) {
  std::string s;
  for (const auto& p : problems) s += "\n  " + p;
  return s;
}

#define EXPECT_MATCHES(value, component)                                        \
  do {                                                                          \
    auto problems_ = validator().validate((value), (component));                \
    EXPECT_TRUE(problems_.empty()) << (component) << ":" << joined(problems_); \
  } while (0)

TEST(OpenApiSchemaValidator, RefusesWhatTheSchemaDoesNotAllow) {
  SchemaValidator v(bj::parse(R"({"components":{"schemas":{
      "T":{"type":"object","properties":{"id":{"type":"integer","minimum":1},"s":{"type":"string","enum":["a","b"]},
           "n":{"type":"string","nullable":true},"r":{"$ref":"#/components/schemas/U"}},"required":["id"]},
      "U":{"type":"array","items":{"type":"boolean"},"maxItems":3}}}})")
                        .as_object());
  EXPECT_TRUE(v.validate(bj::parse(R"({"id":1,"s":"a","n":null,"r":[true]})"), "T").empty());
  EXPECT_EQ(v.validate(bj::parse(R"({"s":"a"})"), "T").size(), 1u) << "required";
  EXPECT_EQ(v.validate(bj::parse(R"({"id":0})"), "T").size(), 1u) << "minimum";
  EXPECT_EQ(v.validate(bj::parse(R"({"id":"1"})"), "T").size(), 1u) << "type";
  EXPECT_EQ(v.validate(bj::parse(R"({"id":1,"s":"c"})"), "T").size(), 1u) << "enum";
  EXPECT_EQ(v.validate(bj::parse(R"({"id":1,"s":null})"), "T").size(), 1u) << "not nullable";
  EXPECT_EQ(v.validate(bj::parse(R"({"id":1,"extra":2})"), "T").size(), 1u) << "undocumented field";
  EXPECT_EQ(v.validate(bj::parse(R"({"id":1,"r":[1]})"), "T").size(), 1u) << "through $ref and items";
}

Conversation fullConversation() {
  Conversation c;
  c.id = 7;
  c.workspace_id = 1;
  c.contact_id = 3;
  c.assignee_id = 2;
  c.team_id = 4;
  c.tags = {"vip", "billing"};
  c.last_seq = 5;
  c.created_at = 1'700'000'000'000;
  c.updated_at = c.created_at + 1;
  c.first_reply_at = c.created_at + 2;
  c.resolved_at = c.created_at + 3;
  c.waiting_since = c.created_at + 4;
  c.snoozed_until = c.created_at + 5;
  c.visitor_last_read_seq = 4;
  c.agent_last_read_seq = 5;
  c.visitor_last_seq = 4;
  c.last_message = LastMessage{"hello", SenderType::Visitor, c.created_at};
  c.csat_score = 5;
  c.csat_comment = "great";
  c.contact_name = "Vera";
  c.contact_email = "vera@example.com";
  c.contact_country = "DE";
  return c;
}

Message fullMessage() {
  Message m;
  m.id = 11;
  m.workspace_id = 1;
  m.conversation_id = 7;
  m.seq = 3;
  m.visitor_seq = 2;
  m.sender_type = SenderType::Agent;
  m.sender_id = 2;
  m.body = "Let me check.";
  m.client_id = "a-1";
  m.attachments_json =
      R"([{"url":"/uploads/0123456789abcdef0123456789abcdef.png","name":"a.png","content_type":"image/png","size":10}])";
  m.created_at = 1'700'000'000'000;
  m.sender_name = "Sam";
  m.sender_avatar_url = "https://example.com/a.png";
  return m;
}

TEST(OpenApiSchema, ConversationEncodersMatchTheDocument) {
  EXPECT_MATCHES(json::conversation(fullConversation()), "Conversation");
  EXPECT_MATCHES(json::conversation(Conversation{.id = 1, .contact_id = 2}), "Conversation");
  EXPECT_MATCHES(bj::parse(json::conversationJson(fullConversation())), "Conversation");
  EXPECT_MATCHES(bj::parse(json::conversationJson(Conversation{.id = 1, .contact_id = 2})), "Conversation");
  EXPECT_MATCHES(json::conversationForVisitor(fullConversation()), "VisitorConversation");
  EXPECT_MATCHES(bj::parse(json::conversationForVisitorJson(fullConversation())), "VisitorConversation");
  EXPECT_MATCHES(json::conversationForVisitor(Conversation{.id = 1, .contact_id = 2}), "VisitorConversation");
}

TEST(OpenApiSchema, MessageEncodersMatchTheDocument) {
  auto full = fullMessage();
  Message visitor{.id = 12, .conversation_id = 7, .seq = 1, .visitor_seq = 1, .sender_type = SenderType::Visitor, .body = "hi"};
  Message note = full;
  note.is_private = true;
  for (const auto& m : {full, visitor, note}) {
    EXPECT_MATCHES(json::message(m), "Message");
    EXPECT_MATCHES(bj::parse(json::messageJson(m)), "Message");
  }
  EXPECT_MATCHES(json::message(full, true), "Message");
  EXPECT_MATCHES(bj::parse(json::messageJson(visitor, true)), "Message");
}

TEST(OpenApiSchema, DirectoryEncodersMatchTheDocument) {
  Agent a{.id = 2, .workspace_id = 1, .email = "sam@example.com", .name = "Sam", .role = AgentRole::Admin, .capacity = 7,
          .presence = AgentPresence::Online, .avatar_url = "/uploads/0123456789abcdef0123456789abcdef.png"};
  EXPECT_MATCHES(json::agent(a), "Agent");
  EXPECT_MATCHES(json::agent(Agent{.id = 3, .email = "x@example.com", .name = "X"}), "Agent");

  Workspace w{.id = 1, .public_id = "ws_demo", .name = "Shop", .settings_json = R"({"color":"#112233"})",
              .hmac_secret = "00ff", .allowed_origins_json = R"(["https://shop.example.com"])"};
  EXPECT_MATCHES(json::workspacePublic(w), "Workspace");
  EXPECT_MATCHES(json::workspaceAdmin(w), "Workspace");

  Contact c{.id = 3, .workspace_id = 1, .external_id = "user-42", .name = "Vera", .email = "vera@example.com",
            .attributes_json = R"({"plan":"pro","seats":3,"trial":false})", .country = "DE",
            .timezone = "Europe/Berlin", .language = "de-DE", .browser = "Chrome 120", .os = "Linux",
            .current_url = "https://shop.example.com/", .current_title = "Shop", .first_seen_at = 1,
            .last_seen_at = 2};
  EXPECT_MATCHES(json::contact(c, true), "Contact");
  EXPECT_MATCHES(json::contact(Contact{.id = 4}, false), "Contact");

  EXPECT_MATCHES(json::team(Team{.id = 4, .workspace_id = 1, .name = "Billing", .member_ids = {2, 3}}), "Team");
  EXPECT_MATCHES(json::pageView(PageView{.url = "https://shop.example.com/", .title = "Shop", .created_at = 1}),
                 "PageView");
}

TEST(OpenApiSchema, ProactiveRuleEncodersMatchTheDocument) {
  auto conditions = json::proactiveConditions(bj::parse(
      R"([{"type":"page_url","values":["/p/*"]},{"type":"time_on_page","seconds":2},{"type":"visits","op":"at_most","count":3},)"
      R"({"type":"referrer","contains":"news"},{"type":"language","values":["de"]},{"type":"country","values":["DE"]},)"
      R"({"type":"identified","value":true},{"type":"attribute","key":"plan","op":"exists"},)"
      R"({"type":"business_hours","value":false},{"type":"agents_online","value":true}])"));
  ProactiveRule r{.id = 5, .workspace_id = 1, .name = "Pricing", .priority = 3,
                  .conditions_json = bj::serialize(json::proactiveConditionsJson(conditions)), .sender_agent_id = 2,
                  .body = "Questions?", .created_at = 1, .updated_at = 2, .shown = 3, .opened = 2, .replied = 1};
  EXPECT_MATCHES(json::proactiveRule(r), "ProactiveRule");
  EXPECT_MATCHES(json::proactiveRule(ProactiveRule{.id = 6, .name = "x", .body = "y"}), "ProactiveRule");
  EXPECT_MATCHES(json::widgetProactiveRule(5, 3, conditions), "WidgetProactiveRule");
}

TEST(OpenApiSchema, SegmentAndCampaignEncodersMatchTheDocument) {
  Segment s{.id = 3, .workspace_id = 1, .name = "Germans", .created_at = 1, .updated_at = 2};
  EXPECT_MATCHES(segmentJson(s), "Segment");
  s.definition.match_any = true;
  s.definition.conditions = {{"attribute", "equals", "plan", "pro"}, {"identified", "is", "", ""}};
  EXPECT_MATCHES(segmentJson(s), "Segment");
  auto berlin = TimeZone::fixed(3600);
  Campaign c{.id = 4, .workspace_id = 1, .name = "Sale", .body = "Hi", .created_at = 1, .updated_at = 2};
  EXPECT_MATCHES(campaignJson(c, *berlin), "Campaign");
  c.segment_id = 3;
  c.sender_agent_id = 2;
  c.state = CampaignState::Sent;
  c.scheduled_at = 1'782'889'200'000;
  c.started_at = c.scheduled_at;
  c.finished_at = c.scheduled_at;
  c.stats = {10, 8, 5, 2};
  EXPECT_MATCHES(campaignJson(c, *berlin), "Campaign");
}

TEST(OpenApiSchema, ArticleEncodersMatchTheDocument) {
  Article a{.id = 3, .workspace_id = 1, .title = "Reset your password", .slug = "reset-your-password",
            .body_markdown = "**Go**", .body_html = "<p><strong>Go</strong></p>\n", .body_text = "Go", .excerpt = "Go",
            .category_id = 2, .status = ArticleStatus::Published, .created_at = 1, .updated_at = 2, .published_at = 2,
            .views = 5, .helpful_yes = 2, .helpful_no = 1};
  EXPECT_MATCHES(articleJson(a, "ws_demo"), "Article");
  EXPECT_MATCHES(articleJson(Article{.id = 4, .title = "x", .slug = "x"}, "ws_demo"), "Article");
  EXPECT_MATCHES(widgetArticleSummaryJson(a, "ws_demo"), "WidgetArticleHit");
  EXPECT_MATCHES(widgetArticleJson(a, "ws_demo"), "WidgetArticle");
  EXPECT_MATCHES(articleCategoryJson(ArticleCategory{.id = 2, .name = "Billing", .slug = "billing", .position = 1,
                                                     .article_count = 3}),
                 "ArticleCategory");
}

TEST(OpenApiSchema, WebhookEncodersMatchTheDocument) {
  Webhook w{.id = 3, .workspace_id = 1, .url = "https://hooks.example.com/x", .events = {"message.created"},
            .secret = "whsec_0123456789abcdef", .created_at = 1, .updated_at = 2};
  EXPECT_MATCHES(webhookJson(w, true), "Webhook");
  EXPECT_MATCHES(webhookJson(w, false), "Webhook");
  w.active = false;
  w.attempt = 4;
  w.failing_since = 5;
  w.next_attempt_at = 9;
  w.paused_at = 10;
  w.pause_reason = "no successful delivery for 24 hours (last: status 500)";
  EXPECT_MATCHES(webhookJson(w, false), "Webhook");
  WebhookDelivery d{.id = 7, .workspace_id = 1, .webhook_id = 3, .event_id = "ep:1", .event_type = "message.created",
                    .ok = true, .status = 200, .error = "", .response_excerpt = "ok", .request_body = "{}", .duration_ms = 4,
                    .created_at = 3};
  EXPECT_MATCHES(webhookDeliveryJson(d), "WebhookDelivery");
  d.ok = false;
  d.status = 0;
  d.error = "timeout";
  d.kind = "redeliver";
  EXPECT_MATCHES(webhookDeliveryJson(d), "WebhookDelivery");
}

}  // namespace
