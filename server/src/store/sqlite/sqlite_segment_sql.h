// A segment's condition (store/segment_sql.h) for SQLite statements: numbered placeholders from
// `first` on, and their values to bind.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "store/segment_sql.h"
#include "store/sqlite/sqlite_db.h"

namespace parley::sqlite {

struct SegmentSql {
  std::string where;  // " AND (...)" or ""
  std::vector<SqlValue> args;
  int first = 1;

  SegmentSql(const ContactQuery& q, int first_index) : first(first_index) {
    where = segmentCondition(q, SqlDialect::Sqlite, [this](SqlValue v) {
      args.push_back(std::move(v));
      return "?" + std::to_string(first + static_cast<int>(args.size()) - 1);
    });
  }

  void bind(Query& q) const {
    for (std::size_t i = 0; i < args.size(); ++i)
      std::visit([&](const auto& v) { q.bindAt(first + static_cast<int>(i), v); }, args[i]);
  }
};

}  // namespace parley::sqlite
