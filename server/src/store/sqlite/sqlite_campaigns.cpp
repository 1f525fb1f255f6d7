// SqliteStore: campaigns, their recipients and statistics (store/campaign_store.h). One connection
// behind one mutex, so each claim below is one statement that no other caller can interleave with.
#include <unordered_map>

#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_segment_sql.h"
#include "store/sqlite/sqlite_store.h"

namespace parley {

namespace {

constexpr const char* kSelectCampaign =
    "SELECT id, workspace_id, name, segment_id, sender_agent_id, body, state, scheduled_at, started_at, "
    "finished_at, created_at, updated_at FROM campaigns ";

Campaign readCampaign(sqlite::Query& q) {
  Campaign c;
  c.id = q.i64(0);
  c.workspace_id = q.i64(1);
  c.name = q.text(2);
  c.segment_id = q.optI64(3);
  c.sender_agent_id = q.optI64(4);
  c.body = q.text(5);
  c.state = parseCampaignState(q.text(6)).value_or(CampaignState::Draft);
  c.scheduled_at = q.optI64(7);
  c.started_at = q.optI64(8);
  c.finished_at = q.optI64(9);
  c.created_at = q.i64(10);
  c.updated_at = q.i64(11);
  return c;
}

// targeted, delivered, seen, replied of each campaign of the workspace (one campaign: ?2).
constexpr const char* kStats =
    "SELECT r.campaign_id, count(*), count(*) FILTER (WHERE r.state = 'delivered'), "
    "count(*) FILTER (WHERE r.state = 'delivered' AND c.visitor_last_read_seq >= r.message_seq), "
    "count(*) FILTER (WHERE r.state = 'delivered' AND EXISTS (SELECT 1 FROM messages m WHERE "
    "m.conversation_id = r.conversation_id AND m.sender_type = 'visitor' AND m.seq > r.message_seq)) "
    "FROM campaign_recipients r LEFT JOIN conversations c ON c.id = r.conversation_id "
    "WHERE r.workspace_id = ?1";

}  // namespace

Campaign SqliteStore::createCampaign(const Campaign& c) {
  std::lock_guard lock(mu_);
  sqlite::Tx tx(*db_);
  auto n = db_->query("SELECT count(*) FROM campaigns WHERE workspace_id = ?1");
  n.bind(c.workspace_id).step();
  if (n.i64(0) >= static_cast<std::int64_t>(kMaxCampaignsPerWorkspace))
    throw StoreConflict("a workspace has at most " + std::to_string(kMaxCampaignsPerWorkspace) + " campaigns");
  db_->query(
         "INSERT INTO campaigns(workspace_id, name, segment_id, sender_agent_id, body, state, scheduled_at, "
         "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)")
      .bind(c.workspace_id, c.name, c.segment_id, c.sender_agent_id, c.body, toString(c.state), c.scheduled_at,
            c.created_at)
      .run();
  Campaign out = c;
  out.id = db_->lastInsertId();
  out.updated_at = c.created_at;
  tx.commit();
  return out;
}

std::vector<Campaign> SqliteStore::listCampaigns(Id workspace_id) {
  std::lock_guard lock(mu_);
  std::vector<Campaign> out;
  auto q = db_->query(std::string(kSelectCampaign) + "WHERE workspace_id = ?1 ORDER BY id DESC");
  q.bind(workspace_id);
  while (q.step()) out.push_back(readCampaign(q));
  std::unordered_map<Id, CampaignStats> stats;
  auto s = db_->query(std::string(kStats) + " GROUP BY r.campaign_id");
  s.bind(workspace_id);
  while (s.step()) stats[s.i64(0)] = CampaignStats{s.i64(1), s.i64(2), s.i64(3), s.i64(4)};
  for (auto& c : out)
    if (auto it = stats.find(c.id); it != stats.end()) c.stats = it->second;
  return out;
}

std::optional<Campaign> SqliteStore::campaignById(Id workspace_id, Id id) {
  std::lock_guard lock(mu_);
  return loadCampaign(workspace_id, id);
}

std::optional<Campaign> SqliteStore::loadCampaign(Id workspace_id, Id id) {
  auto q = db_->query(std::string(kSelectCampaign) + "WHERE id = ?1 AND workspace_id = ?2");
  if (!q.bind(id, workspace_id).step()) return std::nullopt;
  Campaign c = readCampaign(q);
  auto s = db_->query(std::string(kStats) + " AND r.campaign_id = ?2 GROUP BY r.campaign_id");
  if (s.bind(workspace_id, id).step()) c.stats = CampaignStats{s.i64(1), s.i64(2), s.i64(3), s.i64(4)};
  return c;
}

std::optional<Campaign> SqliteStore::updateCampaign(const Campaign& c) {
  std::lock_guard lock(mu_);
  sqlite::Tx tx(*db_);
  db_->query(
         "UPDATE campaigns SET name = ?3, segment_id = ?4, sender_agent_id = ?5, body = ?6, state = ?7, "
         "scheduled_at = ?8, updated_at = ?9 WHERE id = ?1 AND workspace_id = ?2 AND state IN ('draft', 'scheduled')")
      .bind(c.id, c.workspace_id, c.name, c.segment_id, c.sender_agent_id, c.body, toString(c.state), c.scheduled_at,
            c.updated_at)
      .run();
  if (db_->changes() == 0) {
    if (!loadCampaign(c.workspace_id, c.id)) return std::nullopt;
    throw StoreConflict("the campaign has started: it can no longer be changed", "state");
  }
  auto out = loadCampaign(c.workspace_id, c.id);
  tx.commit();
  return out;
}

std::optional<Campaign> SqliteStore::cancelCampaign(Id workspace_id, Id id, Millis now) {
  std::lock_guard lock(mu_);
  sqlite::Tx tx(*db_);
  db_->query(
         "UPDATE campaigns SET state = 'cancelled', finished_at = ?3, updated_at = ?3 WHERE id = ?1 AND "
         "workspace_id = ?2 AND state IN ('draft', 'scheduled', 'sending')")
      .bind(id, workspace_id, now)
      .run();
  if (db_->changes() == 0) {
    if (!loadCampaign(workspace_id, id)) return std::nullopt;
    throw StoreConflict("the campaign is sent or cancelled already", "state");
  }
  auto out = loadCampaign(workspace_id, id);
  tx.commit();
  return out;
}

bool SqliteStore::deleteCampaign(Id workspace_id, Id id) {
  std::lock_guard lock(mu_);
  sqlite::Tx tx(*db_);
  db_->query("DELETE FROM campaigns WHERE id = ?1 AND workspace_id = ?2 AND state <> 'sending'")
      .bind(id, workspace_id)
      .run();
  if (db_->changes() == 0) {
    if (!loadCampaign(workspace_id, id)) return false;
    throw StoreConflict("the campaign is sending: cancel it first", "state");
  }
  tx.commit();
  return true;
}

std::vector<Campaign> SqliteStore::dueCampaigns(Millis now, int limit) {
  std::lock_guard lock(mu_);
  std::vector<Campaign> out;
  auto q = db_->query(std::string(kSelectCampaign) +
                      "WHERE state = 'scheduled' AND scheduled_at <= ?1 ORDER BY scheduled_at, id LIMIT ?2");
  q.bind(now, limit);
  while (q.step()) out.push_back(readCampaign(q));
  return out;
}

bool SqliteStore::startCampaign(Id workspace_id, Id campaign_id, const ContactQuery& cq, Millis now) {
  const sqlite::SegmentSql segment(cq, 4);
  std::lock_guard lock(mu_);
  sqlite::Tx tx(*db_);
  db_->query(
         "UPDATE campaigns SET state = 'sending', started_at = ?3, updated_at = ?3 WHERE id = ?1 AND "
         "workspace_id = ?2 AND state = 'scheduled' AND scheduled_at <= ?3")
      .bind(campaign_id, workspace_id, now)
      .run();
  if (db_->changes() == 0) return false;
  auto q = db_->uncached(
      "INSERT OR IGNORE INTO campaign_recipients(campaign_id, contact_id, workspace_id, state) "
      "SELECT ?2, ct.id, ct.workspace_id, 'pending' FROM contacts ct WHERE ct.workspace_id = ?1" +
      segment.where + " ORDER BY ct.id LIMIT ?3");
  q.bindAt(1, workspace_id);
  q.bindAt(2, campaign_id);
  q.bindAt(3, kMaxCampaignRecipients);
  segment.bind(q);
  q.run();
  tx.commit();
  return true;
}

std::vector<Campaign> SqliteStore::sendingCampaigns(int limit) {
  std::lock_guard lock(mu_);
  std::vector<Campaign> out;
  auto q = db_->query(std::string(kSelectCampaign) + "WHERE state = 'sending' ORDER BY id LIMIT ?1");
  q.bind(limit);
  while (q.step()) out.push_back(readCampaign(q));
  return out;
}

std::vector<CampaignDelivery> SqliteStore::claimRecipients(Id workspace_id, Id campaign_id,
                                                           std::span<const Id> contact_ids, Millis now,
                                                           Millis lease_until, int limit) {
  if (contact_ids.empty()) return {};
  std::string ids = "[";
  for (std::size_t i = 0; i < contact_ids.size(); ++i) ids += (i ? "," : "") + std::to_string(contact_ids[i]);
  ids += "]";
  std::lock_guard lock(mu_);
  auto campaign = loadCampaign(workspace_id, campaign_id);
  if (!campaign || campaign->state != CampaignState::Sending || !campaign->sender_agent_id) return {};
  std::vector<CampaignDelivery> out;
  auto q = db_->query(
      "UPDATE campaign_recipients SET state = 'claimed', claimed_until = ?4 WHERE campaign_id = ?1 AND "
      "workspace_id = ?2 AND contact_id IN (SELECT r.contact_id FROM campaign_recipients r WHERE r.campaign_id = ?1 "
      "AND r.contact_id IN (SELECT value FROM json_each(?3)) AND (r.state = 'pending' OR (r.state = 'claimed' "
      "AND r.claimed_until <= ?5)) LIMIT ?6) RETURNING contact_id");
  q.bind(campaign_id, workspace_id, ids, lease_until, now, limit);
  while (q.step())
    out.push_back(CampaignDelivery{campaign_id, workspace_id, q.i64(0), *campaign->sender_agent_id, campaign->body});
  return out;
}

bool SqliteStore::markRecipientDelivered(Id workspace_id, Id campaign_id, Id contact_id, Id conversation_id,
                                         std::int64_t message_seq, Millis now) {
  std::lock_guard lock(mu_);
  db_->query(
         "UPDATE campaign_recipients SET state = 'delivered', claimed_until = NULL, conversation_id = ?4, "
         "message_seq = ?5, delivered_at = ?6 WHERE campaign_id = ?1 AND contact_id = ?2 AND workspace_id = ?3 "
         "AND state <> 'delivered'")
      .bind(campaign_id, contact_id, workspace_id, conversation_id, message_seq, now)
      .run();
  return db_->changes() > 0;
}

void SqliteStore::markRecipientFailed(Id workspace_id, Id campaign_id, Id contact_id, Millis) {
  std::lock_guard lock(mu_);
  db_->query(
         "UPDATE campaign_recipients SET state = 'failed', claimed_until = NULL WHERE campaign_id = ?1 AND "
         "contact_id = ?2 AND workspace_id = ?3 AND state <> 'delivered'")
      .bind(campaign_id, contact_id, workspace_id)
      .run();
}

int SqliteStore::finishCampaigns(Millis now, Millis window_started_before) {
  std::lock_guard lock(mu_);
  db_->query(
         "UPDATE campaigns SET state = 'sent', finished_at = ?1, updated_at = ?1 WHERE state = 'sending' AND "
         "(started_at < ?2 OR NOT EXISTS (SELECT 1 FROM campaign_recipients r WHERE r.campaign_id = campaigns.id "
         "AND r.state IN ('pending', 'claimed')))")
      .bind(now, window_started_before)
      .run();
  return db_->changes();
}

}  // namespace parley
