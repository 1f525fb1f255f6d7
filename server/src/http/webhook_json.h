// The JSON of webhooks in REST answers (docs/openapi.json: Webhook, WebhookDelivery), checked
// against the document by openapi_schema_test.
#pragma once

#include <boost/json.hpp>

#include "domain/webhook.h"

namespace parley {

// `with_secret`: the answer to create, the only one that shows the secret.
boost::json::object webhookJson(const Webhook& w, bool with_secret);
boost::json::object webhookDeliveryJson(const WebhookDelivery& d);

}  // namespace parley
