// File uploads for both sides. The bytes decide the type (magic numbers), never the name or the
// Content-Type header, so a renamed script cannot come back as text/html.
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "domain/clock.h"
#include "http/api_support.h"
#include "http/responses.h"
#include "http/routes.h"
#include "security/token.h"
#include "security/upload_type.h"
#include "security/upload_url.h"

namespace parley {

namespace {

HttpResponse storeUpload(const UploadRouteDeps& deps, const HttpRequest& req) {
  if (req.body.empty()) throw ApiError(400, "missing", "the request body must be the file", "body");
  auto type = sniffContentType(req.body);
  if (!type)
    throw ApiError(415, "unsupported_type", "only images (png, jpeg, gif, webp), pdf, zip and text files", "body");
  auto name = sanitizeFilename(urlDecode(req.header("x-filename"), false));
  auto file = randomHex(16) + uploadExtensionFor(*type);
  auto dir = std::filesystem::path(deps.uploads_dir);
  std::filesystem::create_directories(dir);
  {
    std::ofstream out(dir / file, std::ios::binary);
    out.write(req.body.data(), static_cast<std::streamsize>(req.body.size()));
    if (!out) throw ApiError(500, "internal", "the file could not be stored");
  }
  return jsonResponse(201, boost::json::object{{"url", "/uploads/" + file},
                                               {"name", name},
                                               {"size", static_cast<std::int64_t>(req.body.size())},
                                               {"content_type", *type}});
}

}  // namespace

void registerUploadRoutes(Router& r, UploadRouteDeps deps) {
  r.add("POST", "/api/v1/widget/uploads", [deps](HttpRequest& req, const Reply& reply) {
    auto v = requireVisitor(deps.auth, req);
    if (deps.blocks.blocked(v.workspace.id, v.contact.id, req.peer_ip)) return reply(errorResponseFor(blockedVisitorError()));
    // Anonymous visitors are free to make: what one may store is a budget in files and in bytes.
    const auto key = VisitorLimits::key(v.contact.id);
    const auto now = nowMillis();
    const double bytes = static_cast<double>(req.body.size());
    auto& files = deps.visitors.uploads;
    auto& volume = deps.visitors.upload_bytes;
    if (files.retryAfter(key, now) > 0) throw rateLimited("too many files", files.retryAfter(key, now), "body");
    if (!volume.allow(key, now, bytes))
      throw rateLimited("too many megabytes uploaded", volume.retryAfter(key, now, bytes), "body");
    files.allow(key, now);
    reply(storeUpload(deps, req));
  });
  r.add("POST", "/api/v1/uploads", [deps](HttpRequest& req, const Reply& reply) {
    requireAgent(deps.auth, req);
    reply(storeUpload(deps, req));
  });
}

}  // namespace parley
