// A streaming JSON writer for the hottest frames (message.created goes to every agent of a
// workspace for every message): it appends straight into one string instead of building a
// boost::json tree of ~30 allocated nodes and serializing it. The output parses to exactly what
// json_codec's builders produce (a unit test compares them record by record).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/model.h"

namespace parley::json {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& beginObject();
  JsonWriter& endObject();
  JsonWriter& beginArray();
  JsonWriter& endArray();
  JsonWriter& key(std::string_view k);  // k must need no escaping (our own field names)
  JsonWriter& string(std::string_view s);
  JsonWriter& stringOrNull(const std::optional<std::string>& s);
  JsonWriter& number(std::int64_t n);
  JsonWriter& numberOrNull(const std::optional<std::int64_t>& n);
  JsonWriter& boolean(bool b);
  JsonWriter& null();
  JsonWriter& raw(std::string_view json);  // already-valid JSON text

 private:
  void separate();
  std::string& out_;
  bool first_ = true;      // no comma before the next member or element
  bool after_key_ = false; // the next value follows a key: no comma either
};

// Same fields and values as json::message / json::conversation / json::conversationForVisitor.
// for_visitor: "seq" is the visitor's count (Message::visitor_seq).
void writeMessage(JsonWriter& w, const Message& m, bool for_visitor = false);
void writeConversation(JsonWriter& w, const Conversation& c);
void writeConversationForVisitor(JsonWriter& w, const Conversation& c);

std::string messageJson(const Message& m, bool for_visitor = false);
std::string conversationJson(const Conversation& c);
std::string conversationForVisitorJson(const Conversation& c);

}  // namespace parley::json
