// Row <-> record mapping shared by the SQLite store's files: the column lists every SELECT of a
// record uses (so each reader knows the column order), and small value helpers.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.h"
#include "store/sqlite/sqlite_db.h"

namespace parley::sqlite {

// "SELECT <cols> FROM conversations c JOIN contacts ct ..." — append WHERE/ORDER BY.
extern const std::string kSelectConversation;
// The conversation's columns alone (c.*, ct.*), for joins that select more than a conversation.
extern const std::string kConversationColumns;
inline constexpr int kConversationColumnCount = 28;
Conversation readConversation(const Query& q, int first = 0);

// "SELECT <cols> FROM messages m LEFT JOIN agents a ..." — append WHERE/ORDER BY.
extern const std::string kSelectMessage;
extern const std::string kMessageColumns;
inline constexpr int kMessageColumnCount = 14;
Message readMessage(const Query& q, int first = 0);

extern const std::string kSelectAgent;  // FROM agents a
Agent readAgent(const Query& q, int first = 0);

extern const std::string kSelectContact;  // FROM contacts ct
Contact readContact(const Query& q, int first = 0);

extern const std::string kSelectWorkspace;  // FROM workspaces w
Workspace readWorkspace(const Query& q, int first = 0);

// A column holding one of an enum's words. The schema's CHECK constraints keep other words out, so
// one here means a damaged file: throws std::runtime_error rather than guessing.
template <NamedEnum E>
E readEnum(const Query& q, int column) {
  const std::string word = q.text(column);
  if (auto e = parseEnum<E>(word)) return *e;
  throw std::runtime_error("unexpected value '" + word + "' in the database");
}

std::string tagsToJson(const std::vector<std::string>& tags);
std::vector<std::string> tagsFromJson(std::string_view json);

// A LIKE pattern (with ESCAPE '\\') matching `text` literally anywhere: % _ and \\ in it are escaped.
std::string likeContains(std::string_view text);
// limit <= 0 means `fallback`; anything above `max` is cut to `max`.
int clampLimit(int limit, int fallback, int max);
std::string lowerAscii(std::string_view s);
Millis nowMillis();  // only for bookkeeping the caller cannot supply (migration times)

}  // namespace parley::sqlite
