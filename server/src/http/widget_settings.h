// The widget's settings as the visitor's frame gets them: stored settings laid over defaults,
// so a workspace that never opened the settings page still gets a complete, working widget.
#pragma once

#include <boost/json.hpp>

#include "domain/model.h"

namespace parley {

boost::json::object widgetSettings(const Workspace& ws);
// Validates a settings object from an admin; throws ApiError naming the bad key.
boost::json::object validateSettings(const boost::json::object& in);

}  // namespace parley
