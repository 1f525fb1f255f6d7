// How the widget reaches every page view of every customer's site (web/widget/README.md, "Delivery"):
// pre-compressed copies chosen by Accept-Encoding, an ETag with 304 for what is revalidated, a year of caching for
// hashed assets. The server runs on its own web folder with known files, so every byte on the wire is checked.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "test_server.h"

namespace parley::test {
namespace {

namespace fs = std::filesystem;

void writeFile(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << bytes;
}

// A web folder laid out like web/ after `npm run build`, with recognisable bytes in each copy.
struct WebDir {
  WebDir() {
    root = fs::temp_directory_path() / ("parley-static-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    auto w = root / "dist" / "widget";
    writeFile(w / "widget.js", kLoader);
    writeFile(w / "widget.js.gz", "GZIP-COPY");
    writeFile(w / "widget.js.br", "BROTLI-COPY");
    writeFile(w / "frame.html", "<!doctype html><title>Chat</title>");
    writeFile(w / "frame.html.br", "FRAME-BR");
    writeFile(w / "assets" / "frame-Ab12Cd34.js", "console.log('app')");
    writeFile(w / "assets" / "frame-Ab12Cd34.js.gz", "APP-GZ");
    writeFile(w / "assets" / "frame-Ab12Cd34.js.br", "APP-BR");
    writeFile(root / "dist" / "dashboard" / "index.html", "<!doctype html><title>Dashboard</title>");
    writeFile(root / "demo" / "index.html", "<!doctype html><title>Shop __PARLEY_WORKSPACE__</title>");
    writeFile(root / "demo" / "shop.css", "body{}");
  }
  ~WebDir() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  static constexpr const char* kLoader = "(function(){/* the loader, uncompressed */})();";
  fs::path root;
};

// `parley serve` with --web pointing at `dir` (the test server names the source tree's web/ itself: a small
// shell wrapper swaps the value that follows --web).
std::vector<std::string> webSwap(const fs::path& dir) {
  return {"/bin/sh", "-c",
          "w=$1; shift; p=; for a do if [ \"$p\" = --web ]; then set -- \"$@\" \"$w\"; else set -- \"$@\" \"$a\"; fi; "
          "p=$a; shift; done; exec \"$@\"",
          "sh", dir.string()};
}

class StaticDelivery : public ::testing::Test {
 protected:
  StaticDelivery() : server({}, webSwap(web.root)) {}
  HttpResult get(const std::string& target, std::vector<std::pair<std::string, std::string>> headers = {}) {
    return httpRequest(server.port(), "GET", target, {}, {}, "application/json", headers);
  }
  WebDir web;
  TestServer server;
};

TEST_F(StaticDelivery, BrotliIsPreferredWhenAccepted) {
  auto r = get("/widget.js", {{"Accept-Encoding", "gzip, deflate, br, zstd"}});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "BROTLI-COPY");
  EXPECT_EQ(r.headers["content-encoding"], "br");
  EXPECT_EQ(r.headers["content-length"], "11");
  EXPECT_EQ(r.headers["content-type"], "text/javascript; charset=utf-8") << "the type of the file, not of the copy";
  EXPECT_EQ(r.headers["vary"], "Accept-Encoding");
}

TEST_F(StaticDelivery, GzipWhenBrotliIsNotAccepted) {
  auto r = get("/widget.js", {{"Accept-Encoding", "gzip, deflate"}});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "GZIP-COPY");
  EXPECT_EQ(r.headers["content-encoding"], "gzip");
  EXPECT_EQ(r.headers["vary"], "Accept-Encoding");
}

TEST_F(StaticDelivery, IdentityWhenNeitherIsAccepted) {
  for (auto headers : {std::vector<std::pair<std::string, std::string>>{},
                       std::vector<std::pair<std::string, std::string>>{{"Accept-Encoding", "deflate"}},
                       std::vector<std::pair<std::string, std::string>>{{"Accept-Encoding", ""}}}) {
    auto r = get("/widget.js", headers);
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.body, WebDir::kLoader);
    EXPECT_EQ(r.headers.count("content-encoding"), 0u);
    EXPECT_EQ(r.headers["vary"], "Accept-Encoding") << "a cache must not hand this copy to a brotli client";
  }
}

TEST_F(StaticDelivery, QZeroIsHonoured) {
  auto r = get("/widget.js", {{"Accept-Encoding", "br;q=0, gzip"}});
  EXPECT_EQ(r.headers["content-encoding"], "gzip");
  r = get("/widget.js", {{"Accept-Encoding", "br;q=0, gzip;q=0"}});
  EXPECT_EQ(r.headers.count("content-encoding"), 0u);
  EXPECT_EQ(r.body, WebDir::kLoader);
  r = get("/widget.js", {{"Accept-Encoding", "gzip;q=0.5, br;q=0.4"}});
  EXPECT_EQ(r.headers["content-encoding"], "gzip");
  r = get("/widget/frame.html", {{"Accept-Encoding", "gzip"}});  // frame.html has only a brotli copy
  EXPECT_EQ(r.headers.count("content-encoding"), 0u);
  EXPECT_EQ(r.body, "<!doctype html><title>Chat</title>");
}

TEST_F(StaticDelivery, MatchingIfNoneMatchGets304WithoutABody) {
  auto first = get("/widget.js", {{"Accept-Encoding", "br"}});
  auto etag = first.headers["etag"];
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(etag.front(), '"') << "a strong ETag";
  auto again = get("/widget.js", {{"Accept-Encoding", "br"}, {"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.body, "");
  EXPECT_EQ(again.headers["etag"], etag);
  EXPECT_EQ(again.headers["cache-control"], "no-cache");
  EXPECT_EQ(again.headers["vary"], "Accept-Encoding");
  EXPECT_EQ(again.headers.count("content-type"), 0u);
  EXPECT_EQ(get("/widget.js", {{"Accept-Encoding", "br"}, {"If-None-Match", "W/" + etag}}).status, 304);
  EXPECT_EQ(get("/widget.js", {{"Accept-Encoding", "br"}, {"If-None-Match", "\"x\", " + etag}}).status, 304);

  // Each coding is its own representation with its own tag.
  auto gz = get("/widget.js", {{"Accept-Encoding", "gzip"}, {"If-None-Match", etag}});
  EXPECT_EQ(gz.status, 200);
  EXPECT_EQ(gz.body, "GZIP-COPY");
  EXPECT_NE(gz.headers["etag"], etag);
  EXPECT_EQ(get("/widget.js", {{"Accept-Encoding", "br"}, {"If-None-Match", "\"stale\""}}).status, 200);

  // A new build changes the tag: the old one gets the new file.
  auto loader = web.root / "dist" / "widget" / "widget.js";
  writeFile(loader, "(function(){/* a new build */})();");
  fs::last_write_time(loader, fs::last_write_time(loader) + std::chrono::seconds(2));
  auto rebuilt = get("/widget.js", {{"Accept-Encoding", "br"}, {"If-None-Match", etag}});
  EXPECT_EQ(rebuilt.status, 200);
  EXPECT_NE(rebuilt.headers["etag"], etag);
  // Its compressed copies are now older than it: they are stale and not sent.
  EXPECT_EQ(rebuilt.headers.count("content-encoding"), 0u);
  EXPECT_EQ(rebuilt.body, "(function(){/* a new build */})();");
}

TEST_F(StaticDelivery, CacheControlOfEachKindOfFile) {
  auto loader = get("/widget.js");
  EXPECT_EQ(loader.headers["cache-control"], "no-cache") << "revalidated: a new loader reaches every site at once";
  EXPECT_FALSE(loader.headers["etag"].empty());

  auto frame = get("/widget/frame.html?ws=nope", {{"Accept-Encoding", "br"}});
  EXPECT_EQ(frame.headers["cache-control"], "no-cache") << "frame.html names the hashed assets: revalidated";
  EXPECT_EQ(frame.body, "FRAME-BR");
  auto frame304 = get("/widget/frame.html?ws=nope", {{"Accept-Encoding", "br"}, {"If-None-Match", frame.headers["etag"]}});
  EXPECT_EQ(frame304.status, 304);
  EXPECT_EQ(frame304.headers["content-security-policy"], frame.headers["content-security-policy"])
      << "the 304 keeps the frame's frame-ancestors";

  auto asset = get("/widget/assets/frame-Ab12Cd34.js", {{"Accept-Encoding", "gzip, br"}});
  EXPECT_EQ(asset.headers["cache-control"], "public, max-age=31536000, immutable");
  EXPECT_EQ(asset.headers["content-encoding"], "br");
  EXPECT_EQ(asset.body, "APP-BR");

  auto dashboard = get("/app");
  EXPECT_EQ(dashboard.headers["cache-control"], "no-cache");
  EXPECT_EQ(get("/app", {{"If-None-Match", dashboard.headers["etag"]}}).status, 304);

  auto shop = get("/", {{"Accept-Encoding", "br"}});
  EXPECT_EQ(shop.status, 200);
  EXPECT_EQ(shop.headers.count("etag"), 0u) << "a page filled in per request has no file validator";
  EXPECT_EQ(shop.body.find("__PARLEY_WORKSPACE__"), std::string::npos);
  auto css = get("/shop.css", {{"Accept-Encoding", "br"}});
  EXPECT_EQ(css.headers.count("content-encoding"), 0u);
  EXPECT_EQ(get("/shop.css", {{"If-None-Match", css.headers["etag"]}}).status, 304);
}

}  // namespace
}  // namespace parley::test
