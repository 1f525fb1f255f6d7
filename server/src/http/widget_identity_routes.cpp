// Widget endpoints that change who the visitor is or leave something for the agents:
// identify (HMAC identity check), the offline form, and the CSAT rating.
#include <boost/json.hpp>

#include "domain/contact_change.h"
#include "domain/ascii.h"
#include "domain/clock.h"
#include "domain/text_limits.h"
#include <spdlog/spdlog.h>

#include "domain/email_address.h"
#include "http/api_support.h"
#include "wire/json_codec.h"
#include "http/responses.h"
#include "http/routes.h"
#include "http/visitor_context.h"
#include "app/visitor_auth.h"
#include "security/hmac.h"
#include "security/token.h"

namespace parley {

namespace bj = boost::json;

namespace {

bj::object identityAnswer(const WidgetIdentityRouteDeps& deps, const Workspace& ws, const Contact& c, const std::string& token) {
  auto open = deps.conversation_store.openConversationForContact(ws.id, c.id);
  return {{"visitor_token", token},
          {"visitor", json::contact(c, deps.presence.visitorOnline(c.id))},
          {"conversation", open ? bj::value(json::conversationForVisitor(*open)) : bj::value(nullptr)}};
}

}  // namespace

void registerWidgetIdentityRoutes(Router& r, WidgetIdentityRouteDeps deps) {
  r.add("POST", "/api/v1/widget/identify", [deps](HttpRequest& req, const Reply& reply) {
    auto v = requireVisitor(deps.auth, req);
    auto body = jsonBody(req);
    auto userId = json::reqString(body, "user_id");
    if (userId.empty() || userId.size() > 200) throw ApiError(400, "invalid", "user_id must be 1 to 200 bytes", "user_id");
    auto hash = asciiLower(json::optString(body, "user_hash").value_or(""));
    // Without a valid hash anyone could claim any user id and read that user's history.
    if (!constantTimeEqual(hash, hmacSha256Hex(v.workspace.hmac_secret, userId)))
      throw ApiError(403, "invalid_user_hash", "user_hash does not match user_id", "user_hash");
    auto token = req.bearerToken();
    auto known = deps.contacts.contactByExternalId(v.workspace.id, userId);
    Contact contact = v.contact;
    if (known && known->id != v.contact.id) {
      // The anonymous visitor becomes the known contact; its token is replaced by a new one.
      token = makeVisitorToken(v.workspace.public_id);
      auto merge =
          deps.conversations.mergeVisitorInto(v.workspace.id, v.contact.id, known->id, sha256Hex(token), nowMillis());
      if (!merge) throw ApiError(404, "not_found", "the contact disappeared, try again");
      contact = merge->contact;
    } else {
      contact.external_id = userId;
    }
    const Contact before = contact;
    applyContactPatch(contact, body);
    contact.last_seen_at = nowMillis();
    deps.contacts.updateContact(contact);
    if (contactDetailsChanged(v.contact, contact) || contactDetailsChanged(before, contact))
      deps.contacts.logContactUpdated(contact.workspace_id, contact.id, nowMillis());
    reply(jsonResponse(200, identityAnswer(deps, v.workspace, contact, token)));
  });

  r.add("POST", "/api/v1/widget/offline", [deps](HttpRequest& req, const Reply& reply) {
    auto v = requireVisitor(deps.auth, req);
    auto body = jsonBody(req);
    auto email = json::reqString(body, "email");
    if (email.find('@') == std::string::npos || email.size() > 254)
      throw ApiError(400, "invalid", "email is not an email address", "email");
    auto message = json::reqString(body, "message");
    auto clientId = json::reqString(body, "client_id");
    bj::object patch{{"email", email}};
    if (auto name = json::optString(body, "name"); name && !name->empty()) patch["name"] = *name;
    Contact contact = v.contact;
    applyContactPatch(contact, patch);  // checked now, stored once the message is
    // The form is the visitor's message like any other (the one send path): validated, limited and
    // stored once per client_id; the rules name the text "body", the form calls it "message". The
    // contact learns the email only when the message was accepted.
    deps.messages.send({SenderType::Visitor, v.workspace.id, v.contact.id, req.peer_ip},
                      {std::nullopt, 0, clientId, message, "[]", false},
                      [deps, reply, contact, before = v.contact, ws = v.workspace, email](const SendResult& r) {
                        if (r.error) {
                          auto e = *r.error;
                          if (e.field == "body") e.field = "message";
                          return reply(errorResponseFor(e));
                        }
                        deps.contacts.updateContact(contact);
                        if (contactDetailsChanged(before, contact))
                          deps.contacts.logContactUpdated(contact.workspace_id, contact.id, nowMillis());
                        // The confirmation by email (issue 15, item 2): once per message, queued only.
                        if (!r.duplicate && deps.email.enabled() && isPlainEmailAddress(email)) {
                          try {
                            deps.email.queueOfflineConfirmation(ws, r.conversation, r.message, email);
                          } catch (const std::exception& ex) {
                            spdlog::warn("email: offline form confirmation not queued: {}", ex.what());
                          }
                        }
                        reply(jsonResponse(201, bj::object{{"conversation", json::conversationForVisitor(r.conversation)},
                                                           {"message", json::message(r.message, true)}}));
                      });
  });

  r.add("POST", "/api/v1/widget/conversations/{id}/csat", [deps](HttpRequest& req, const Reply& reply) {
    auto v = requireVisitor(deps.auth, req);
    auto conv = deps.conversation_store.conversationById(v.workspace.id, pathId(req));
    if (!conv || conv->contact_id != v.contact.id) throw ApiError(404, "not_found", "no such conversation");
    // Resolved and not yet rated: applyPatch decides it in the store's transaction (409s).
    auto body = jsonBody(req);
    auto score = json::reqInt(body, "score");
    if (score < 1 || score > 5) throw ApiError(400, "invalid", "score must be 1 to 5", "score");
    ConversationPatch p;
    p.csat_score = static_cast<int>(score);
    p.csat_comment = truncateUtf8(json::optString(body, "comment").value_or(""), 2000);
    if (!deps.conversations.patch(*conv, p, nowMillis())) throw ApiError(404, "not_found", "no such conversation");
    reply(noContent());
  });
}

}  // namespace parley
