// A segment's condition (store/segment_sql.h) for PostgreSQL statements, its values added to `p`.
#pragma once

#include <string>
#include <variant>

#include "store/postgres/pg_rows.h"
#include "store/segment_sql.h"

namespace parley::pg {

inline std::string segmentWhere(const ContactQuery& q, Params& p) {
  return segmentCondition(q, SqlDialect::Postgres,
                          [&p](SqlValue v) { return std::visit([&p](const auto& x) { return p.add(x); }, v); });
}

}  // namespace parley::pg
