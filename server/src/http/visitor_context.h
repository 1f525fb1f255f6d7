// What the server learns about a visitor from a session request: country from the IP,
// browser and OS from the User-Agent, language and time zone from the widget.
#pragma once

#include <boost/json.hpp>

#include "domain/model.h"
#include "geo/country_lookup.h"
#include "store/contact_store.h"
#include "domain/user_agent.h"
#include "http/request.h"

namespace parley {

void applyVisitorContext(CountryLookup& geo, const HttpRequest& req, const boost::json::object& body,
                         const ClientInfo& ua, Contact& c, Millis now);
// A session request may carry the page it was opened on; it counts as a page view.
void recordSessionPage(ContactStore& contacts, const boost::json::object& body, Contact& c, Millis now);
// name, email and attributes (merged, at most 50 keys of scalar values); throws ApiError.
void applyContactPatch(Contact& c, const boost::json::object& body);
// True when a visitor can expect an answer now: an agent is online and it is within business hours.
bool workspaceOnline(const Workspace& ws, const boost::json::object& settings, int agents_online);

}  // namespace parley
