// The streaming writer must say exactly what json_codec's builders say: clients parse one or the
// other depending on the path (a live frame or a REST answer).
#include <gtest/gtest.h>

#include "wire/json_codec.h"
#include "wire/json_writer.h"

namespace parley::json {
namespace {

namespace bj = boost::json;

bj::value parsed(const std::string& text) {
  boost::system::error_code ec;
  auto v = bj::parse(text, ec);
  EXPECT_FALSE(ec) << "not JSON: " << text;
  return v;
}

const std::string kTricky = std::string("quote \" backslash \\ slash / tab \t nl \n cr \r bell \x07 nul ") +
                            std::string(1, '\0') + " del \x7f unicode é 😀 </script>";

Message message(int variant) {
  Message m;
  m.id = 42;
  m.workspace_id = 3;
  m.conversation_id = 7;
  m.seq = 9;
  m.sender_type = variant == 0 ? SenderType::Visitor : SenderType::Agent;
  m.body = variant == 2 ? kTricky : "hello";
  m.created_at = 1'700'000'000'123;
  if (variant >= 1) {
    m.sender_id = 5;
    m.sender_name = variant == 2 ? kTricky : "Ann";
    if (variant == 2) m.sender_avatar_url = "https://example.com/a.png";
    m.client_id = "c-1";
    m.is_private = variant == 2;
  }
  if (variant == 3) m.attachments_json = R"([{"url":"/uploads/x.png","name":"x \"1\".png","size":12}])";
  if (variant == 4) m.attachments_json = "not json";
  return m;
}

Conversation conversation(int variant) {
  Conversation c;
  c.id = 7;
  c.workspace_id = 3;
  c.contact_id = 11;
  c.status = ConversationStatus::Open;
  c.priority = variant == 0 ? Priority::None : Priority::Urgent;
  c.last_seq = 9;
  c.created_at = 1000;
  c.updated_at = 2000;
  if (variant >= 1) {
    c.assignee_id = 5;
    c.team_id = 2;
    c.tags = {"billing", kTricky};
    c.first_reply_at = 1500;
    c.resolved_at = 1900;
    c.waiting_since = 1100;
    c.snoozed_until = 99999;
    c.visitor_last_read_seq = 8;
    c.agent_last_read_seq = 9;
    c.last_message = LastMessage{kTricky, SenderType::Visitor, 1800};
    c.csat_score = 4;
    c.csat_comment = "great";
    c.contact_name = "Bob";
    c.contact_email = "bob@example.com";
    c.contact_country = "DE";
  }
  return c;
}

TEST(JsonWriterTest, MessageMatchesTheBuilder) {
  for (int v = 0; v <= 4; ++v) {
    auto m = message(v);
    EXPECT_EQ(parsed(messageJson(m)), bj::value(json::message(m))) << "variant " << v << ": " << messageJson(m);
  }
}

TEST(JsonWriterTest, ConversationMatchesTheBuilder) {
  for (int v = 0; v <= 1; ++v) {
    auto c = conversation(v);
    EXPECT_EQ(parsed(conversationJson(c)), bj::value(json::conversation(c))) << "variant " << v;
    EXPECT_EQ(parsed(conversationForVisitorJson(c)), bj::value(json::conversationForVisitor(c))) << "variant " << v;
  }
}

TEST(JsonWriterTest, EscapesEveryControlCharacter) {
  std::string all;
  for (int c = 0; c < 0x20; ++c) all.push_back(static_cast<char>(c));
  std::string out;
  JsonWriter w(out);
  w.beginArray().string(all).string("").null().boolean(true).number(-12).numberOrNull(std::optional<std::int64_t>{}).endArray();
  auto v = parsed(out);
  ASSERT_TRUE(v.is_array());
  EXPECT_EQ(v.as_array().at(0).as_string(), all);
  EXPECT_EQ(v.as_array().at(1).as_string(), "");
  EXPECT_TRUE(v.as_array().at(2).is_null());
  EXPECT_EQ(v.as_array().at(4).as_int64(), -12);
  EXPECT_TRUE(v.as_array().at(5).is_null());
  EXPECT_EQ(out.find('\n'), std::string::npos) << "raw control characters must not reach the wire";
}

TEST(JsonWriterTest, NestedObjectsAndArraysGetTheirCommasRight) {
  std::string out;
  JsonWriter w(out);
  w.beginObject();
  w.key("a").beginArray().beginObject().key("x").number(1).endObject().beginObject().endObject().endArray();
  w.key("b").beginObject().key("c").beginArray().endArray().key("d").string("e").endObject();
  w.key("f").raw("[1,2]");
  w.endObject();
  EXPECT_EQ(out, R"({"a":[{"x":1},{}],"b":{"c":[],"d":"e"},"f":[1,2]})");
}

}  // namespace
}  // namespace parley::json
