// POST /api/v1/inbound-email: one whole email (message/rfc822 bytes) for the conversation its
// reply address names (app/inbound_mail.h). `parley mail-in` sends here what the MTA pipes to it,
// with an API token of the workspace (write or admin scope): a token posts into its own
// workspace's conversations only. The answer says what became of the email; only a refusal of the
// request itself (no token, empty body) is an error status, so the MTA does not bounce a reply
// that was merely not posted (that would answer spam and auto-replies with more mail).
#include <boost/json.hpp>

#include "http/api_support.h"
#include "http/responses.h"
#include "http/routes.h"

namespace parley {

void registerInboundMailRoutes(Router& r, InboundMailRouteDeps deps) {
  r.add("POST", "/api/v1/inbound-email", [deps](HttpRequest& req, const Reply& reply) {
    auto a = requireAgent(deps.auth, req);
    if (req.body.empty()) throw ApiError(400, "missing", "the request body must be the email", "body");
    deps.inbound.receive(
        req.body,
        [reply](const InboundResult& res) {
          boost::json::object o{{"outcome", toString(res.outcome)}, {"reason", res.reason}};
          if (res.conversation_id) o["conversation_id"] = res.conversation_id;
          if (res.message_id) o["message_id"] = res.message_id;
          reply(jsonResponse(200, std::move(o)));
        },
        a.workspace.id);
  });
}

}  // namespace parley
