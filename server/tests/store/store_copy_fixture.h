// For store_copy_test.cpp: a SQLite installation with something in every table, written through
// the store interfaces as the server would write it, and every record as one line of text, so a
// record read back from PostgreSQL compares to the SQLite one field by field with a readable diff.
#pragma once

#include <string>
#include <vector>

#include "store/store.h"

namespace parley::test {

inline constexpr const char* kAdminPassword = "correct horse battery";

// What fillInstallation made, for the checks.
struct FilledInstallation {
  std::vector<Id> workspaces;           // Acme, Other Co, Empty (no events)
  Id admin = 0, agent = 0, other_agent = 0;
  Id team = 0;
  std::vector<Id> contacts;             // every contact left (one was merged away)
  Id chatting_contact = 0;              // the known contact of Acme with the long conversation
  std::vector<std::string> visitor_tokens;  // token hashes that name chatting_contact
  Id long_conversation = 0;             // messages, a private note, an attachment, csat, tags...
  std::vector<std::pair<Id, Id>> conversations;  // (workspace, conversation), all of them
  std::string session_hash;             // a live agent session of the admin
};

// Workspaces with settings, agents with real password hashes, a team, contacts with attributes,
// page views and several widget tokens, conversations with messages (a private note, an
// attachment, a resend), patches (priority, assignee, team, tags, snooze, csat), read markers,
// canned replies and an installation secret.
FilledInstallation fillInstallation(Store& store);

std::string describe(const Workspace& w);
std::string describe(const Agent& a);
std::string describe(const Team& t);
std::string describe(const Contact& c);
std::string describe(const PageView& p);
std::string describe(const Conversation& c);
std::string describe(const Message& m);
std::string describe(const Event& e);
std::string describe(const CannedReply& r);

template <class T>
std::vector<std::string> describeAll(const std::vector<T>& records) {
  std::vector<std::string> out;
  for (const auto& r : records) out.push_back(describe(r));
  return out;
}

}  // namespace parley::test
