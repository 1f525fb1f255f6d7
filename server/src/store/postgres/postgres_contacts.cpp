// PostgresStore: contacts (visitors), their page views, and the contact search.
#include "store/postgres/pg_rows.h"
#include "store/postgres/postgres_store.h"

namespace parley {

namespace {

// An empty hash is "no token": NULL, so that many token-less contacts do not collide on UNIQUE.
std::optional<std::string_view> pgTokenOrNull(std::string_view token_hash) {
  if (token_hash.empty()) return std::nullopt;
  return token_hash;
}

std::optional<Contact> firstContact(const pg::Result& r) {
  if (r.empty()) return std::nullopt;
  return pg::readContact(r, 0);
}

std::vector<Contact> allContacts(const pg::Result& r) {
  std::vector<Contact> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) out.push_back(pg::readContact(r, i));
  return out;
}

}  // namespace

Contact PostgresStore::createContact(const Contact& in, std::string_view visitor_token_hash) {
  Contact ct = in;
  auto c = pool_->acquire();
  ct.id = c->exec("INSERT INTO contacts(workspace_id, visitor_token_hash, external_id, name, email, attributes, "
                  "country, timezone, language, browser, os, current_url, current_title, first_seen_at, last_seen_at) "
                  "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
                  ct.workspace_id, pgTokenOrNull(visitor_token_hash), ct.external_id, ct.name, ct.email,
                  ct.attributes_json, ct.country, ct.timezone, ct.language, ct.browser, ct.os, ct.current_url,
                  ct.current_title, ct.first_seen_at, ct.last_seen_at)
              .i64(0, 0);
  return ct;
}

std::optional<Contact> PostgresStore::contactByVisitorToken(Id workspace_id, std::string_view token_hash) {
  static const std::string sql =
      pg::kSelectContact +
      "WHERE ct.workspace_id = $2 AND (ct.visitor_token_hash = $1 OR "
      "ct.id = (SELECT contact_id FROM visitor_tokens WHERE token_hash = $1))";
  if (token_hash.empty()) return std::nullopt;
  auto c = pool_->acquire();
  return firstContact(c->exec(sql, token_hash, workspace_id));
}

std::optional<Contact> PostgresStore::contactById(Id workspace_id, Id id) {
  auto c = pool_->acquire();
  return loadContact(*c, workspace_id, id);
}

std::optional<Contact> PostgresStore::loadContact(pg::Connection& c, Id workspace_id, Id id) {
  static const std::string sql = pg::kSelectContact + "WHERE ct.id = $1 AND ct.workspace_id = $2";
  return firstContact(c.exec(sql, id, workspace_id));
}

std::optional<Contact> PostgresStore::contactByExternalId(Id workspace_id, std::string_view external_id) {
  static const std::string sql = pg::kSelectContact + "WHERE ct.workspace_id = $1 AND ct.external_id = $2";
  auto c = pool_->acquire();
  return firstContact(c->exec(sql, workspace_id, external_id));
}

void PostgresStore::updateContact(const Contact& ct) {
  auto c = pool_->acquire();
  c->exec("UPDATE contacts SET external_id = $3, name = $4, email = $5, attributes = $6, country = $7, "
          "timezone = $8, language = $9, browser = $10, os = $11, current_url = $12, current_title = $13, "
          "first_seen_at = $14, last_seen_at = $15 WHERE id = $1 AND workspace_id = $2",
          ct.id, ct.workspace_id, ct.external_id, ct.name, ct.email, ct.attributes_json, ct.country, ct.timezone,
          ct.language, ct.browser, ct.os, ct.current_url, ct.current_title, ct.first_seen_at, ct.last_seen_at);
}

void PostgresStore::addPageView(const PageView& pv) {
  auto c = pool_->acquire();
  pg::Tx tx(*c);
  // Through the contact so a page view can only land on a contact of its own workspace.
  c->exec("INSERT INTO page_views(workspace_id, contact_id, url, title, referrer, created_at) "
          "SELECT workspace_id, id, $3::text, $4::text, $5::text, $6::bigint FROM contacts WHERE id = $2 AND workspace_id = $1",
          pv.workspace_id, pv.contact_id, pv.url, pv.title, pv.referrer, pv.created_at);
  c->exec("UPDATE contacts SET current_url = $3, current_title = $4, last_seen_at = greatest(last_seen_at, $5::bigint) "
          "WHERE id = $2 AND workspace_id = $1",
          pv.workspace_id, pv.contact_id, pv.url, pv.title, pv.created_at);
  // Retention: a contact keeps its newest kMaxPageViewsPerContact views, so a script reloading a
  // page forever costs a bounded number of rows, not disk without end.
  c->exec("DELETE FROM page_views WHERE contact_id = $1 AND id < "
          "(SELECT id FROM page_views WHERE contact_id = $1 ORDER BY id DESC LIMIT 1 OFFSET $2)",
          pv.contact_id, kMaxPageViewsPerContact - 1);
  tx.commit();
}

std::vector<PageView> PostgresStore::pageViews(Id workspace_id, Id contact_id, int limit) {
  auto c = pool_->acquire();
  auto r = c->exec("SELECT id, url, title, referrer, created_at FROM page_views "
                   "WHERE contact_id = $1 AND workspace_id = $2 ORDER BY created_at DESC, id DESC LIMIT $3",
                   contact_id, workspace_id, pg::clampLimit(limit, 50, 1000));
  std::vector<PageView> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i)
    out.push_back(PageView{r.i64(i, 0), workspace_id, contact_id, r.text(i, 1), r.text(i, 2), r.text(i, 3),
                           r.i64(i, 4)});
  return out;
}

std::vector<Contact> PostgresStore::contactsSeenSince(Id workspace_id, Millis since, int limit) {
  static const std::string sql = pg::kSelectContact +
                                 "WHERE ct.workspace_id = $1 AND ct.last_seen_at >= $2 "
                                 "ORDER BY ct.last_seen_at DESC, ct.id DESC LIMIT $3";
  auto c = pool_->acquire();
  return allContacts(c->exec(sql, workspace_id, since, pg::clampLimit(limit, 100, 1000)));
}

std::vector<Contact> PostgresStore::searchContacts(Id workspace_id, std::string_view query, int limit) {
  // lower(... COLLATE "C") folds ASCII only: SQLite's LIKE, whatever the database's locale.
  static const std::string sql = pg::kSelectContact +
                                 "WHERE ct.workspace_id = $1 AND (lower(ct.name COLLATE \"C\") LIKE $2 "
                                 "OR lower(ct.email COLLATE \"C\") LIKE $2 "
                                 "OR lower(ct.external_id COLLATE \"C\") LIKE $2) "
                                 "ORDER BY ct.last_seen_at DESC, ct.id DESC LIMIT $3";
  if (query.find_first_not_of(" \t\r\n") == std::string_view::npos) return {};
  auto c = pool_->acquire();
  return allContacts(c->exec(sql, workspace_id, pg::likeContainsLower(query), pg::clampLimit(limit, 20, 100)));
}

}  // namespace parley
