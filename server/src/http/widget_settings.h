// The widget's settings as the visitor's frame gets them: stored settings laid over defaults,
// so a workspace that never opened the settings page still gets a complete, working widget.
#pragma once

#include <boost/json.hpp>
#include <string_view>

#include "domain/model.h"

namespace parley {

boost::json::object widgetSettings(const Workspace& ws);
// Validates a settings object from an admin; throws ApiError (400 invalid) naming the bad key as
// "settings.KEY". Every value that reaches a visitor's page is checked here: colours are #rrggbb,
// choices come from fixed lists, texts have limits, image URLs are https or one of our uploads.
boost::json::object validateSettings(const boost::json::object& in);

// An image the widget may show (launcher image, chat background): "/uploads/<32 hex>.<png|jpg|gif|webp>",
// or an https URL with a host and none of the characters that could break out of a CSS url("...")
// or an HTML attribute (quotes, brackets, backslash, spaces, controls).
bool isWidgetImageUrl(std::string_view url);

// settings.help_center_domain: empty, or a lowercase host name (a-z, 0-9, inner hyphens, a dot; no
// port) whose requests get the workspace's help center at "/".
bool isHelpCenterDomain(std::string_view host);

}  // namespace parley
