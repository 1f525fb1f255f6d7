// API tokens (issue 15, item 6; domain/api_token.h): a workspace's named integration tokens, kept
// as SHA-256 hex of the token (never the token), with the admin who made it, its scope and when it
// was last used. Revoking deletes the row.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/api_token.h"
#include "domain/model.h"

namespace parley {

struct ApiToken {
  Id id = 0;
  Id workspace_id = 0;
  std::string name;
  ApiTokenScope scope = ApiTokenScope::Read;
  Id created_by = 0;  // the admin it acts as
  Millis created_at = 0;
  std::optional<Millis> last_used_at;
  std::string hint;  // secretHint (domain/secret_hint.h)
};

class ApiTokenStore {
 public:
  virtual ~ApiTokenStore() = default;

  virtual ApiToken createApiToken(Id workspace_id, std::string_view name, ApiTokenScope scope, Id created_by,
                                  std::string_view token_hash, std::string_view hint, Millis now) = 0;
  virtual std::vector<ApiToken> listApiTokens(Id workspace_id) = 0;  // newest first
  virtual std::size_t countApiTokens(Id workspace_id) = 0;
  // Across workspaces (the token names its workspace); nullopt: unknown or revoked.
  virtual std::optional<ApiToken> apiTokenByHash(std::string_view token_hash) = 0;
  virtual void touchApiToken(Id workspace_id, Id id, Millis now) = 0;
  virtual bool deleteApiToken(Id workspace_id, Id id) = 0;  // false: not found
};

}  // namespace parley
