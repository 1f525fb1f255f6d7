// Row <-> record mapping shared by the PostgreSQL store's files: the column lists every SELECT of
// a record uses (so each reader knows the column order), and small value helpers. The columns and
// their order are those of the SQLite backend's sqlite_rows.h.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.h"
#include "store/postgres/pg_connection.h"

namespace parley::pg {

// "SELECT <cols> FROM conversations c JOIN contacts ct ..." — append WHERE/ORDER BY.
extern const std::string kSelectConversation;
extern const std::string kConversationColumns;
inline constexpr int kConversationColumnCount = 28;
Conversation readConversation(const Result& r, int row, int first = 0);

// "SELECT <cols> FROM messages m LEFT JOIN agents a ..." — append WHERE/ORDER BY.
extern const std::string kSelectMessage;
extern const std::string kMessageColumns;
inline constexpr int kMessageColumnCount = 14;
Message readMessage(const Result& r, int row, int first = 0);

extern const std::string kSelectContact;  // FROM contacts ct
inline constexpr int kContactColumnCount = 15;
Contact readContact(const Result& r, int row, int first = 0);

// A column holding one of an enum's words; the schema's CHECK constraints keep others out, so
// one here means a damaged database.
template <NamedEnum E>
E readEnum(const Result& r, int row, int col) {
  const std::string word = r.text(row, col);
  if (auto e = parseEnum<E>(word)) return *e;
  throw std::runtime_error("unexpected value '" + word + "' in the database");
}

std::string tagsToJson(const std::vector<std::string>& tags);
std::vector<std::string> tagsFromJson(std::string_view json);

// A LIKE pattern (with ESCAPE '\') matching `text`, lower-cased for ASCII, literally anywhere.
// Compared with lower(column COLLATE "C"), which folds ASCII only: the SQLite backend's LIKE.
std::string likeContainsLower(std::string_view text);
// limit <= 0 means `fallback`; anything above `max` is cut to `max`.
int clampLimit(int limit, int fallback, int max);

// Builds a statement's parameter list next to its SQL text: add() returns the placeholder.
class Params {
 public:
  template <class T>
  std::string add(const T& v) {
    values_.push_back(toParam(v));
    return "$" + std::to_string(values_.size());
  }
  const std::vector<Param>& values() const { return values_; }

 private:
  std::vector<Param> values_;
};

}  // namespace parley::pg
