// JSON views of the domain records, shared by REST answers and WebSocket frames so that a
// conversation looks the same wherever a client meets it (docs/protocol.md, "Objects").
#pragma once

#include <boost/json.hpp>

#include "domain/model.h"

namespace parley::json {

boost::json::object agent(const Agent& a);
boost::json::object workspacePublic(const Workspace& w);
boost::json::object workspaceAdmin(const Workspace& w);
boost::json::object contact(const Contact& c, bool online);
boost::json::object conversation(const Conversation& c);
// What a visitor may see of a conversation: no assignee, team, tags or priority.
boost::json::object conversationForVisitor(const Conversation& c);
// True when a number in `v` is not finite: "1e400" parses as infinity, which no field may hold
// (it breaks integer conversion and is written back as text no JSON parser takes). Parsing
// bounds the depth (32), so the walk is bounded too.
bool hasNonFiniteNumber(const boost::json::value& v);

// for_visitor: "seq" is the visitor's count (Message::visitor_seq), which skips private notes.
boost::json::object message(const Message& m, bool for_visitor = false);
boost::json::object pageView(const PageView& p);
boost::json::object team(const Team& t);

// Parses stored JSON text, falling back to `fallback` when the text is not valid JSON.
boost::json::value parseOr(std::string_view text, boost::json::value fallback);

// Field access on client input: nullopt when absent; throws FieldError when present but wrong.
struct FieldError {
  std::string field;
  std::string message;
};
std::optional<std::string> optString(const boost::json::object& o, std::string_view key);
std::optional<std::int64_t> optInt(const boost::json::object& o, std::string_view key);
std::optional<bool> optBool(const boost::json::object& o, std::string_view key);
std::string reqString(const boost::json::object& o, std::string_view key);
std::int64_t reqInt(const boost::json::object& o, std::string_view key);
bool isNull(const boost::json::object& o, std::string_view key);

}  // namespace parley::json
