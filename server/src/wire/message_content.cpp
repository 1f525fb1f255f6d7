#include "wire/message_content.h"

#include <boost/json.hpp>

#include "domain/text_limits.h"
#include "wire/json_codec.h"

namespace parley {

namespace bj = boost::json;

namespace {

std::string contentText(const bj::object& o, std::string_view key, const std::string& field, std::size_t max,
                 bool required) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) {
    if (required) throw json::FieldError{field, "is required"};
    return {};
  }
  if (!it->value().is_string()) throw json::FieldError{field, "must be a string"};
  std::string s(it->value().get_string());
  if (!isValidUtf8(s)) throw json::FieldError{field, "must be valid UTF-8"};
  if (required && isBlank(s)) throw json::FieldError{field, "must not be blank"};
  if (countCodePoints(s) > max) throw json::FieldError{field, "must be at most " + std::to_string(max) + " characters"};
  return s;
}

// A card's link: our own path (the help center) or an http(s) URL; never javascript: and the like.
bool safeUrl(std::string_view u) {
  if (u.size() >= 2 && u[0] == '/' && u[1] != '/' && u[1] != '\\') return true;
  return u.rfind("https://", 0) == 0 || u.rfind("http://", 0) == 0;
}

bj::object quickRepliesJson(const bj::object& o) {
  auto it = o.find("options");
  if (it == o.end() || !it->value().is_array()) throw json::FieldError{"content.options", "must be an array"};
  const auto& arr = it->value().get_array();
  if (arr.empty() || arr.size() > kMaxQuickReplies)
    throw json::FieldError{"content.options", "must hold 1 to " + std::to_string(kMaxQuickReplies) + " options"};
  bj::array out;
  for (std::size_t i = 0; i < arr.size(); ++i) {
    const std::string at = "content.options[" + std::to_string(i) + "]";
    if (!arr[i].is_object()) throw json::FieldError{at, "must be an object"};
    const auto& opt = arr[i].get_object();
    out.push_back(bj::object{{"id", contentText(opt, "id", at + ".id", kMaxBotOptionIdChars, true)},
                             {"label", contentText(opt, "label", at + ".label", kMaxBotLabelChars, true)}});
  }
  return {{"type", "quick_replies"}, {"options", std::move(out)}};
}

bj::object articles(const bj::object& o) {
  auto it = o.find("articles");
  if (it == o.end() || !it->value().is_array()) throw json::FieldError{"content.articles", "must be an array"};
  const auto& arr = it->value().get_array();
  if (arr.empty() || arr.size() > kMaxContentArticles)
    throw json::FieldError{"content.articles", "must hold 1 to " + std::to_string(kMaxContentArticles) + " articles"};
  bj::array out;
  for (std::size_t i = 0; i < arr.size(); ++i) {
    const std::string at = "content.articles[" + std::to_string(i) + "]";
    if (!arr[i].is_object()) throw json::FieldError{at, "must be an object"};
    const auto& a = arr[i].get_object();
    auto id = json::optInt(a, "id");
    if (!id || *id <= 0) throw json::FieldError{at + ".id", "must be a positive integer"};
    auto url = contentText(a, "url", at + ".url", kMaxCardUrlChars, true);
    if (!safeUrl(url)) throw json::FieldError{at + ".url", "must be a path or an http(s) URL"};
    out.push_back(bj::object{{"id", *id},
                             {"title", contentText(a, "title", at + ".title", kMaxCardTitleChars, true)},
                             {"excerpt", contentText(a, "excerpt", at + ".excerpt", kMaxCardExcerptChars, false)},
                             {"url", std::move(url)}});
  }
  return {{"type", "articles"}, {"articles", std::move(out)}};
}

}  // namespace

std::string parseMessageContent(const bj::value& v) {
  if (!v.is_object()) throw json::FieldError{"content", "must be an object"};
  const auto& o = v.as_object();
  if (o.contains("ai")) throw json::FieldError{"content.ai", "is set by the server only"};
  auto type = contentText(o, "type", "content.type", 40, true);
  if (type == "quick_replies") return bj::serialize(quickRepliesJson(o));
  if (type == "articles") return bj::serialize(articles(o));
  throw json::FieldError{"content.type", "must be quick_replies or articles"};
}

std::string parseReplyToOption(const bj::value& v) {
  if (!v.is_object()) throw json::FieldError{"reply_to_option", "must be an object"};
  const auto& o = v.as_object();
  auto id = json::optInt(o, "message_id");
  if (!id || *id <= 0) throw json::FieldError{"reply_to_option.message_id", "must be a positive integer"};
  auto option = contentText(o, "option_id", "reply_to_option.option_id", kMaxBotOptionIdChars, true);
  return bj::serialize(bj::object{{"type", "reply_to_option"}, {"message_id", *id}, {"option_id", option}});
}

bool isReplyToOption(std::string_view stored) { return stored.rfind(R"({"type":"reply_to_option")", 0) == 0; }

std::string quickRepliesContent(const std::vector<QuickReply>& options) {
  bj::array out;
  for (const auto& o : options) {
    if (out.size() >= kMaxQuickReplies) break;
    out.push_back(bj::object{{"id", o.id}, {"label", o.label}});
  }
  return bj::serialize(bj::object{{"type", "quick_replies"}, {"options", std::move(out)}});
}

std::string articlesContent(const std::vector<ArticleCard>& cards, bool ai) {
  bj::array out;
  for (const auto& a : cards) {
    if (out.size() >= kMaxContentArticles) break;
    out.push_back(bj::object{{"id", a.id},
                             {"title", truncateUtf8(a.title, kMaxCardTitleChars * 4)},
                             {"excerpt", truncateUtf8(a.excerpt, kMaxCardExcerptChars)},
                             {"url", a.url}});
  }
  bj::object o{{"type", "articles"}, {"articles", std::move(out)}};
  if (ai) o["ai"] = true;
  return bj::serialize(o);
}

std::optional<std::string> pressedOptionId(std::string_view stored) {
  if (!isReplyToOption(stored)) return std::nullopt;
  boost::system::error_code ec;
  auto v = bj::parse(stored, ec);
  if (ec || !v.is_object()) return std::nullopt;
  if (const auto* id = v.as_object().if_contains("option_id"); id && id->is_string())
    return std::string(id->get_string());
  return std::nullopt;
}

std::optional<ContentField> contentField(std::string_view stored) {
  if (stored.empty()) return std::nullopt;
  boost::system::error_code ec;
  auto v = bj::parse(stored, ec);
  if (ec || !v.is_object()) return std::nullopt;
  auto& o = v.as_object();
  if (isReplyToOption(stored)) {
    o.erase("type");
    return ContentField{"reply_to_option", bj::serialize(o)};
  }
  return ContentField{"content", bj::serialize(o)};
}

}  // namespace parley
