// File uploads for both sides. The bytes decide the type (magic numbers), never the name or the
// Content-Type header, so a renamed script cannot come back as text/html.
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "http/api_support.h"
#include "http/responses.h"
#include "http/routes.h"
#include "security/token.h"
#include "security/upload_type.h"

namespace parley {

namespace {

std::string extensionFor(const std::string& type) {
  if (type == "image/png") return ".png";
  if (type == "image/jpeg") return ".jpg";
  if (type == "image/gif") return ".gif";
  if (type == "image/webp") return ".webp";
  if (type == "application/pdf") return ".pdf";
  if (type == "application/zip") return ".zip";
  return ".txt";
}

HttpResponse storeUpload(AppContext& ctx, const HttpRequest& req) {
  if (req.body.empty()) throw ApiError(400, "missing", "the request body must be the file", "body");
  auto type = sniffContentType(req.body);
  if (!type)
    throw ApiError(415, "unsupported_type", "only images (png, jpeg, gif, webp), pdf, zip and text files", "body");
  auto name = sanitizeFilename(urlDecode(req.header("x-filename"), false));
  auto file = randomHex(16) + extensionFor(*type);
  auto dir = std::filesystem::path(ctx.config.data_dir) / "uploads";
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

void registerUploadRoutes(Router& r, AppContext& ctx) {
  r.add("POST", "/api/v1/widget/uploads", [&ctx](HttpRequest& req, const Reply& reply) {
    requireVisitor(ctx, req);
    reply(storeUpload(ctx, req));
  });
  r.add("POST", "/api/v1/uploads", [&ctx](HttpRequest& req, const Reply& reply) {
    requireAgent(ctx, req);
    reply(storeUpload(ctx, req));
  });
}

}  // namespace parley
