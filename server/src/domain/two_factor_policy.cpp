#include "domain/two_factor_policy.h"

#include <boost/json.hpp>

namespace parley {

bool requiresTwoFactor(std::string_view settings_json) {
  // Cheap first: most workspaces never set it, and this runs on every agent request.
  if (settings_json.find("require_two_factor") == std::string_view::npos) return false;
  boost::system::error_code ec;
  auto v = boost::json::parse(settings_json, ec);
  if (ec || !v.is_object()) return false;
  const auto* flag = v.get_object().if_contains("require_two_factor");
  return flag && flag->is_bool() && flag->get_bool();
}

}  // namespace parley
