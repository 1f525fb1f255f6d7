// Structured message content (issue 14, item 4): quick-reply buttons and article cards on a
// message, and a visitor's press of a quick reply. Stored as one canonical JSON object in the
// message's content column; the encoders emit it as "content" (quick_replies, articles) or as
// "reply_to_option" (a press). Client input is checked here, with the field named.
#pragma once

#include <boost/json/fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/bot_flow.h"

namespace parley {

inline constexpr std::size_t kMaxQuickReplies = 10;
inline constexpr std::size_t kMaxContentArticles = 3;
inline constexpr std::size_t kMaxCardTitleChars = 200;
inline constexpr std::size_t kMaxCardExcerptChars = 300;
inline constexpr std::size_t kMaxCardUrlChars = 500;

// A client's "content" value, as canonical JSON. Throws json::FieldError naming the field
// ("content.options[1].label"). "ai" is refused: only the server's AI answerer marks messages.
std::string parseMessageContent(const boost::json::value& v);

// A client's "reply_to_option" {message_id, option_id}, as the canonical content of a press.
std::string parseReplyToOption(const boost::json::value& v);

bool isReplyToOption(std::string_view stored);

// What the bot writes.
std::string quickRepliesContent(const std::vector<QuickReply>& options);
std::string articlesContent(const std::vector<ArticleCard>& articles, bool ai = false);

// The option a stored press names, if the content is one.
std::optional<std::string> pressedOptionId(std::string_view stored);

// For the encoders: the key ("content" or "reply_to_option") and its JSON text; nullopt when the
// message has no content (or a damaged row: a frame must never break on it).
struct ContentField {
  std::string_view key;
  std::string json;
};
std::optional<ContentField> contentField(std::string_view stored);

}  // namespace parley
