// PostgresAccounts: canned replies (an agent types /shortcut to insert the body).
#include "store/postgres/postgres_accounts.h"

namespace parley {

CannedReply PostgresAccounts::createCannedReply(Id workspace_id, std::string_view shortcut, std::string_view body) {
  auto c = pool_.acquire();
  Id id = c->exec("INSERT INTO canned_replies(workspace_id, shortcut, body) VALUES ($1, $2, $3) RETURNING id",
                  workspace_id, shortcut, body)
              .i64(0, 0);
  return CannedReply{id, workspace_id, std::string(shortcut), std::string(body)};
}

std::vector<CannedReply> PostgresAccounts::listCannedReplies(Id workspace_id) {
  // COLLATE "C": by bytes, as SQLite orders text, whatever locale the database was made with.
  auto c = pool_.acquire();
  auto r = c->exec("SELECT id, shortcut, body FROM canned_replies WHERE workspace_id = $1 "
                   "ORDER BY shortcut COLLATE \"C\", id",
                   workspace_id);
  std::vector<CannedReply> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) out.push_back(CannedReply{r.i64(i, 0), workspace_id, r.text(i, 1), r.text(i, 2)});
  return out;
}

std::optional<CannedReply> PostgresAccounts::updateCannedReply(const CannedReply& r) {
  auto c = pool_.acquire();
  auto updated = c->exec("UPDATE canned_replies SET shortcut = $3, body = $4 WHERE id = $1 AND workspace_id = $2",
                         r.id, r.workspace_id, r.shortcut, r.body);
  if (updated.affected() == 0) return std::nullopt;
  return r;
}

bool PostgresAccounts::deleteCannedReply(Id workspace_id, Id id) {
  auto c = pool_.acquire();
  return c->exec("DELETE FROM canned_replies WHERE id = $1 AND workspace_id = $2", id, workspace_id).affected() > 0;
}

}  // namespace parley
