// The unity build (CMakeLists.txt, PARLEY_UNITY_BUILD) compiles 8 source files as one translation
// unit, so what each file keeps to itself (an anonymous namespace, `static`) meets the others'. Two
// such things with one name break the build of whichever batch puts them together (a redefinition),
// and adding any file reshuffles the batches; worse, two such functions with different parameters
// compile silently and a call may pick the other file's overload (this happened: store_copy_test.cpp's
// countRows(url, table) called sqlite_migrations_test.cpp's countRows(path, sql)). So this test keeps
// every file-local function, variable and type name unique among the files of its target (a `using`
// alias may repeat: the same alias twice is allowed). It reads the sources as text (the project's
// layout: `namespace {` ... `}  // namespace` at column 0) and tests its reader first.
#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace parley::test {
namespace {

namespace fs = std::filesystem;

struct LocalFunction {
  std::string name;
  std::string params;  // a function's: the text between the parentheses on its first line, spaces collapsed
  char kind = 'f';     // 'f' function, 'v' variable, 't' class/struct/enum, 'a' using alias
};

std::string collapseSpaces(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == '\t') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// The file-local functions defined in a source text: definitions at column 0 inside an anonymous
// namespace, or starting with `static`. Raw strings (SQL, HTML) are skipped.
std::vector<LocalFunction> localFunctions(const std::string& text) {
  static const std::regex definition(R"(^(?:static\s+|inline\s+|constexpr\s+)*[\w:<>,*&\s]+?[\s*&](\w+)\s*\((.*))");
  std::vector<LocalFunction> out;
  std::istringstream in(text);
  std::string line, rawEnd;
  bool anonymous = false;
  while (std::getline(in, line)) {
    if (!rawEnd.empty()) {
      if (line.find(rawEnd) != std::string::npos) rawEnd.clear();
      continue;
    }
    if (auto r = line.find("R\""); r != std::string::npos) {
      auto open = line.find('(', r);
      if (open != std::string::npos) {
        std::string end = ")" + line.substr(r + 2, open - r - 2) + "\"";
        if (line.find(end, open) == std::string::npos) rawEnd = end;
      }
    }
    if (line.rfind("namespace {", 0) == 0) {
      anonymous = true;
      continue;
    }
    if (anonymous && line.rfind("}  // namespace", 0) == 0 && line.size() == 15) {
      anonymous = false;
      continue;
    }
    if (line.empty() || !std::isalpha(static_cast<unsigned char>(line[0]))) continue;
    if (!anonymous && line.rfind("static ", 0) != 0) continue;
    {
      static const std::regex type(R"(^(struct|class|enum(?:\s+class)?|using)\s+(\w+))");
      static const std::regex variable(R"(^(?:static\s+)?(?:inline\s+)?(?:constexpr|const)\s+[\w:<>,*&\s]+?[\s*&](\w+)\s*(?:=|\[|\{))");
      std::smatch m;
      if (line.rfind("using namespace", 0) != 0 && std::regex_search(line, m, type)) {
        const bool alias = m[1].str() == "using";
        out.push_back({m[2].str(), alias ? collapseSpaces(line.substr(line.find('=') + 1)) : "", alias ? 'a' : 't'});
        continue;
      }
      if (std::regex_search(line, m, variable)) {
        out.push_back({m[1].str(), "", 'v'});
        continue;
      }
    }
    for (const char* skip : {"TEST", "return", "namespace", "using", "template"})
      if (line.rfind(skip, 0) == 0) goto next;
    {
      std::smatch m;
      auto head = line.substr(0, line.find('('));
      auto nameStart = head.find_last_of(" *&");
      auto name = nameStart == std::string::npos ? head : head.substr(nameStart + 1);
      if (head.find('=') != std::string::npos || name.find("::") != std::string::npos) continue;  // a member's
      if (std::regex_search(line, m, definition)) {
        std::string params = m[2].str();
        auto close = params.rfind(')');
        out.push_back({m[1].str(), collapseSpaces(close == std::string::npos ? params : params.substr(0, close)), 'f'});
      }
    }
  next:;
  }
  return out;
}

std::string readText(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// name -> (parameters -> files) over the .cpp files under the given folders.
std::map<std::string, std::map<std::string, std::set<std::string>>> byName(const std::vector<fs::path>& roots) {
  std::map<std::string, std::map<std::string, std::set<std::string>>> names;
  for (const auto& root : roots)
    for (const auto& e : fs::recursive_directory_iterator(root))
      if (e.is_regular_file() && e.path().extension() == ".cpp")
        for (const auto& f : localFunctions(readText(e.path())))
          names[f.name][std::string(1, f.kind) + f.params].insert(fs::relative(e.path(), PARLEY_SOURCE_DIR).string());
  return names;
}

TEST(UnityBuildNames, TheReaderFindsFileLocalNamesOnly) {
  const std::string text =
      "namespace parley {\n"
      "int publicOne(int a) { return a; }\n"
      "constexpr int kPublic = 1;\n"
      "namespace {\n"
      "std::string trimmed(std::string_view s,\n"
      "                    bool x) {\n"
      "const char* kSql = R\"sql(\n"
      "int notAFunction(int) {\n"
      ")sql\";\n"
      "constexpr std::int64_t kMsPerHour = 3'600'000;\n"
      "struct Node {\n"
      "using L = Limits;\n"
      "using namespace std::chrono_literals;\n"
      "bool Thing::member(int) const {\n"
      "}  // namespace\n"
      "int afterwards(int) { return 0; }\n"
      "static double helper(const std::string& a, int b) {\n"
      "TEST(Suite, Name) {\n"
      "}\n";
  auto found = localFunctions(text);
  ASSERT_EQ(found.size(), 6u);
  EXPECT_EQ(found[0].name, "trimmed");
  EXPECT_EQ(found[0].params, "std::string_view s,");
  EXPECT_EQ(found[1].name, "kSql");
  EXPECT_EQ(found[1].kind, 'v');
  EXPECT_EQ(found[2].name, "kMsPerHour");
  EXPECT_EQ(found[2].kind, 'v');
  EXPECT_EQ(found[3].name, "Node");
  EXPECT_EQ(found[3].kind, 't');
  EXPECT_EQ(found[4].name, "L");
  EXPECT_EQ(found[4].kind, 'a');
  EXPECT_EQ(found[5].name, "helper");
  EXPECT_EQ(found[5].params, "const std::string& a, int b");
}

TEST(UnityBuildNames, FileLocalNamesAreUniqueInTheirTarget) {
  const fs::path root = PARLEY_SOURCE_DIR;
  const std::vector<std::vector<fs::path>> targets = {{root / "server/src"},
                                                      {root / "server/tests/unit"},
                                                      {root / "server/tests/store"},
                                                      {root / "server/tests/integration"}};
  std::size_t seen = 0;
  for (const auto& roots : targets) {
    for (const auto& [name, definitions] : byName(roots)) {
      seen += definitions.size();
      std::set<std::string> files;
      bool onlyAliases = true;
      for (const auto& [what, in] : definitions) {
        files.insert(in.begin(), in.end());
        onlyAliases = onlyAliases && what[0] == 'a';
      }
      if (files.size() < 2 || (onlyAliases && definitions.size() == 1)) continue;
      std::string where;
      for (const auto& [what, in] : definitions)
        for (const auto& f : in) where += "\n  " + f + ": " + name + (what[0] == 'f' ? "(" + what.substr(1) + ")" : "");
      ADD_FAILURE() << name << " is defined file-locally in several files of one target: in a unity build it breaks "
                    << "the batch that joins them, or a call silently picks the other file's overload. Give one a "
                    << "name that says what it is:" << where;
    }
  }
  EXPECT_GT(seen, 100u) << "the reader found almost nothing: has the layout changed?";
}

}  // namespace
}  // namespace parley::test
