// A segment's contact predicates (domain/segment.h) as SQL for either backend, over contacts `ct`.
// Only constant fragments are written into the text; every value goes through `param`, which binds
// it and returns its placeholder ("?" on SQLite, "$n" on PostgreSQL).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <variant>

#include "domain/segment.h"

namespace parley {

enum class SqlDialect { Sqlite, Postgres };

using SqlValue = std::variant<std::int64_t, std::string>;
using SqlParam = std::function<std::string(SqlValue)>;

// " AND (...)" for the query's predicates, or "" when it has none (everyone).
std::string segmentCondition(const ContactQuery& q, SqlDialect dialect, const SqlParam& param);

}  // namespace parley
