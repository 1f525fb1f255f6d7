// Building answers: every error has the shape {"error":{"code","message","field"?}}.
#pragma once

#include <boost/json/fwd.hpp>
#include <string>

#include "http/request.h"

namespace parley {

HttpResponse jsonResponse(int status, const boost::json::value& body);
HttpResponse errorResponse(int status, std::string_view code, std::string_view message, std::string_view field = {});
HttpResponse noContent();

}  // namespace parley
