// The inbox list's keyset cursor (store/sqlite/sqlite_conversation_list.cpp): a client sends back
// the next_cursor of the previous page, so the store must refuse anything else with
// std::invalid_argument (the router turns that into a 400) and never throw anything else.
//
// Input: byte 0 picks the sort (bits 0-1), the page size (bits 2-4) and a filter (bits 5-7); the
// rest is the cursor. When a page has a next_cursor, the following page is read with it: pages
// must not overlap and must keep the sort order (the point of keyset paging).
#include <cstdint>
#include <set>
#include <stdexcept>
#include <string>

#include "domain/conversation_rules.h"
#include "fuzz_env.h"

using namespace parley;
using parley::fuzz::fail;

namespace {

// True when a may come before b (or is equal) in the sort's order.
bool inOrder(const std::string& sort, const Conversation& a, const Conversation& b) {
  if (sort == "waiting") {
    auto wa = a.waiting_since.value_or(INT64_MAX), wb = b.waiting_since.value_or(INT64_MAX);
    return wa != wb ? wa < wb : a.id < b.id;
  }
  if (sort == "priority") {
    auto pa = priorityRank(a.priority), pb = priorityRank(b.priority);
    if (pa != pb) return pa > pb;
  }
  return a.updated_at != b.updated_at ? a.updated_at > b.updated_at : a.id > b.id;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  auto& app = parley::fuzz::FuzzServer::get();  // read-only: no beginInput() needed
  static constexpr auto kOrders = allValues<ConversationOrder>();
  ConversationFilter f;
  f.sort = kOrders[(data[0] & 3) % kOrders.size()];
  f.limit = 1 + ((data[0] >> 2) & 7);
  switch (data[0] >> 5) {
    case 1: f.status = ConversationStatus::Open; break;
    case 2: f.assignee = ConversationFilter::Assignee::None; break;
    case 3: f.tag = "vip"; break;
    case 4: f.priority = Priority::High; break;
    case 5: f.team_id = 1; break;
    default: break;
  }
  f.cursor.assign(reinterpret_cast<const char*>(data + 1), size - 1);
  const std::string sortName(toString(f.sort));

  std::set<Id> seen;
  std::optional<Conversation> last;
  for (int page = 0; page < 20; ++page) {
    ConversationPage p;
    try {
      p = app.store().listConversations(app.workspaceId(), f);
    } catch (const std::invalid_argument&) {
      if (page > 0) fail("a next_cursor the store made was refused", f.cursor);
      return 0;
    }
    if (p.conversations.size() > static_cast<std::size_t>(f.limit)) fail("page over the limit");
    for (const auto& c : p.conversations) {
      if (c.workspace_id != app.workspaceId()) fail("conversation of another workspace listed");
      if (!seen.insert(c.id).second) fail("a conversation on two pages", std::to_string(c.id));
      if (last && !inOrder(sortName, *last, c)) fail("pages out of order", std::to_string(c.id));
      last = c;
    }
    if (!p.next_cursor) return 0;
    if (p.conversations.empty()) fail("empty page with a next_cursor");
    f.cursor = *p.next_cursor;
  }
  return 0;
}
