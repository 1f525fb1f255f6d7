// Static files: the demo shop (/), the widget (/widget.js, /widget/*), the dashboard (/app) and
// uploads (/uploads/*). Files are opened per request and streamed in small chunks as the client
// reads (HttpResponse::file_path): the OS page cache makes that cheap, a rebuilt frontend shows up
// without a restart, and a slow reader of a 10 MiB upload holds a descriptor, not 10 MiB.
//
// Caching (web/widget/README.md, "Delivery"): hashed build assets (.../assets/NAME-HASH.js) are immutable
// for a year; everything else is revalidated on each use (no-cache) against a strong ETag made from the
// file's size and modification time, and answered 304 without a body when it still matches. Built files
// under web/dist may have pre-compressed siblings (NAME.br, NAME.gz, written by web/widget/compress.mjs at
// build time): the Accept-Encoding header picks one (static_delivery.h), sent with Content-Encoding and
// Vary: Accept-Encoding, and streamed like any other file. A sibling older than its file is ignored.
#include <boost/json.hpp>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "http/api_support.h"
#include "http/responses.h"
#include "http/static_delivery.h"
#include "http/routes.h"
#include "app/visitor_auth.h"
#include "security/origin.h"

namespace parley {

namespace fs = std::filesystem;

namespace {

std::string contentTypeFor(const fs::path& p) {
  static const std::map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},   {".json", "application/json"},
      {".svg", "image/svg+xml"},             {".png", "image/png"},
      {".jpg", "image/jpeg"},                {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},                 {".webp", "image/webp"},
      {".ico", "image/x-icon"},              {".pdf", "application/pdf"},
      {".txt", "text/plain; charset=utf-8"}, {".zip", "application/zip"},
      {".mp3", "audio/mpeg"},                {".wav", "audio/wav"},
      {".woff2", "font/woff2"},              {".map", "application/json"}};
  auto it = types.find(p.extension().string());
  return it == types.end() ? "application/octet-stream" : it->second;
}

std::optional<std::string> readFile(const fs::path& p) {
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) return std::nullopt;
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The path under `root` for a URL rest, or nullopt when it tries to climb out.
std::optional<fs::path> under(const fs::path& root, std::string_view rest) {
  if (rest.find("..") != std::string_view::npos || rest.find('\0') != std::string_view::npos) return std::nullopt;
  while (!rest.empty() && rest.front() == '/') rest.remove_prefix(1);
  return root / fs::path(std::string(rest));
}

bool isFile(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

// A pre-compressed copy next to the file, written after it (a stale copy from an older build is not sent).
bool freshSibling(const fs::path& p, std::string_view suffix, fs::file_time_type mtime) {
  std::error_code ec;
  fs::path sib = p;
  sib += std::string(suffix);
  if (!fs::is_regular_file(sib, ec)) return false;
  auto t = fs::last_write_time(sib, ec);
  return !ec && t >= mtime;
}

// A strong validator: the file's size and modification time (a rebuilt file gets a new one), and the coding
// (each encoded copy is a representation of its own).
std::string etagFor(std::uintmax_t size, fs::file_time_type mtime, ContentCoding coding) {
  char buf[80];
  std::snprintf(buf, sizeof buf, "\"%jx-%llx%s\"", size,
                static_cast<unsigned long long>(mtime.time_since_epoch().count()),
                coding == ContentCoding::br ? "-br" : coding == ContentCoding::gzip ? "-gz" : "");
  return buf;
}

struct FileOptions {
  bool negotiate = false;  // may send a pre-compressed sibling (built files)
  bool validate = true;    // ETag and 304 (not for pages filled in per request)
};

HttpResponse fileResponse(const fs::path& p, const HttpRequest& req, FileOptions opt = {}) {
  HttpResponse r;
  r.content_type = contentTypeFor(p);
  r.file_path = p.string();
  bool hashed = p.parent_path().filename() == "assets";
  r.headers.emplace_back("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  std::error_code ec;
  auto size = fs::file_size(p, ec);
  auto mtime = ec ? fs::file_time_type{} : fs::last_write_time(p, ec);
  if (ec) return r;
  auto coding = ContentCoding::identity;
  if (opt.negotiate) {
    bool br = freshSibling(p, ".br", mtime), gz = freshSibling(p, ".gz", mtime);
    if (br || gz) {
      r.headers.emplace_back("Vary", "Accept-Encoding");
      coding = chooseContentCoding(req.header("accept-encoding"), br, gz);
    }
  }
  if (!opt.validate) return r;
  auto etag = etagFor(size, mtime, coding);
  r.headers.emplace_back("ETag", etag);
  if (auto inm = req.header("if-none-match"); !inm.empty() && ifNoneMatchHits(inm, etag)) {
    r.status = 304;  // the client's copy is current: headers only
    r.file_path.clear();
    r.content_type.clear();
    return r;
  }
  if (coding != ContentCoding::identity) {
    r.file_path += std::string(codingSuffix(coding));
    r.headers.emplace_back("Content-Encoding", std::string(codingToken(coding)));
  }
  return r;
}

void replaceAll(std::string& s, std::string_view from, const std::string& to) {
  for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
    s.replace(pos, from.size(), to);
}

}  // namespace

void registerStaticRoutes(Router& r, StaticRouteDeps deps) {
  r.add("GET", "/healthz", [](HttpRequest&, const Reply& reply) {
    reply(jsonResponse(200, boost::json::object{{"ok", true}}));
  });

  r.add("GET", "/api/openapi.json", [deps](HttpRequest& req, const Reply& reply) {
    auto p = fs::path(deps.web_dir) / ".." / "docs" / "openapi.json";
    if (!isFile(p)) return reply(errorResponse(404, "not_found", "openapi.json is missing"));
    reply(fileResponse(p, req));
  });

  r.setFallback([deps](HttpRequest& req, const Reply& reply) {
    const fs::path web(deps.web_dir);
    std::string_view path = req.path;
    std::optional<fs::path> file;
    bool spa = false, demo = false, upload = false;
    if (path == "/widget.js") {
      file = web / "dist" / "widget" / "widget.js";
    } else if (path.rfind("/widget/", 0) == 0) {
      file = under(web / "dist" / "widget", path.substr(8));
    } else if (path == "/app" || path.rfind("/app/", 0) == 0) {
      file = under(web / "dist" / "dashboard", path.size() > 5 ? path.substr(5) : "index.html");
      spa = true;
    } else if (path.rfind("/uploads/", 0) == 0) {
      file = under(fs::path(deps.data_dir) / "uploads", path.substr(9));
      upload = true;
    } else {
      file = under(web / "demo", path.size() <= 1 ? std::string_view("index.html") : path.substr(1));
      demo = true;
    }
    bool found = file && isFile(*file);
    if (!found && spa && path.find("/assets/") == std::string_view::npos) {
      file = web / "dist" / "dashboard" / "index.html";
      found = isFile(*file);
    }
    if (!found) return reply(errorResponse(404, "not_found", "no such file"));
    bool filled = demo && file->extension() == ".html";
    auto res = fileResponse(*file, req, {.negotiate = !demo && !upload, .validate = !filled});
    if (filled) {
      // The demo pages are small and name the workspace: read, fill in, send from memory.
      auto body = readFile(*file);
      if (!body) return reply(errorResponse(404, "not_found", "no such file"));
      res.file_path.clear();
      res.body = std::move(*body);
      if (auto ws = deps.workspaces.firstWorkspace()) replaceAll(res.body, "__PARLEY_WORKSPACE__", ws->public_id);
    }
    if (spa) {
      // The dashboard acts for a logged-in agent: no other site may frame it (clickjacking).
      res.headers.emplace_back("Content-Security-Policy", "frame-ancestors 'none'");
      res.headers.emplace_back("X-Frame-Options", "DENY");
    }
    if (path.rfind("/widget/", 0) == 0 && file->extension() == ".html") {
      // Only the workspace's own sites may frame the chat (any site when none is set).
      std::vector<std::string> allowed;
      if (auto id = req.queryParam("ws"))
        if (auto ws = deps.workspaces.workspaceByPublicId(*id)) allowed = allowedOrigins(*ws);
      res.headers.emplace_back("Content-Security-Policy", "frame-ancestors " + frameAncestors(allowed));
    }
    if (upload) {
      auto ct = res.content_type;
      if (ct.rfind("image/", 0) != 0 || ct == "image/svg+xml")
        res.headers.emplace_back("Content-Disposition", "attachment");
      res.headers.emplace_back("Content-Security-Policy", "default-src 'none'; sandbox");
    }
    reply(std::move(res));
  });
}

}  // namespace parley
