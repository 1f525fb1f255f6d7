// JSON of segments and campaigns for the REST API (docs/openapi.json: Segment, Campaign), and the
// reading of a segment's conditions from a request (400 naming the condition's field).
#pragma once

#include <boost/json.hpp>

#include "domain/time_zone.h"
#include "store/campaign_store.h"
#include "store/segment_store.h"

namespace parley {

boost::json::object segmentJson(const Segment& s);
// {"match": "all"|"any" (optional), "conditions": [...]}, validated (validateSegment); throws ApiError.
SegmentDefinition segmentDefinitionFrom(const boost::json::object& body);
// scheduled_local: scheduled_at on the workspace's wall clock.
boost::json::object campaignJson(const Campaign& c, const TimeZone& zone);

}  // namespace parley
