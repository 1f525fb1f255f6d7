#include "wire/error_frame.h"

#include <boost/json.hpp>

namespace parley {

std::string errorFrame(std::string_view code, std::string_view message, std::string_view field,
                       std::string_view client_id) {
  boost::json::object o{{"type", "error"}, {"code", code}, {"message", message}};
  if (!field.empty()) o["field"] = field;
  if (!client_id.empty()) o["client_id"] = client_id;
  return boost::json::serialize(o);
}

}  // namespace parley
