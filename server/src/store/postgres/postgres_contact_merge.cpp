// PostgresStore: merging two contacts into one — identify (an anonymous visitor turns out to be a
// known user) and an agent's merge of a duplicate. Each is one transaction that locks the
// workspace's event counter, then both contacts (by id), then the moved conversations.
#include <algorithm>
#include <boost/json.hpp>
#include <stdexcept>

#include "store/campaign_merge_sql.h"
#include "store/postgres/pg_rows.h"
#include "store/postgres/postgres_store.h"

namespace parley {

namespace {

// RFC 7386 JSON merge patch, as SQLite's json_patch(target, patch) computes it: the patch's
// members win, a null in the patch removes the member, objects merge member by member, and the
// target's members keep their order (new ones follow). Text that is not a JSON object counts as {}.
boost::json::value mergePatch(boost::json::value target, const boost::json::value& patch) {
  if (!patch.is_object()) return patch;
  if (!target.is_object()) target = boost::json::object{};
  auto& out = target.as_object();
  for (const auto& member : patch.as_object()) {
    const auto key = member.key();
    const auto& value = member.value();
    if (value.is_null()) {
      out.erase(key);
    } else if (auto* existing = out.if_contains(key)) {
      *existing = mergePatch(std::move(*existing), value);
    } else {
      out.emplace(key, mergePatch(boost::json::value{}, value));
    }
  }
  return target;
}

boost::json::value parseObject(const std::string& json) {
  boost::json::error_code ec;
  auto v = boost::json::parse(json, ec);
  if (ec || !v.is_object()) return boost::json::object{};
  return v;
}

// What the survivor becomes: it keeps what it has and learns what only the other knew (its own
// attribute values win on a shared key); the device facts and the current page are the newer
// visitor's. The SQLite backend's merge, column by column.
Contact merged(const Contact& from, const Contact& into) {
  Contact c = into;
  if (!c.name) c.name = from.name;
  if (!c.email) c.email = from.email;
  // Re-serialised only when the other contact brings attributes: boost::json writes numbers in
  // its own form (1.5 as 1.5E0), the same value in other text.
  if (auto learned = parseObject(from.attributes_json); !learned.as_object().empty())
    c.attributes_json = boost::json::serialize(mergePatch(std::move(learned), parseObject(into.attributes_json)));
  if (!c.country) c.country = from.country;
  if (!c.timezone) c.timezone = from.timezone;
  if (!c.language) c.language = from.language;
  if (from.browser) c.browser = from.browser;
  if (from.os) c.os = from.os;
  if (from.current_url) c.current_url = from.current_url;
  if (from.current_title) c.current_title = from.current_title;
  c.first_seen_at = std::min(into.first_seen_at, from.first_seen_at);
  c.last_seen_at = std::max(into.last_seen_at, from.last_seen_at);
  return c;
}

// Both contacts locked, in id order; nullopt when either is not in the workspace.
std::optional<std::pair<Contact, Contact>> lockPair(pg::Connection& c, Id workspace_id, Id from_id, Id into_id) {
  static const std::string sql = pg::kSelectContact + "WHERE ct.workspace_id = $1 AND ct.id = ANY($2::bigint[]) "
                                                      "ORDER BY ct.id FOR UPDATE";
  auto r = c.exec(sql, workspace_id, std::vector<std::int64_t>{from_id, into_id});
  std::optional<Contact> from, into;
  for (int i = 0; i < r.rows(); ++i) {
    Contact ct = pg::readContact(r, i);
    if (ct.id == from_id) from = ct;
    if (ct.id == into_id) into = ct;
  }
  if (!from || !into) return std::nullopt;
  return std::make_pair(*from, *into);
}

}  // namespace

std::optional<ContactMerge> PostgresStore::mergeContacts(Id workspace_id, Id from_id, Id into_id,
                                                         std::string_view visitor_token_hash, Millis now) {
  auto c = pool_->acquire();
  pg::Tx tx(*c);
  lockEventCounters(*c, {workspace_id});
  auto pair = lockPair(*c, workspace_id, from_id, into_id);
  if (!pair) return std::nullopt;
  ContactMerge out;
  if (from_id != into_id) out = mergeLocked(*c, workspace_id, pair->first, pair->second, now);
  if (!visitor_token_hash.empty()) {
    // An extra token: the devices that identified before keep theirs.
    c->exec("INSERT INTO visitor_tokens(token_hash, contact_id, created_at) VALUES ($1, $2, $3)", visitor_token_hash,
            into_id, now);
  }
  out.contact = *loadContact(*c, workspace_id, into_id);
  tx.commit();
  return out;
}

std::optional<ContactMerge> PostgresStore::mergeDuplicateContact(Id workspace_id, Id from_id, Id into_id, Millis now) {
  if (from_id == into_id) throw std::invalid_argument("a contact cannot be merged into itself");
  auto c = pool_->acquire();
  pg::Tx tx(*c);
  lockEventCounters(*c, {workspace_id});
  auto pair = lockPair(*c, workspace_id, from_id, into_id);
  if (!pair) return std::nullopt;
  const Contact& from = pair->first;
  const Contact& into = pair->second;
  // Two users of the customer's site are two people: merging would lose one user id, and that
  // user's next identify would make a new contact anyway.
  if (from.external_id && into.external_id && *from.external_id != *into.external_id)
    throw StoreConflict("both contacts are identified users of your site with different user ids", "into_id");
  // The duplicate's devices go on as the survivor: their tokens name it from now on.
  auto first_token = c->exec("SELECT visitor_token_hash FROM contacts WHERE id = $1", from_id).optText(0, 0);
  c->exec("UPDATE visitor_tokens SET contact_id = $2 WHERE contact_id = $1", from_id, into_id);
  ContactMerge out = mergeLocked(*c, workspace_id, from, into, now);
  if (first_token) {
    c->exec("INSERT INTO visitor_tokens(token_hash, contact_id, created_at) VALUES ($1, $2, $3) "
            "ON CONFLICT (token_hash) DO NOTHING",
            *first_token, into_id, now);
  }
  // After the duplicate's row is gone, so that UNIQUE(workspace_id, external_id) never sees both.
  if (from.external_id && !into.external_id)
    c->exec("UPDATE contacts SET external_id = $2 WHERE id = $1", into_id, *from.external_id);
  out.contact = *loadContact(*c, workspace_id, into_id);
  tx.commit();
  return out;
}

ContactMerge PostgresStore::mergeLocked(pg::Connection& c, Id workspace_id, const Contact& from, const Contact& into,
                                        Millis now) {
  ContactMerge out;
  auto moved = c.exec("SELECT id FROM conversations WHERE contact_id = $1 AND workspace_id = $2 ORDER BY id FOR UPDATE",
                      from.id, workspace_id);
  c.exec("UPDATE conversations SET contact_id = $2 WHERE contact_id = $1 AND workspace_id = $3", from.id, into.id,
         workspace_id);
  c.exec("UPDATE messages SET sender_id = $2 WHERE sender_type = 'visitor' AND sender_id = $1 AND workspace_id = $3",
         from.id, into.id, workspace_id);
  c.exec("UPDATE page_views SET contact_id = $2 WHERE contact_id = $1", from.id, into.id);
  c.exec(kMergeDeliveredRecipientsPostgres, from.id, into.id);
  c.exec(kMoveRecipientsPostgres, from.id, into.id);
  c.exec("DELETE FROM contacts WHERE id = $1", from.id);
  const Contact m = merged(from, into);
  c.exec("UPDATE contacts SET name = $2, email = $3, attributes = $4, country = $5, timezone = $6, language = $7, "
         "browser = $8, os = $9, current_url = $10, current_title = $11, first_seen_at = $12, last_seen_at = $13 "
         "WHERE id = $1",
         into.id, m.name, m.email, m.attributes_json, m.country, m.timezone, m.language, m.browser, m.os,
         m.current_url, m.current_title, m.first_seen_at, m.last_seen_at);
  for (int i = 0; i < moved.rows(); ++i) {
    const Id conversation_id = moved.i64(i, 0);
    auto offset = logEvent(c, workspace_id, "conversation.updated", conversation_id, std::nullopt, now);
    out.moved.push_back(ConversationChange{*loadConversation(c, workspace_id, conversation_id), offset});
  }
  return out;
}

}  // namespace parley

namespace parley {

std::optional<std::int64_t> PostgresStore::logContactUpdated(Id workspace_id, Id contact_id, Millis now) {
  auto c = pool_->acquire();
  pg::Tx tx(*c);
  auto r = c->exec("SELECT max(id) FROM conversations WHERE workspace_id = $1 AND contact_id = $2", workspace_id,
                   contact_id);
  auto newest = r.optI64(0, 0);
  if (!newest) return std::nullopt;
  lockEventCounters(*c, {workspace_id});
  auto offset = logEvent(*c, workspace_id, "contact.updated", *newest, std::nullopt, now);
  tx.commit();
  return offset;
}

}  // namespace parley
