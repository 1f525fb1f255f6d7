#include "http/responses.h"

#include <boost/json.hpp>

namespace parley {

HttpResponse jsonResponse(int status, const boost::json::value& body) {
  HttpResponse r;
  r.status = status;
  r.body = boost::json::serialize(body);
  return r;
}

HttpResponse errorResponse(int status, std::string_view code, std::string_view message, std::string_view field) {
  boost::json::object err{{"code", code}, {"message", message}};
  if (!field.empty()) err["field"] = field;
  return jsonResponse(status, boost::json::object{{"error", std::move(err)}});
}

HttpResponse noContent() {
  HttpResponse r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

}  // namespace parley
