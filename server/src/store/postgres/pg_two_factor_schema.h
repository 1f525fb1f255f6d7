// PostgreSQL migration 14 (issue 16, item 5): agents' two-factor authentication (store/two_factor_store.h).
#pragma once

namespace parley {

constexpr const char* kPostgresTwoFactorSchema = R"sql(
CREATE TABLE agent_two_factor (
  agent_id BIGINT PRIMARY KEY REFERENCES agents(id) ON DELETE CASCADE,
  secret TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  enabled_at BIGINT NOT NULL DEFAULT 0,
  last_step BIGINT
);
CREATE TABLE agent_recovery_codes (
  agent_id BIGINT NOT NULL REFERENCES agent_two_factor(agent_id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  PRIMARY KEY (agent_id, code_hash)
);
)sql";

}  // namespace parley
