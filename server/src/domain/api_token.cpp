#include "domain/api_token.h"

namespace parley {

std::string_view toString(ApiTokenScope s) {
  switch (s) {
    case ApiTokenScope::Read: return "read";
    case ApiTokenScope::Write: return "write";
    case ApiTokenScope::Admin: return "admin";
  }
  return "read";
}

std::optional<ApiTokenScope> parseApiTokenScope(std::string_view s) {
  if (s == "read") return ApiTokenScope::Read;
  if (s == "write") return ApiTokenScope::Write;
  if (s == "admin") return ApiTokenScope::Admin;
  return std::nullopt;
}

bool apiTokenScopeAllows(ApiTokenScope scope, std::string_view method, bool admin_only) {
  if (admin_only) return scope == ApiTokenScope::Admin;
  if (method == "GET" || method == "HEAD") return true;
  return scope != ApiTokenScope::Read;
}

}  // namespace parley
