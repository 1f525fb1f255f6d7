// Keeps docs/openapi.json honest: the document and the router the server really builds must list the same
// endpoints, under the same path templates and methods. Adding a route without documenting it (or documenting one
// that does not exist) fails here.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "app/app_context.h"
#include "bus/bus.h"
#include "geo/country_lookup.h"
#include "http/router.h"
#include "http/all_routes.h"
#include "store/sqlite/sqlite_store.h"

namespace bj = boost::json;
namespace fs = std::filesystem;
using namespace parley;

namespace {

const std::string kDocPath = std::string(PARLEY_SOURCE_DIR) + "/docs/openapi.json";
const std::set<std::string> kHttpMethods = {"get", "put", "post", "delete", "options", "head", "patch", "trace"};

using RouteSet = std::set<std::pair<std::string, std::string>>;  // (lower-case method, path template)

std::string readText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

struct TempDir {
  TempDir() {
    static std::atomic<int> counter{0};
    auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    path = fs::temp_directory_path() /
           ("parley-openapi-" + std::to_string(stamp) + "-" + std::to_string(counter++));
    fs::create_directories(path / "uploads");
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  fs::path path;
};

ServerConfig configFor(const fs::path& dataDir) {
  ServerConfig cfg;
  cfg.data_dir = dataDir.string();
  cfg.web_dir = std::string(PARLEY_SOURCE_DIR) + "/web";
  return cfg;
}

// The same pieces `parley serve` builds (server/src/main.cpp), with every route registered.
class RoutedServer {
 public:
  RoutedServer()
      : store_((dir_.path / "parley.db").string()),
        bus_(hub_),
        events_(bus_),
        writer_(store_),
        geo_(CountryLookup::open("")),
        revoker_(store_, hub_),
        messages_(writer_, after_, limits_),
        email_(EmailChannelOptions{.uploads_dir = dir_.path.string()}, store_, messages_),
        ctx_{configFor(dir_.path), store_,   hub_,      bus_,    presence_, events_,
             *geo_,                revoker_, workers_,     exports_, "device-key", messages_, conversations_, limits_, webhooks_,
             email_,               blocks_} {
    registerAllRoutes(router_, ctx_);
  }
  ~RoutedServer() { writer_.stop(); }

  Router& router() { return router_; }

  RouteSet routes() const {
    RouteSet out;
    for (const auto& [method, pattern] : router_.routeList()) out.emplace(lower(method), pattern);
    return out;
  }

 private:
  TempDir dir_;  // first: removed after everything that uses it
  SqliteStore store_;
  Hub hub_;
  LocalBus bus_;
  PresenceTracker presence_;
  EventPublisher events_;
  MessageWriter writer_;
  std::unique_ptr<CountryLookup> geo_;
  SessionRevoker revoker_;
  BoundedWorkers workers_{1, 8};
  BoundedWorkers exports_{1, 2};
  AfterCommit after_;
  VisitorLimits limits_;
  VisitorBlocks blocks_{store_};
  MessageSender messages_;
  ConversationActions conversations_{store_, store_, events_};
  WebhookDeliverer webhooks_{store_, store_, store_};
  EmailChannel email_;
  AppContext ctx_;
  Router router_;
};

bj::object loadDoc() {
  auto text = readText(kDocPath);
  EXPECT_FALSE(text.empty()) << kDocPath << " is missing or empty";
  boost::system::error_code ec;
  auto v = bj::parse(text, ec);
  EXPECT_FALSE(ec) << kDocPath << " is not valid JSON: " << ec.message();
  if (ec || !v.is_object()) return {};
  return v.get_object();
}

RouteSet documentedOperations(const bj::object& doc) {
  RouteSet out;
  auto* paths = doc.if_contains("paths");
  if (!paths || !paths->is_object()) return out;
  for (const auto& [path, item] : paths->get_object()) {
    if (!item.is_object()) continue;
    for (const auto& [key, _] : item.get_object())
      if (kHttpMethods.count(std::string(key))) out.emplace(std::string(key), std::string(path));
  }
  return out;
}

std::string describe(const RouteSet& routes) {
  std::string out;
  for (const auto& [m, p] : routes) out += "\n  " + m + " " + p;
  return out;
}

// (registered but undocumented, documented but unregistered)
std::pair<RouteSet, RouteSet> compare(const RouteSet& registered, const RouteSet& documented) {
  RouteSet missing, extra;
  std::set_difference(registered.begin(), registered.end(), documented.begin(), documented.end(),
                       std::inserter(missing, missing.end()));
  std::set_difference(documented.begin(), documented.end(), registered.begin(), registered.end(),
                       std::inserter(extra, extra.end()));
  return {missing, extra};
}

// Every {name} of a path template.
std::set<std::string> templateParams(const std::string& path) {
  std::set<std::string> out;
  static const std::regex re(R"(\{([^}/]+)\})");
  for (std::sregex_iterator it(path.begin(), path.end(), re), end; it != end; ++it) out.insert((*it)[1].str());
  return out;
}

const bj::value* resolve(const bj::object& doc, const std::string& ref) {
  if (ref.rfind("#/", 0) != 0) return nullptr;
  const bj::value* cur = nullptr;
  const bj::object* obj = &doc;
  std::string rest = ref.substr(2);
  while (true) {
    auto slash = rest.find('/');
    auto key = rest.substr(0, slash);
    if (!obj) return nullptr;
    cur = obj->if_contains(key);
    if (!cur) return nullptr;
    if (slash == std::string::npos) return cur;
    obj = cur->if_object();
    rest = rest.substr(slash + 1);
  }
}

// The path parameters an operation declares, directly or on its path item (resolving $refs).
std::set<std::string> declaredPathParams(const bj::object& doc, const bj::object& item, const bj::object& op) {
  std::set<std::string> out;
  for (const auto* holder : {&item, &op}) {
    auto* params = holder->if_contains("parameters");
    if (!params || !params->is_array()) continue;
    for (const auto& p : params->get_array()) {
      const bj::value* v = &p;
      if (auto* r = p.is_object() ? p.get_object().if_contains("$ref") : nullptr; r && r->is_string())
        v = resolve(doc, std::string(r->get_string()));
      if (!v || !v->is_object()) continue;
      auto* in = v->get_object().if_contains("in");
      auto* name = v->get_object().if_contains("name");
      if (in && name && in->is_string() && name->is_string() && in->get_string() == "path")
        out.insert(std::string(name->get_string()));
    }
  }
  return out;
}

void collectRefs(const bj::value& v, std::vector<std::string>& out) {
  if (auto* o = v.if_object()) {
    for (const auto& [k, child] : *o) {
      if (k == "$ref" && child.is_string()) out.emplace_back(child.get_string());
      else collectRefs(child, out);
    }
  } else if (auto* a = v.if_array()) {
    for (const auto& child : *a) collectRefs(child, out);
  }
}

}  // namespace

TEST(OpenApiSync, DocumentIsOpenApi303) {
  auto doc = loadDoc();
  ASSERT_FALSE(doc.empty());
  ASSERT_TRUE(doc.contains("openapi"));
  EXPECT_EQ(doc.at("openapi"), bj::value("3.0.3"));
  EXPECT_TRUE(doc.contains("info") && doc.at("info").is_object());
  ASSERT_TRUE(doc.contains("paths") && doc.at("paths").is_object());
  auto* schemes = resolve(doc, "#/components/securitySchemes");
  ASSERT_TRUE(schemes && schemes->is_object()) << "components/securitySchemes is missing";
  for (const char* name : {"agentToken", "visitorToken"}) {
    auto* s = schemes->get_object().if_contains(name);
    ASSERT_TRUE(s && s->is_object()) << name << " is not a security scheme";
    EXPECT_EQ(s->get_object().at("type"), bj::value("http")) << name;
    EXPECT_EQ(s->get_object().at("scheme"), bj::value("bearer")) << name;
  }
}

TEST(OpenApiSync, EveryRegisteredRouteIsDocumentedAndViceVersa) {
  RoutedServer server;
  auto registered = server.routes();
  ASSERT_GT(registered.size(), 30u) << "registerAllRoutes registered suspiciously few routes";
  auto documented = documentedOperations(loadDoc());
  auto [undocumented, unregistered] = compare(registered, documented);
  EXPECT_TRUE(undocumented.empty()) << "routes the server registers but docs/openapi.json does not describe"
                                       " (same path template, lower-case method):"
                                    << describe(undocumented);
  EXPECT_TRUE(unregistered.empty()) << "operations docs/openapi.json describes but the server does not register:"
                                    << describe(unregistered);
}

// The comparison above really catches a new route nobody documented.
TEST(OpenApiSync, AnUndocumentedRouteIsCaught) {
  RoutedServer server;
  server.router().add("GET", "/api/v1/not_documented/{id}", [](HttpRequest&, const Reply&) {});
  auto [undocumented, unregistered] = compare(server.routes(), documentedOperations(loadDoc()));
  EXPECT_EQ(undocumented, (RouteSet{{"get", "/api/v1/not_documented/{id}"}}));
  EXPECT_TRUE(unregistered.empty()) << describe(unregistered);
}

TEST(OpenApiSync, EveryOperationIsWellFormed) {
  auto doc = loadDoc();
  ASSERT_TRUE(doc.contains("paths"));
  const auto* schemes = resolve(doc, "#/components/securitySchemes");
  for (const auto& [pathKey, itemValue] : doc.at("paths").get_object()) {
    std::string path(pathKey);
    ASSERT_TRUE(itemValue.is_object()) << path;
    const auto& item = itemValue.get_object();
    for (const auto& [methodKey, opValue] : item) {
      std::string method(methodKey);
      if (!kHttpMethods.count(method)) continue;
      SCOPED_TRACE(method + " " + path);
      ASSERT_TRUE(opValue.is_object());
      const auto& op = opValue.get_object();

      auto* responses = op.if_contains("responses");
      ASSERT_TRUE(responses && responses->is_object() && !responses->get_object().empty()) << "no responses";
      bool has2xx = false;
      for (const auto& [code, _] : responses->get_object()) has2xx = has2xx || (code.size() == 3 && code[0] == '2');
      EXPECT_TRUE(has2xx) << "no 2xx response";

      EXPECT_EQ(declaredPathParams(doc, item, op), templateParams(path)) << "path parameters differ from the template";

      // An operation says who may call it: [] (no token) or the named schemes, all of which must exist.
      auto* security = op.if_contains("security");
      ASSERT_TRUE(security && security->is_array()) << "no security requirement (use [] for none)";
      for (const auto& req : security->get_array())
        for (const auto& [scheme, _] : req.get_object())
          EXPECT_TRUE(schemes && schemes->get_object().contains(scheme)) << "unknown security scheme " << scheme;
    }
  }
}

TEST(OpenApiSync, EveryReferenceResolves) {
  auto doc = loadDoc();
  std::vector<std::string> refs;
  collectRefs(doc, refs);
  EXPECT_FALSE(refs.empty());
  for (const auto& ref : refs) EXPECT_NE(resolve(doc, ref), nullptr) << "dangling $ref " << ref;
}

// The server hands out this very file at /api/openapi.json.
TEST(OpenApiSync, ServedDocumentIsTheFile) {
  RoutedServer server;
  HttpRequest req;
  req.method = "GET";
  req.path = "/api/openapi.json";
  HttpResponse res;
  bool answered = false;
  server.router().dispatch(req, [&](HttpResponse r) {
    res = std::move(r);
    answered = true;
  });
  ASSERT_TRUE(answered);
  EXPECT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.content_type, "application/json");
  // Files are streamed from disk, not read into the response.
  EXPECT_EQ(readText(res.file_path), readText(kDocPath));
}
