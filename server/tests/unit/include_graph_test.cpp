// Keeps the layers of server/src acyclic: every `#include "folder/..."` between two folders must be an
// edge of kAllowed below, and the folder graph must have no cycle. The layers, lowest first:
//
//   observability  the process's metrics registry (relaxed atomics), the Prometheus text format and the
//                  JSON log formatter: counted from every layer, so it includes none
//   domain    pure rules and types (no I/O)
//   wire      JSON and frame encoding of domain types
//   security  tokens, passwords, limits, origins, upload checks
//   store     persistence interfaces and their backends (store/sqlite)
//   geo       country lookup
//   bus       who is connected (Hub, Connection) and how events reach them (Bus, EventPublisher)
//   outbound  services Parley calls over HTTP (libcurl)
//   mail      email: MIME (GMime), SMTP and IMAP (libcurl)
//   app       the use cases: sending a message, after-commit steps, authentication, background jobs
//   realtime  the WebSocket protocol (frames in, frames out)
//   http      the HTTP server, REST routes, static files
//   cli       the binary's commands: `serve` wires everything, the others open the store
//   (root)    main.cpp: the command line
//
// A new edge is a design decision: add it to kAllowed here, with the layer order above in mind.
// The checker tests itself on made-up graphs first, so a broken checker cannot pass the real tree.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

using Graph = std::map<std::string, std::set<std::string>>;  // folder -> folders it includes
const std::string kRoot = "(root)";

const Graph kAllowed = {
    {"observability", {}},
    {"domain", {}},
    {"wire", {"domain"}},
    {"security", {"domain", "observability"}},
    {"store", {"domain"}},
    {"geo", {"domain", "security"}},
    {"bus", {"domain", "wire", "store"}},
    {"outbound", {"domain", "wire"}},
    {"mail", {"domain"}},
    {"app", {"domain", "wire", "security", "store", "geo", "bus", "outbound", "mail", "observability"}},
    {"realtime", {"domain", "wire", "security", "store", "bus", "app", "mail"}},
    {"http", {"domain", "wire", "security", "store", "geo", "bus", "outbound", "mail", "app", "realtime",
              "observability"}},
    {"cli", {"domain", "wire", "security", "store", "geo", "bus", "outbound", "mail", "app", "realtime", "http",
             "observability"}},
    {kRoot, {"domain", "store", "cli", "observability"}},
};

// The folder a path under server/src belongs to: its first component, or (root) for top-level files.
std::string folderOf(const std::string& relative) {
  auto slash = relative.find('/');
  return slash == std::string::npos ? kRoot : relative.substr(0, slash);
}

struct Edge {
  std::string from_file, included;
};

// Every quoted include of a header under server/src, by every source file.
std::vector<Edge> readIncludes(const fs::path& src) {
  static const std::regex include(R"re(^\s*#\s*include\s+"([^"]+)")re");
  std::vector<Edge> out;
  for (const auto& e : fs::recursive_directory_iterator(src)) {
    if (!e.is_regular_file()) continue;
    auto ext = e.path().extension().string();
    if (ext != ".h" && ext != ".cpp") continue;
    const auto rel = fs::relative(e.path(), src).generic_string();
    std::ifstream in(e.path());
    std::string line;
    std::smatch m;
    while (std::getline(in, line)) {
      if (!std::regex_search(line, m, include)) continue;
      const std::string target = m[1];
      if (fs::exists(src / target)) out.push_back({rel, target});  // else a system header in quotes
    }
  }
  return out;
}

// The includes between folders, by (from folder, to folder).
std::map<std::pair<std::string, std::string>, std::vector<Edge>> readEdges(const fs::path& src) {
  std::map<std::pair<std::string, std::string>, std::vector<Edge>> edges;
  for (auto& e : readIncludes(src)) {
    const auto from = folderOf(e.from_file), to = folderOf(e.included);
    if (from != to) edges[{from, to}].push_back(std::move(e));
  }
  return edges;
}

// AppContext holds every part of the server. Only the composition code may see it, so a handler's
// signature names what it uses (docs/architecture.md). The headers that expose it, and who may
// include them:
const std::set<std::string> kContextHeaders = {"app/app_context.h", "http/all_routes.h", "realtime/realtime_wiring.h"};
const std::set<std::string> kComposition = {"cli/serve_command.cpp", "http/all_routes.h", "http/all_routes.cpp",
                                            "realtime/realtime_wiring.h"};

std::vector<std::string> contextLeaks(const std::vector<Edge>& includes) {
  std::vector<std::string> out;
  for (const auto& e : includes)
    if (kContextHeaders.count(e.included) && !kComposition.count(e.from_file))
      out.push_back(e.from_file + " includes " + e.included);
  return out;
}

// Edges missing from the allow-list, as "from -> to".
std::vector<std::string> forbiddenEdges(const Graph& graph, const Graph& allowed) {
  std::vector<std::string> out;
  for (const auto& [from, tos] : graph) {
    auto ok = allowed.find(from);
    for (const auto& to : tos)
      if (ok == allowed.end() || !ok->second.count(to)) out.push_back(from + " -> " + to);
  }
  return out;
}

// One cycle of the graph as "a -> b -> a", or empty when there is none (depth-first search).
std::string findCycle(const Graph& graph) {
  std::map<std::string, int> state;  // 0 unseen, 1 on the stack, 2 done
  std::vector<std::string> stack;
  std::string cycle;
  std::function<bool(const std::string&)> visit = [&](const std::string& n) {
    state[n] = 1;
    stack.push_back(n);
    if (auto it = graph.find(n); it != graph.end())
      for (const auto& next : it->second) {
        if (state[next] == 1) {
          auto start = std::find(stack.begin(), stack.end(), next);
          for (auto s = start; s != stack.end(); ++s) cycle += *s + " -> ";
          cycle += next;
          return true;
        }
        if (state[next] == 0 && visit(next)) return true;
      }
    stack.pop_back();
    state[n] = 2;
    return false;
  };
  for (const auto& [n, _] : graph)
    if (state[n] == 0 && visit(n)) return cycle;
  return {};
}

TEST(IncludeGraphChecker, FindsACycleAndOnlyACycle) {
  EXPECT_EQ(findCycle({{"a", {"b"}}, {"b", {"c"}}, {"c", {}}}), "");
  EXPECT_EQ(findCycle({{"a", {"b"}}, {"b", {"c"}}, {"c", {"a"}}}), "a -> b -> c -> a");
  EXPECT_EQ(findCycle({{"a", {"b", "c"}}, {"b", {}}, {"c", {"b"}}}), "") << "a diamond is not a cycle";
  EXPECT_EQ(findCycle({{"x", {"y"}}, {"y", {"y"}}}), "y -> y");
}

TEST(IncludeGraphChecker, ReportsEdgesNotAllowed) {
  const Graph allowed = {{"http", {"domain"}}, {"domain", {}}};
  EXPECT_TRUE(forbiddenEdges({{"http", {"domain"}}}, allowed).empty());
  EXPECT_EQ(forbiddenEdges({{"domain", {"http"}}}, allowed), std::vector<std::string>{"domain -> http"});
  EXPECT_EQ(forbiddenEdges({{"new", {"domain"}}}, allowed), std::vector<std::string>{"new -> domain"})
      << "a folder missing from the list has no allowed edges";
}

TEST(IncludeGraphChecker, FindsAHandlerThatSeesTheWholeContext) {
  EXPECT_TRUE(contextLeaks({{"cli/serve_command.cpp", "app/app_context.h"}, {"http/all_routes.cpp", "http/all_routes.h"}}).empty());
  EXPECT_EQ(contextLeaks({{"http/widget_routes.cpp", "app/app_context.h"}, {"http/routes.h", "store/store.h"}}),
            std::vector<std::string>{"http/widget_routes.cpp includes app/app_context.h"});
  EXPECT_EQ(contextLeaks({{"realtime/realtime_frames.cpp", "realtime/realtime_wiring.h"}}).size(), 1u);
}

TEST(IncludeGraphChecker, TheAllowListItselfHasNoCycle) { EXPECT_EQ(findCycle(kAllowed), ""); }

TEST(IncludeGraph, ServerSourcesFollowTheLayers) {
  const fs::path src = fs::path(PARLEY_SOURCE_DIR) / "server" / "src";
  auto edges = readEdges(src);
  ASSERT_GT(edges.size(), 10u) << "the reader found almost no includes: is " << src << " right?";
  Graph graph;
  for (const auto& [key, _] : edges) graph[key.first].insert(key.second);
  for (const auto& bad : forbiddenEdges(graph, kAllowed)) {
    auto arrow = bad.find(" -> ");
    const auto& examples = edges[{bad.substr(0, arrow), bad.substr(arrow + 4)}];
    std::string files;
    for (const auto& e : examples) files += "\n    " + e.from_file + " includes " + e.included;
    ADD_FAILURE() << "include edge not in the allow-list: " << bad << files;
  }
  EXPECT_EQ(findCycle(graph), "");
}

TEST(IncludeGraph, OnlyTheCompositionSeesAppContext) {
  const auto includes = readIncludes(fs::path(PARLEY_SOURCE_DIR) / "server" / "src");
  ASSERT_GT(includes.size(), 100u);
  for (const auto& leak : contextLeaks(includes)) ADD_FAILURE() << leak << ": take the parts you use instead";
}

}  // namespace
