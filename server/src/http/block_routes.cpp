// Issue 16, item 4: blocked contacts and address ranges (docs/openapi.json, store/block_store.h).
//   GET    /api/v1/blocks        any agent: newest first (?contact_id= the contact's block, ?before ?limit)
//   POST   /api/v1/blocks        any agent (not a read-only token): {contact_id} or {ip}, optional reason
//   DELETE /api/v1/blocks/{id}   an admin: unblock
// Each change forgets this node's cached list (app/visitor_blocks.h) and is in the audit log.
#include <boost/json.hpp>

#include "domain/audit.h"
#include "domain/clock.h"
#include "domain/ip_block.h"
#include "domain/text_limits.h"
#include "http/api_support.h"
#include "http/audit_actor.h"
#include "http/responses.h"
#include "http/routes.h"
#include "store/store_errors.h"
#include "wire/json_codec.h"

namespace parley {

namespace bj = boost::json;

namespace {

std::string contactLabel(const std::optional<Contact>& c, Id id) {
  const std::string name = c && c->name ? *c->name : "";
  const std::string email = c && c->email ? *c->email : "";
  if (!name.empty() && !email.empty()) return name + " <" + email + ">";
  if (!name.empty()) return name;
  if (!email.empty()) return email;
  return "Visitor #" + std::to_string(id);
}

std::string blockLabel(const BlockRouteDeps& deps, const Block& b) {
  if (b.kind == BlockKind::Ip) return b.ip_range;
  return contactLabel(deps.contacts.contactById(b.workspace_id, b.contact_id), b.contact_id);
}

bj::object blockJson(const BlockRouteDeps& deps, const Block& b) {
  bj::object o{{"id", b.id},
               {"kind", toString(b.kind)},
               {"contact_id", b.kind == BlockKind::Contact ? bj::value(b.contact_id) : bj::value(nullptr)},
               {"ip", b.kind == BlockKind::Ip ? bj::value(b.ip_range) : bj::value(nullptr)},
               {"label", blockLabel(deps, b)},
               {"reason", b.reason},
               {"created_by", b.created_by},
               {"created_at", b.created_at}};
  auto by = deps.agents.agentById(b.workspace_id, b.created_by);
  o["created_by_name"] = by ? by->name : std::string();
  return o;
}

Block blockFromBody(const BlockRouteDeps& deps, const AgentAuth& auth, const bj::object& body) {
  Block b;
  b.workspace_id = auth.workspace.id;
  b.created_by = auth.agent.id;
  b.created_at = nowMillis();
  const bool hasContact = body.contains("contact_id") && !body.at("contact_id").is_null();
  const bool hasIp = body.contains("ip") && !body.at("ip").is_null();
  if (hasContact == hasIp) throw ApiError(400, "invalid", "give either contact_id or ip", hasIp ? "ip" : "contact_id");
  if (hasContact) {
    auto id = json::optInt(body, "contact_id");
    if (!id || *id <= 0 || !deps.contacts.contactById(auth.workspace.id, *id))
      throw ApiError(400, "invalid", "contact_id must name a contact of this workspace", "contact_id");
    b.kind = BlockKind::Contact;
    b.contact_id = *id;
  } else {
    auto text = json::optString(body, "ip");
    auto net = text && text->size() <= 64 ? parseBlockedRange(*text) : std::nullopt;
    if (!net)
      throw ApiError(400, "invalid",
                     "ip must be an address or a range like 203.0.113.0/24 or 2001:db8::/48 (at most /" +
                         std::to_string(kMinBlockPrefixV4) + " or /" + std::to_string(kMinBlockPrefixV6) + " wide)",
                     "ip");
    b.kind = BlockKind::Ip;
    b.ip_range = blockedRangeText(*net);
  }
  if (auto reason = json::optString(body, "reason")) {
    if (!isValidUtf8(*reason) || countCodePoints(*reason) > kMaxBlockReasonChars)
      throw ApiError(400, "invalid", "reason is at most " + std::to_string(kMaxBlockReasonChars) + " characters", "reason");
    b.reason = *reason;
  }
  return b;
}

}  // namespace

void registerBlockRoutes(Router& r, BlockRouteDeps deps) {
  r.add("GET", "/api/v1/blocks", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgent(deps.auth, req);
    const auto contact = queryInt(req, "contact_id", 0, 0, INT64_MAX);
    const auto before = queryInt(req, "before", 0, 0, INT64_MAX);
    const auto limit = static_cast<std::size_t>(queryInt(req, "limit", 100, 1, 500));
    bj::array out;
    std::optional<Id> last;
    bool more = false;
    for (const auto& b : deps.blocks.listBlocks(auth.workspace.id)) {
      if (before > 0 && b.id >= before) continue;
      if (contact > 0 && (b.kind != BlockKind::Contact || b.contact_id != contact)) continue;
      if (out.size() == limit) {
        more = true;
        break;
      }
      out.push_back(blockJson(deps, b));
      last = b.id;
    }
    reply(jsonResponse(200, bj::object{{"blocks", std::move(out)},
                                       {"next_before", more && last ? bj::value(*last) : bj::value(nullptr)}}));
  });

  r.add("POST", "/api/v1/blocks", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAgent(deps.auth, req);
    auto b = blockFromBody(deps, auth, jsonBody(req));
    if (deps.blocks.countBlocks(auth.workspace.id) >= kMaxBlocksPerWorkspace)
      throw ApiError(409, "limit_reached",
                     "a workspace has at most " + std::to_string(kMaxBlocksPerWorkspace) + " blocks: remove some first");
    Block made;
    try {
      made = deps.blocks.createBlock(b);
    } catch (const StoreConflict& e) {
      throw ApiError(409, "conflict", e.what(), e.field);
    }
    deps.cache.changed(auth.workspace.id);
    auto answer = blockJson(deps, made);
    deps.audit.record(auth.workspace.id, auditActorOf(auth), req.peer_ip, audit_action::kBlockCreated,
                      {"block", made.id, std::string(answer.at("label").as_string())},
                      bj::serialize(bj::object{{"kind", toString(made.kind)}, {"reason", made.reason}}));
    reply(jsonResponse(201, bj::object{{"block", std::move(answer)}}));
  });

  r.add("DELETE", "/api/v1/blocks/{id}", [deps](HttpRequest& req, const Reply& reply) {
    auto auth = requireAdmin(deps.auth, req);
    auto gone = deps.blocks.deleteBlock(auth.workspace.id, pathId(req));
    if (!gone) throw ApiError(404, "not_found", "no such block");
    deps.cache.changed(auth.workspace.id);
    deps.audit.record(auth.workspace.id, auditActorOf(auth), req.peer_ip, audit_action::kBlockRemoved,
                      {"block", gone->id, blockLabel(deps, *gone)},
                      bj::serialize(bj::object{{"kind", toString(gone->kind)}}));
    reply(noContent());
  });
}

}  // namespace parley
