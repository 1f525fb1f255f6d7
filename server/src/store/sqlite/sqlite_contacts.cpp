// SqliteStore: contacts (visitors), their page views, search, and merges (identify and an agent's).
#include <stdexcept>

#include "store/campaign_merge_sql.h"
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace parley {

using sqlite::Tx;

namespace {

// An empty hash is "no token": NULL, so that many token-less contacts do not collide on UNIQUE.
std::optional<std::string_view> tokenOrNull(std::string_view token_hash) {
  if (token_hash.empty()) return std::nullopt;
  return token_hash;
}

}  // namespace

Contact SqliteStore::createContact(const Contact& in, std::string_view visitor_token_hash) {
  Contact c = in;
  std::lock_guard lock(mu_);
  sqlite::RelaxedDurability relaxed(*db_);
  db_->query(
         "INSERT INTO contacts(workspace_id, visitor_token_hash, external_id, name, email, attributes, country, "
         "timezone, language, browser, os, current_url, current_title, first_seen_at, last_seen_at) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)")
      .bind(c.workspace_id, tokenOrNull(visitor_token_hash), c.external_id, c.name, c.email, c.attributes_json,
            c.country, c.timezone, c.language, c.browser, c.os, c.current_url, c.current_title, c.first_seen_at,
            c.last_seen_at)
      .run();
  c.id = db_->lastInsertId();
  return c;
}

std::optional<Contact> SqliteStore::contactByVisitorToken(Id workspace_id, std::string_view token_hash) {
  static const std::string sql =
      sqlite::kSelectContact +
      "WHERE ct.workspace_id = ?2 AND (ct.visitor_token_hash = ?1 OR "
      "ct.id = (SELECT contact_id FROM visitor_tokens WHERE token_hash = ?1))";
  if (token_hash.empty()) return std::nullopt;
  std::lock_guard lock(mu_);
  auto q = db_->query(sql);
  if (!q.bind(token_hash, workspace_id).step()) return std::nullopt;
  return sqlite::readContact(q);
}

std::optional<Contact> SqliteStore::contactById(Id workspace_id, Id id) {
  std::lock_guard lock(mu_);
  return loadContact(workspace_id, id);
}

std::optional<Contact> SqliteStore::loadContact(Id workspace_id, Id id) {
  static const std::string sql = sqlite::kSelectContact + "WHERE ct.id = ?1 AND ct.workspace_id = ?2";
  auto q = db_->query(sql);
  if (!q.bind(id, workspace_id).step()) return std::nullopt;
  return sqlite::readContact(q);
}

std::optional<Contact> SqliteStore::contactByExternalId(Id workspace_id, std::string_view external_id) {
  static const std::string sql = sqlite::kSelectContact + "WHERE ct.workspace_id = ?1 AND ct.external_id = ?2";
  std::lock_guard lock(mu_);
  auto q = db_->query(sql);
  if (!q.bind(workspace_id, external_id).step()) return std::nullopt;
  return sqlite::readContact(q);
}

void SqliteStore::updateContact(const Contact& c) {
  std::lock_guard lock(mu_);
  sqlite::RelaxedDurability relaxed(*db_);
  db_->query(
         "UPDATE contacts SET external_id = ?3, name = ?4, email = ?5, attributes = ?6, country = ?7, "
         "timezone = ?8, language = ?9, browser = ?10, os = ?11, current_url = ?12, current_title = ?13, "
         "first_seen_at = ?14, last_seen_at = ?15 WHERE id = ?1 AND workspace_id = ?2")
      .bind(c.id, c.workspace_id, c.external_id, c.name, c.email, c.attributes_json, c.country, c.timezone,
            c.language, c.browser, c.os, c.current_url, c.current_title, c.first_seen_at, c.last_seen_at)
      .run();
}

void SqliteStore::addPageView(const PageView& pv) {
  std::lock_guard lock(mu_);
  sqlite::RelaxedDurability relaxed(*db_);
  Tx tx(*db_);
  // Through the contact so a page view can only land on a contact of its own workspace.
  db_->query(
         "INSERT INTO page_views(workspace_id, contact_id, url, title, referrer, created_at) "
         "SELECT workspace_id, id, ?3, ?4, ?5, ?6 FROM contacts WHERE id = ?2 AND workspace_id = ?1")
      .bind(pv.workspace_id, pv.contact_id, pv.url, pv.title, pv.referrer, pv.created_at)
      .run();
  db_->query(
         "UPDATE contacts SET current_url = ?3, current_title = ?4, last_seen_at = max(last_seen_at, ?5) "
         "WHERE id = ?2 AND workspace_id = ?1")
      .bind(pv.workspace_id, pv.contact_id, pv.url, pv.title, pv.created_at)
      .run();
  // Retention: a contact keeps its newest kMaxPageViewsPerContact views, so a script reloading a
  // page forever costs a bounded number of rows, not disk without end.
  db_->query(
         "DELETE FROM page_views WHERE contact_id = ?1 AND id < "
         "(SELECT id FROM page_views WHERE contact_id = ?1 ORDER BY id DESC LIMIT 1 OFFSET ?2)")
      .bind(pv.contact_id, static_cast<std::int64_t>(kMaxPageViewsPerContact - 1))
      .run();
  tx.commit();
}

std::vector<PageView> SqliteStore::pageViews(Id workspace_id, Id contact_id, int limit) {
  std::lock_guard lock(mu_);
  std::vector<PageView> out;
  auto q = db_->query(
      "SELECT id, url, title, referrer, created_at FROM page_views "
      "WHERE contact_id = ?1 AND workspace_id = ?2 ORDER BY created_at DESC, id DESC LIMIT ?3");
  q.bind(contact_id, workspace_id, sqlite::clampLimit(limit, 50, 1000));
  while (q.step()) {
    out.push_back(PageView{q.i64(0), workspace_id, contact_id, q.text(1), q.text(2), q.text(3), q.i64(4)});
  }
  return out;
}

std::vector<Contact> SqliteStore::contactsSeenSince(Id workspace_id, Millis since, int limit) {
  static const std::string sql = sqlite::kSelectContact +
                                 "WHERE ct.workspace_id = ?1 AND ct.last_seen_at >= ?2 "
                                 "ORDER BY ct.last_seen_at DESC, ct.id DESC LIMIT ?3";
  std::lock_guard lock(mu_);
  std::vector<Contact> out;
  auto q = db_->query(sql);
  q.bind(workspace_id, since, sqlite::clampLimit(limit, 100, 1000));
  while (q.step()) out.push_back(sqlite::readContact(q));
  return out;
}

std::vector<Contact> SqliteStore::searchContacts(Id workspace_id, std::string_view query, int limit) {
  static const std::string sql = sqlite::kSelectContact +
                                 "WHERE ct.workspace_id = ?1 AND (ct.name LIKE ?2 ESCAPE '\\' "
                                 "OR ct.email LIKE ?2 ESCAPE '\\' OR ct.external_id LIKE ?2 ESCAPE '\\') "
                                 "ORDER BY ct.last_seen_at DESC, ct.id DESC LIMIT ?3";
  std::vector<Contact> out;
  if (query.find_first_not_of(" \t\r\n") == std::string_view::npos) return out;
  std::lock_guard lock(mu_);
  auto q = db_->query(sql);
  q.bind(workspace_id, sqlite::likeContains(query), sqlite::clampLimit(limit, 20, 100));
  while (q.step()) out.push_back(sqlite::readContact(q));
  return out;
}

std::optional<ContactMerge> SqliteStore::mergeContacts(Id workspace_id, Id from_id, Id into_id,
                                                       std::string_view visitor_token_hash, Millis now) {
  std::lock_guard lock(mu_);
  Tx tx(*db_);
  auto from = loadContact(workspace_id, from_id);
  auto into = loadContact(workspace_id, into_id);
  if (!from || !into) return std::nullopt;
  ContactMerge out;
  if (from_id != into_id) out = mergeLocked(workspace_id, *from, into_id, now);
  if (!visitor_token_hash.empty()) {
    // An extra token: the devices that identified before keep theirs.
    db_->query("INSERT INTO visitor_tokens(token_hash, contact_id, created_at) VALUES (?1, ?2, ?3)")
        .bind(visitor_token_hash, into_id, now)
        .run();
  }
  out.contact = *loadContact(workspace_id, into_id);
  tx.commit();
  return out;
}

std::optional<ContactMerge> SqliteStore::mergeDuplicateContact(Id workspace_id, Id from_id, Id into_id, Millis now) {
  if (from_id == into_id) throw std::invalid_argument("a contact cannot be merged into itself");
  std::lock_guard lock(mu_);
  Tx tx(*db_);
  auto from = loadContact(workspace_id, from_id);
  auto into = loadContact(workspace_id, into_id);
  if (!from || !into) return std::nullopt;
  // Two users of the customer's site are two people: merging would lose one user id, and that user's
  // next identify would make a new contact anyway.
  if (from->external_id && into->external_id && *from->external_id != *into->external_id)
    throw StoreConflict("both contacts are identified users of your site with different user ids", "into_id");
  // The duplicate's devices go on as the survivor: their tokens name it from now on.
  std::optional<std::string> first_token;
  {
    auto q = db_->query("SELECT visitor_token_hash FROM contacts WHERE id = ?1 AND workspace_id = ?2");
    if (q.bind(from_id, workspace_id).step()) first_token = q.optText(0);
  }
  db_->query("UPDATE visitor_tokens SET contact_id = ?2 WHERE contact_id = ?1").bind(from_id, into_id).run();
  ContactMerge out = mergeLocked(workspace_id, *from, into_id, now);
  if (first_token) {
    db_->query("INSERT OR IGNORE INTO visitor_tokens(token_hash, contact_id, created_at) VALUES (?1, ?2, ?3)")
        .bind(*first_token, into_id, now)
        .run();
  }
  // After the duplicate's row is gone, so that UNIQUE(workspace_id, external_id) never sees both.
  if (from->external_id && !into->external_id) {
    db_->query("UPDATE contacts SET external_id = ?2 WHERE id = ?1").bind(into_id, *from->external_id).run();
  }
  out.contact = *loadContact(workspace_id, into_id);
  tx.commit();
  return out;
}

ContactMerge SqliteStore::mergeLocked(Id workspace_id, const Contact& from, Id into_id, Millis now) {
  const Id from_id = from.id;
  ContactMerge out;
  std::vector<Id> moved;
  {
    auto q = db_->query("SELECT id FROM conversations WHERE contact_id = ?1 AND workspace_id = ?2 ORDER BY id");
    q.bind(from_id, workspace_id);
    while (q.step()) moved.push_back(q.i64(0));
  }
  db_->query("UPDATE conversations SET contact_id = ?2 WHERE contact_id = ?1 AND workspace_id = ?3")
      .bind(from_id, into_id, workspace_id)
      .run();
  db_->query(
         "UPDATE messages SET sender_id = ?2 WHERE sender_type = 'visitor' AND sender_id = ?1 "
         "AND workspace_id = ?3")
      .bind(from_id, into_id, workspace_id)
      .run();
  db_->query("UPDATE page_views SET contact_id = ?2 WHERE contact_id = ?1").bind(from_id, into_id).run();
  db_->query(kMergeDeliveredRecipientsSqlite).bind(from_id, into_id).run();
  db_->query(kMoveRecipientsSqlite).bind(from_id, into_id).run();
  // The known contact keeps what it has and learns what only the visitor knew (attributes too: its
  // own values win on a shared key).
  db_->query(
         "UPDATE contacts SET "
         "name = coalesce(contacts.name, f.name), email = coalesce(contacts.email, f.email), "
         "attributes = json_patch(f.attributes, contacts.attributes), "
         "country = coalesce(contacts.country, f.country), timezone = coalesce(contacts.timezone, f.timezone), "
         "language = coalesce(contacts.language, f.language), browser = coalesce(f.browser, contacts.browser), "
         "os = coalesce(f.os, contacts.os), current_url = coalesce(f.current_url, contacts.current_url), "
         "current_title = coalesce(f.current_title, contacts.current_title), "
         "first_seen_at = min(contacts.first_seen_at, f.first_seen_at), "
         "last_seen_at = max(contacts.last_seen_at, f.last_seen_at) "
         "FROM (SELECT * FROM contacts WHERE id = ?1) AS f WHERE contacts.id = ?2")
      .bind(from_id, into_id)
      .run();
  db_->query("DELETE FROM contacts WHERE id = ?1").bind(from_id).run();
  for (Id conversation_id : moved) {
    auto offset = logEvent(workspace_id, "conversation.updated", conversation_id, std::nullopt, now);
    out.moved.push_back(ConversationChange{*loadConversation(workspace_id, conversation_id), offset});
  }
  return out;
}

}  // namespace parley

namespace parley {

std::optional<std::int64_t> SqliteStore::logContactUpdated(Id workspace_id, Id contact_id, Millis now) {
  std::lock_guard lock(mu_);
  Tx tx(*db_);
  std::optional<Id> newest;
  {
    auto q = db_->query("SELECT max(id) FROM conversations WHERE workspace_id = ?1 AND contact_id = ?2");
    if (q.bind(workspace_id, contact_id).step()) newest = q.optI64(0);
  }
  if (!newest) return std::nullopt;
  auto offset = logEvent(workspace_id, "contact.updated", *newest, std::nullopt, now);
  tx.commit();
  return offset;
}

}  // namespace parley
