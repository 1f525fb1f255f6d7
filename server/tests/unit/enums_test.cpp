// The words of the model's enums: each converts both ways, nothing else parses, and the lists are
// the ones the API documents and the schema's CHECK constraints allow.
#include "domain/enums.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace parley {
namespace {

template <class E>
std::vector<std::string> words() {
  std::vector<std::string> out;
  for (E e : allValues<E>()) out.emplace_back(toString(e));
  return out;
}

template <class E>
void expectRoundTrip() {
  std::set<std::string_view> seen;
  for (E e : allValues<E>()) {
    const auto word = toString(e);
    EXPECT_FALSE(word.empty());
    EXPECT_TRUE(seen.insert(word).second) << "two values share the word " << word;
    EXPECT_EQ(parseEnum<E>(word), e) << word;
  }
}

TEST(EnumsTest, EveryValueRoundTrips) {
  expectRoundTrip<ConversationStatus>();
  expectRoundTrip<Priority>();
  expectRoundTrip<AgentRole>();
  expectRoundTrip<SenderType>();
  expectRoundTrip<ReaderType>();
  expectRoundTrip<AgentPresence>();
  expectRoundTrip<ConversationOrder>();
  expectRoundTrip<ContactSegment>();
}

// Changing one of these changes the API and needs a migration of the CHECK constraints.
TEST(EnumsTest, TheWordsAreTheDocumentedOnes) {
  using V = std::vector<std::string>;
  EXPECT_EQ(words<ConversationStatus>(), (V{"open", "pending", "snoozed", "resolved"}));
  EXPECT_EQ(words<Priority>(), (V{"none", "low", "medium", "high", "urgent"}));
  EXPECT_EQ(words<AgentRole>(), (V{"admin", "agent"}));
  EXPECT_EQ(words<SenderType>(), (V{"visitor", "agent", "bot", "system"}));
  EXPECT_EQ(words<ReaderType>(), (V{"visitor", "agent"}));
  EXPECT_EQ(words<AgentPresence>(), (V{"online", "away", "offline"}));
  EXPECT_EQ(words<ConversationOrder>(), (V{"newest", "waiting", "priority"}));
  EXPECT_EQ(words<ContactSegment>(), (V{"all", "known", "chatted"}));
}

// The API's documentation lists the same words (a word added on one side only fails here).
TEST(EnumsTest, OpenApiListsTheSameWords) {
  std::ifstream in(std::string(PARLEY_SOURCE_DIR) + "/docs/openapi.json");
  std::stringstream text;
  text << in.rdbuf();
  const auto doc = boost::json::parse(text.str());
  auto listed = [&](const char* pointer) {
    std::vector<std::string> out;
    for (const auto& v : doc.at_pointer(pointer).as_array()) out.emplace_back(v.as_string());
    return out;
  };
  const std::string schemas = "/components/schemas/";
  for (const char* s : {"Conversation", "VisitorConversation", "ConversationPatch"})
    EXPECT_EQ(listed((schemas + s + "/properties/status/enum").c_str()), words<ConversationStatus>()) << s;
  for (const char* s : {"Conversation", "ConversationPatch"})
    EXPECT_EQ(listed((schemas + s + "/properties/priority/enum").c_str()), words<Priority>()) << s;
  for (const char* s : {"Agent", "NewAgent", "AgentPatch"})
    EXPECT_EQ(listed((schemas + s + "/properties/role/enum").c_str()), words<AgentRole>()) << s;
  EXPECT_EQ(listed("/components/schemas/SenderType/enum"), words<SenderType>());
  EXPECT_EQ(listed("/components/schemas/Agent/properties/presence/enum"), words<AgentPresence>());
  // Query parameters: the first one of that name on the path's GET.
  auto parameter = [&](const char* path, const char* name) {
    for (const auto& p : doc.at("paths").at(path).at("get").at("parameters").as_array())
      if (p.at("name") == name) {
        std::vector<std::string> out;
        for (const auto& v : p.at("schema").at("enum").as_array()) out.emplace_back(v.as_string());
        return out;
      }
    ADD_FAILURE() << path << " has no parameter " << name;
    return std::vector<std::string>{};
  };
  EXPECT_EQ(parameter("/api/v1/conversations", "sort"), words<ConversationOrder>());
  EXPECT_EQ(parameter("/api/v1/contacts", "segment"), words<ContactSegment>());
}

TEST(EnumsTest, ParsingIsExact) {
  for (auto s : {"", "Open", "closed", "resolved ", " open", "OPEN"})
    EXPECT_EQ(parseConversationStatus(s), std::nullopt) << s;
  for (auto p : {"", "critical", "URGENT", "normal"}) EXPECT_EQ(parsePriority(p), std::nullopt) << p;
  for (auto r : {"", "owner", "Admin"}) EXPECT_EQ(parseAgentRole(r), std::nullopt) << r;
  for (auto t : {"", "contact", "robot"}) EXPECT_EQ(parseSenderType(t), std::nullopt) << t;
  EXPECT_EQ(parseReaderType("bot"), std::nullopt) << "bots do not read";
  EXPECT_EQ(parseAgentPresence("Online"), std::nullopt);
  EXPECT_EQ(parseEnum<ConversationOrder>("oldest"), std::nullopt);
  EXPECT_EQ(parseEnum<ContactSegment>(""), std::nullopt) << "an empty ?segment= means all, decided by the route";
  EXPECT_EQ(parseEnum<Priority>(std::string_view("high\0", 5)), std::nullopt);
}

TEST(EnumsTest, AValueOutsideTheEnumHasNoWord) {
  EXPECT_EQ(toString(static_cast<ConversationStatus>(4)), "");
  EXPECT_EQ(toString(static_cast<Priority>(-1)), "");
}

TEST(EnumsTest, OfflineIsAPresenceNobodyPicks) {
  EXPECT_TRUE(isPickable(AgentPresence::Online));
  EXPECT_TRUE(isPickable(AgentPresence::Away));
  EXPECT_FALSE(isPickable(AgentPresence::Offline));
}

TEST(EnumsTest, PrintsAsItsWord) {
  std::ostringstream out;
  out << ConversationStatus::Snoozed << ' ' << Priority::Urgent << ' ' << SenderType::Bot;
  EXPECT_EQ(out.str(), "snoozed urgent bot");
}

}  // namespace
}  // namespace parley
