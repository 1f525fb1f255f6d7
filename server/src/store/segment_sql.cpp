#include "store/segment_sql.h"

namespace parley {

namespace {

// ASCII lower case of a text column, the same on both backends (PostgreSQL's lower() under the
// "C" collation, like SQLite's, changes ASCII letters only).
std::string lowered(const std::string& expr, SqlDialect d) {
  return d == SqlDialect::Postgres ? "lower(" + expr + " COLLATE \"C\")" : "lower(" + expr + ")";
}

// The attribute's value as text ('true'/'false' for booleans on both backends), '' when absent.
std::string attributeSql(const std::string& key, SqlDialect d, const SqlParam& param) {
  if (d == SqlDialect::Postgres) return "coalesce((ct.attributes::jsonb) ->> " + param(key) + "::text, '')";
  // The key is letters, digits, '_', '-' and '.' (validateSegment): quoted, it is one path step.
  const std::string path = "$.\"" + key + "\"";
  return "coalesce(CASE json_type(ct.attributes, " + param(path) + ") WHEN 'true' THEN 'true' WHEN 'false' "
         "THEN 'false' ELSE CAST(json_extract(ct.attributes, " + param(path) + ") AS TEXT) END, '')";
}

std::string predicate(const ContactPredicate& p, SqlDialect d, const SqlParam& param) {
  switch (p.kind) {
    case PredicateKind::Identified:
      return "ct.external_id IS NOT NULL";
    case PredicateKind::EmailKnown:
      return "coalesce(ct.email, '') <> ''";
    case PredicateKind::OpenConversation:
      return "EXISTS (SELECT 1 FROM conversations c WHERE c.contact_id = ct.id AND c.status <> 'resolved')";
    case PredicateKind::CountryIs:
      return "coalesce(ct.country, '') = " + param(p.text);
    case PredicateKind::LanguageIs: {
      const std::string lang = lowered("coalesce(ct.language, '')", d);
      // The tag is letters, digits and '-' (validateSegment): no LIKE characters to escape.
      return "(" + lang + " = " + param(p.text) + " OR " + lang + " LIKE " + param(p.text + "-%") + ")";
    }
    case PredicateKind::LastSeenSince:
      return "ct.last_seen_at >= " + param(p.number);
    case PredicateKind::FirstSeenBefore:
      return "ct.first_seen_at < " + param(p.number);
    case PredicateKind::VisitedUrlLike:
      return "EXISTS (SELECT 1 FROM page_views pv WHERE pv.contact_id = ct.id AND " + lowered("pv.url", d) +
             " LIKE " + param(p.text) + " ESCAPE '\\')";
    case PredicateKind::AttributeEquals:
      return lowered(attributeSql(p.key, d, param), d) + " = " + param(p.text);
    case PredicateKind::AttributeLike:
      return lowered(attributeSql(p.key, d, param), d) + " LIKE " + param(p.text) + " ESCAPE '\\'";
  }
  return "1 = 0";
}

}  // namespace

std::string segmentCondition(const ContactQuery& q, SqlDialect d, const SqlParam& param) {
  if (q.predicates.empty()) return "";
  std::string out = " AND (";
  for (std::size_t i = 0; i < q.predicates.size(); ++i) {
    if (i) out += q.match_any ? " OR " : " AND ";
    const auto& p = q.predicates[i];
    out += (p.negate ? "NOT (" : "(") + predicate(p, d, param) + ")";
  }
  return out + ")";
}

}  // namespace parley
