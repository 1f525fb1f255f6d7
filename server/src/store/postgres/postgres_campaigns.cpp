// PostgresStore: campaigns, their recipients and statistics (store/campaign_store.h). Every node
// runs the campaign job; what only one may do is decided by row locks here:
//  - startCampaign: the UPDATE of a 'scheduled' row locks it; a second node's UPDATE waits, then
//    finds it 'sending' and changes nothing, so only one records recipients (in the same transaction);
//  - claimRecipients: FOR UPDATE SKIP LOCKED, re-checked on the newest row, so concurrent callers
//    get disjoint sets and a recipient claimed by a committed call is no longer pending;
//  - markRecipientDelivered: "state <> 'delivered'" re-checked after the row lock: true once.
#include <unordered_map>

#include "store/postgres/pg_rows.h"
#include "store/postgres/pg_segment_sql.h"
#include "store/postgres/postgres_store.h"

namespace parley {

namespace {

constexpr const char* kCampaignColumns =
    "id, workspace_id, name, segment_id, sender_agent_id, body, state, scheduled_at, started_at, finished_at, "
    "created_at, updated_at";

std::string selectCampaign() { return std::string("SELECT ") + kCampaignColumns + " FROM campaigns "; }

Campaign campaignAt(const pg::Result& r, int i) {
  Campaign c;
  c.id = r.i64(i, 0);
  c.workspace_id = r.i64(i, 1);
  c.name = r.text(i, 2);
  c.segment_id = r.optI64(i, 3);
  c.sender_agent_id = r.optI64(i, 4);
  c.body = r.text(i, 5);
  c.state = parseCampaignState(r.text(i, 6)).value_or(CampaignState::Draft);
  c.scheduled_at = r.optI64(i, 7);
  c.started_at = r.optI64(i, 8);
  c.finished_at = r.optI64(i, 9);
  c.created_at = r.i64(i, 10);
  c.updated_at = r.i64(i, 11);
  return c;
}

// As SQLite's (sqlite_campaigns.cpp): targeted, delivered, seen, replied per campaign.
constexpr const char* kPgCampaignStats =
    "SELECT r.campaign_id, count(*), count(*) FILTER (WHERE r.state = 'delivered'), "
    "count(*) FILTER (WHERE r.state = 'delivered' AND c.visitor_last_read_seq >= r.message_seq), "
    "count(*) FILTER (WHERE r.state = 'delivered' AND EXISTS (SELECT 1 FROM messages m WHERE "
    "m.conversation_id = r.conversation_id AND m.sender_type = 'visitor' AND m.seq > r.message_seq)) "
    "FROM campaign_recipients r LEFT JOIN conversations c ON c.id = r.conversation_id "
    "WHERE r.workspace_id = $1";

CampaignStats readStats(const pg::Result& r, int i) {
  return CampaignStats{r.i64(i, 1), r.i64(i, 2), r.i64(i, 3), r.i64(i, 4)};
}

std::optional<Campaign> load(pg::Connection& c, Id workspace_id, Id id) {
  auto r = c.exec(selectCampaign() + "WHERE id = $1 AND workspace_id = $2", id, workspace_id);
  if (r.rows() == 0) return std::nullopt;
  Campaign out = campaignAt(r, 0);
  auto s = c.exec(std::string(kPgCampaignStats) + " AND r.campaign_id = $2 GROUP BY r.campaign_id", workspace_id, id);
  if (s.rows() > 0) out.stats = readStats(s, 0);
  return out;
}

}  // namespace

Campaign PostgresStore::createCampaign(const Campaign& k) {
  auto c = pool_->acquire();
  pg::Tx tx(*c);
  c->exec("SELECT 1 FROM workspaces WHERE id = $1 FOR UPDATE", k.workspace_id);
  if (c->exec("SELECT count(*) FROM campaigns WHERE workspace_id = $1", k.workspace_id).i64(0, 0) >=
      static_cast<std::int64_t>(kMaxCampaignsPerWorkspace))
    throw StoreConflict("a workspace has at most " + std::to_string(kMaxCampaignsPerWorkspace) + " campaigns");
  Campaign out = k;
  out.id = c->exec("INSERT INTO campaigns(workspace_id, name, segment_id, sender_agent_id, body, state, scheduled_at, "
                   "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
                   k.workspace_id, k.name, k.segment_id, k.sender_agent_id, k.body, std::string(toString(k.state)),
                   k.scheduled_at, k.created_at)
               .i64(0, 0);
  out.updated_at = k.created_at;
  tx.commit();
  return out;
}

std::vector<Campaign> PostgresStore::listCampaigns(Id workspace_id) {
  auto c = pool_->acquire();
  auto r = c->exec(selectCampaign() + "WHERE workspace_id = $1 ORDER BY id DESC", workspace_id);
  std::vector<Campaign> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(campaignAt(r, i));
  auto s = c->exec(std::string(kPgCampaignStats) + " GROUP BY r.campaign_id", workspace_id);
  std::unordered_map<Id, CampaignStats> stats;
  for (int i = 0; i < s.rows(); ++i) stats[s.i64(i, 0)] = readStats(s, i);
  for (auto& k : out)
    if (auto it = stats.find(k.id); it != stats.end()) k.stats = it->second;
  return out;
}

std::optional<Campaign> PostgresStore::campaignById(Id workspace_id, Id id) {
  auto c = pool_->acquire();
  return load(*c, workspace_id, id);
}

std::optional<Campaign> PostgresStore::updateCampaign(const Campaign& k) {
  auto c = pool_->acquire();
  auto r = c->exec("UPDATE campaigns SET name = $3, segment_id = $4, sender_agent_id = $5, body = $6, state = $7, "
                   "scheduled_at = $8, updated_at = $9 WHERE id = $1 AND workspace_id = $2 AND state IN ('draft', 'scheduled')",
                   k.id, k.workspace_id, k.name, k.segment_id, k.sender_agent_id, k.body, std::string(toString(k.state)),
                   k.scheduled_at, k.updated_at);
  if (r.affected() == 0) {
    if (!load(*c, k.workspace_id, k.id)) return std::nullopt;
    throw StoreConflict("the campaign has started: it can no longer be changed", "state");
  }
  return load(*c, k.workspace_id, k.id);
}

std::optional<Campaign> PostgresStore::cancelCampaign(Id workspace_id, Id id, Millis now) {
  auto c = pool_->acquire();
  auto r = c->exec("UPDATE campaigns SET state = 'cancelled', finished_at = $3, updated_at = $3 WHERE id = $1 AND "
                   "workspace_id = $2 AND state IN ('draft', 'scheduled', 'sending')",
                   id, workspace_id, now);
  if (r.affected() == 0) {
    if (!load(*c, workspace_id, id)) return std::nullopt;
    throw StoreConflict("the campaign is sent or cancelled already", "state");
  }
  return load(*c, workspace_id, id);
}

bool PostgresStore::deleteCampaign(Id workspace_id, Id id) {
  auto c = pool_->acquire();
  auto r = c->exec("DELETE FROM campaigns WHERE id = $1 AND workspace_id = $2 AND state <> 'sending'", id, workspace_id);
  if (r.affected() == 0) {
    if (!load(*c, workspace_id, id)) return false;
    throw StoreConflict("the campaign is sending: cancel it first", "state");
  }
  return true;
}

std::vector<Campaign> PostgresStore::dueCampaigns(Millis now, int limit) {
  auto c = pool_->acquire();
  auto r = c->exec(selectCampaign() + "WHERE state = 'scheduled' AND scheduled_at <= $1 ORDER BY scheduled_at, id LIMIT $2",
                   now, limit);
  std::vector<Campaign> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(campaignAt(r, i));
  return out;
}

bool PostgresStore::startCampaign(Id workspace_id, Id campaign_id, const ContactQuery& q, Millis now) {
  auto c = pool_->acquire();
  pg::Tx tx(*c);
  auto claimed = c->exec("UPDATE campaigns SET state = 'sending', started_at = $3, updated_at = $3 WHERE id = $1 AND "
                         "workspace_id = $2 AND state = 'scheduled' AND scheduled_at <= $3",
                         campaign_id, workspace_id, now);
  if (claimed.affected() == 0) return false;
  pg::Params p;
  const std::string ws = p.add(workspace_id), campaign = p.add(campaign_id), limit = p.add(kMaxCampaignRecipients);
  std::string sql = "INSERT INTO campaign_recipients(campaign_id, contact_id, workspace_id, state) SELECT " + campaign +
                    "::bigint, ct.id, ct.workspace_id, 'pending' FROM contacts ct WHERE ct.workspace_id = " + ws +
                    "::bigint";
  sql += pg::segmentWhere(q, p);
  sql += " ORDER BY ct.id LIMIT " + limit + "::bigint ON CONFLICT DO NOTHING";
  c->execParams(sql, p.values());
  tx.commit();
  return true;
}

std::vector<Campaign> PostgresStore::sendingCampaigns(int limit) {
  auto c = pool_->acquire();
  auto r = c->exec(selectCampaign() + "WHERE state = 'sending' ORDER BY id LIMIT $1", limit);
  std::vector<Campaign> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(campaignAt(r, i));
  return out;
}

std::vector<CampaignDelivery> PostgresStore::claimRecipients(Id workspace_id, Id campaign_id,
                                                             std::span<const Id> contact_ids, Millis now,
                                                             Millis lease_until, int limit) {
  if (contact_ids.empty()) return {};
  auto c = pool_->acquire();
  auto campaign = c->exec("SELECT sender_agent_id, body FROM campaigns WHERE id = $1 AND workspace_id = $2 AND "
                          "state = 'sending' AND sender_agent_id IS NOT NULL",
                          campaign_id, workspace_id);
  if (campaign.rows() == 0) return {};
  const Id sender = campaign.i64(0, 0);
  const std::string body = campaign.text(0, 1);
  const std::vector<std::int64_t> ids(contact_ids.begin(), contact_ids.end());
  // The rows are picked in a CTE: as a FROM subquery the planner may rescan it per outer row, and
  // each rescan skips the rows already updated and adds more, past the LIMIT.
  auto r = c->exec("WITH d AS (SELECT contact_id FROM campaign_recipients WHERE campaign_id = $1 AND workspace_id = $2 AND "
                   "contact_id = ANY($3::bigint[]) AND (state = 'pending' OR (state = 'claimed' AND claimed_until <= $5)) "
                   "ORDER BY contact_id LIMIT $6 FOR UPDATE SKIP LOCKED) "
                   "UPDATE campaign_recipients r SET state = 'claimed', claimed_until = $4 FROM d "
                   "WHERE r.campaign_id = $1 AND r.contact_id = d.contact_id RETURNING r.contact_id",
                   campaign_id, workspace_id, ids, lease_until, now, limit);
  std::vector<CampaignDelivery> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(CampaignDelivery{campaign_id, workspace_id, r.i64(i, 0), sender, body});
  return out;
}

bool PostgresStore::markRecipientDelivered(Id workspace_id, Id campaign_id, Id contact_id, Id conversation_id,
                                           std::int64_t message_seq, Millis now) {
  auto c = pool_->acquire();
  return c->exec("UPDATE campaign_recipients SET state = 'delivered', claimed_until = NULL, conversation_id = $4, "
                 "message_seq = $5, delivered_at = $6 WHERE campaign_id = $1 AND contact_id = $2 AND workspace_id = $3 "
                 "AND state <> 'delivered'",
                 campaign_id, contact_id, workspace_id, conversation_id, message_seq, now)
             .affected() > 0;
}

void PostgresStore::markRecipientFailed(Id workspace_id, Id campaign_id, Id contact_id, Millis) {
  auto c = pool_->acquire();
  c->exec("UPDATE campaign_recipients SET state = 'failed', claimed_until = NULL WHERE campaign_id = $1 AND "
          "contact_id = $2 AND workspace_id = $3 AND state <> 'delivered'",
          campaign_id, contact_id, workspace_id);
}

int PostgresStore::finishCampaigns(Millis now, Millis window_started_before) {
  auto c = pool_->acquire();
  return static_cast<int>(
      c->exec("UPDATE campaigns SET state = 'sent', finished_at = $1, updated_at = $1 WHERE state = 'sending' AND "
              "(started_at < $2 OR NOT EXISTS (SELECT 1 FROM campaign_recipients r WHERE r.campaign_id = campaigns.id "
              "AND r.state IN ('pending', 'claimed')))",
              now, window_started_before)
          .affected());
}

}  // namespace parley
