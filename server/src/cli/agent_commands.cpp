#include "cli/agent_commands.h"

#include <cctype>
#include <iostream>

#include "app/audit_recorder.h"
#include "domain/clock.h"
#include "security/password.h"

namespace parley {

namespace {

// A named workspace's public id is its slug, so `--workspace "Other Co"` finds it again next time.
std::string slug(const std::string& name) {
  std::string out;
  for (char ch : name) {
    if (std::isalnum(static_cast<unsigned char>(ch))) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
    else if (!out.empty() && out.back() != '-') out.push_back('-');
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "workspace" : out;
}

// Who acts from the command line: whoever can run the binary on the server (the audit log's "system").
AuditActor cliAuditActor() { return {AuditActorType::System, 0, "command line"}; }

}  // namespace

Workspace ensureWorkspace(Store& store) {
  if (auto ws = store.firstWorkspace()) return *ws;
  return store.createWorkspace(NewWorkspace{"Demo", "", ""}, nowMillis());
}

int addAgent(const StoreLocation& where, const std::string& workspace, const std::string& email, const std::string& name,
             const std::string& password, const std::string& role, int capacity) {
  auto opened = openStore(where);
  Store& store = *opened;
  Workspace ws;
  if (workspace.empty()) {
    ws = ensureWorkspace(store);
  } else if (auto found = store.workspaceByPublicId(slug(workspace))) {
    ws = *found;
  } else {
    ws = store.createWorkspace(NewWorkspace{workspace, slug(workspace), ""}, nowMillis());
  }
  Agent a;
  a.workspace_id = ws.id;
  a.email = email;
  a.name = name;
  a.role = parseAgentRole(role).value();  // the CLI option only lets the words through
  a.capacity = capacity;
  a.password_hash = hashPassword(password);
  a.created_at = nowMillis();
  try {
    auto created = store.createAgent(a);
    AuditRecorder(store).record(ws.id, cliAuditActor(), "", audit_action::kAgentCreated,
                                {"agent", created.id, created.email}, R"({"via":"parley agent add"})");
    std::cout << "added " << created.role << " " << created.email << " (id " << created.id << ") to workspace "
              << ws.name << "\n";
    return 0;
  } catch (const StoreConflict&) {
    std::cerr << "an agent with email " << email << " already exists\n";
    return 1;
  }
}

int setPassword(const StoreLocation& where, const std::string& email, const std::string& password) {
  auto opened = openStore(where);
  Store& store = *opened;
  auto agent = store.agentByEmail(email);
  if (!agent) {
    std::cerr << "no agent with email " << email << "\n";
    return 1;
  }
  agent->password_hash = hashPassword(password);
  store.updateAgent(*agent);
  // Whoever had the old password is signed out; a running server closes their sockets too
  // (it notices this process's commit within a second).
  auto ended = store.deleteAgentSessions(agent->id);
  AuditRecorder(store).record(agent->workspace_id, cliAuditActor(), "", audit_action::kAgentPasswordChanged,
                              {"agent", agent->id, agent->email}, R"({"via":"parley agent password"})");
  std::cout << "password of " << agent->email << " changed; " << ended << " session(s) ended\n";
  return 0;
}

}  // namespace parley
