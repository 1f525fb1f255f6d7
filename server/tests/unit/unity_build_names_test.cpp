// The unity build (CMakeLists.txt, PARLEY_UNITY_BUILD) compiles 8 source files as one translation
// unit, so what each file keeps to itself (an anonymous namespace, `static`) meets the others'. Two
// such helpers with one name are a compile error when their parameters are the same (redefinition),
// but silent when they differ: a call then picks whichever overload converts best, possibly the
// other file's (this happened: store_copy_test.cpp's countRows(url, table) called
// sqlite_migrations_test.cpp's countRows(path, sql)). This test keeps every file-local function
// name unique among the files of its target unless the parameter lists are the same. It reads the
// sources as text (the project's layout: `namespace {` ... `}  // namespace` at column 0) and tests
// its reader first.
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
  std::string params;  // the text between the parentheses on the definition's first line, spaces collapsed
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
    for (const char* skip : {"TEST", "return", "namespace", "using", "struct", "class", "enum", "template"})
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
        out.push_back({m[1].str(), collapseSpaces(close == std::string::npos ? params : params.substr(0, close))});
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
          names[f.name][f.params].insert(fs::relative(e.path(), PARLEY_SOURCE_DIR).string());
  return names;
}

TEST(UnityBuildNames, TheReaderFindsFileLocalFunctionsOnly) {
  const std::string text =
      "namespace parley {\n"
      "int publicOne(int a) { return a; }\n"
      "namespace {\n"
      "std::string trimmed(std::string_view s,\n"
      "                    bool x) {\n"
      "const char* kSql = R\"sql(\n"
      "int notAFunction(int) {\n"
      ")sql\";\n"
      "bool Thing::member(int) const {\n"
      "}  // namespace\n"
      "int afterwards(int) { return 0; }\n"
      "static double helper(const std::string& a, int b) {\n"
      "TEST(Suite, Name) {\n"
      "}\n";
  auto found = localFunctions(text);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].name, "trimmed");
  EXPECT_EQ(found[0].params, "std::string_view s,");
  EXPECT_EQ(found[1].name, "helper");
  EXPECT_EQ(found[1].params, "const std::string& a, int b");
}

TEST(UnityBuildNames, FileLocalFunctionsOfOneTargetDoNotOverloadEachOther) {
  const fs::path root = PARLEY_SOURCE_DIR;
  const std::vector<std::vector<fs::path>> targets = {{root / "server/src"},
                                                      {root / "server/tests/unit"},
                                                      {root / "server/tests/store"},
                                                      {root / "server/tests/integration"}};
  std::size_t seen = 0;
  for (const auto& roots : targets) {
    for (const auto& [name, overloads] : byName(roots)) {
      seen += overloads.size();
      if (overloads.size() < 2) continue;
      std::string where;
      for (const auto& [params, files] : overloads)
        for (const auto& f : files) where += "\n  " + f + ": " + name + "(" + params + ")";
      ADD_FAILURE() << name << " is defined file-locally with different parameters in files of one target; in a "
                    << "unity build a call may pick the other file's. Give one a name that says what it is:" << where;
    }
  }
  EXPECT_GT(seen, 100u) << "the reader found almost nothing: has the layout changed?";
}

}  // namespace
}  // namespace parley::test
