// Workspaces: the tenants. Every other interface scopes its rows by a workspace id.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/model.h"

namespace parley {

struct NewWorkspace {
  std::string name;
  std::string public_id;     // empty: the store makes one
  std::string hmac_secret;   // empty: the store makes one
};

class WorkspaceStore {
 public:
  virtual ~WorkspaceStore() = default;

  // Throws StoreConflict on a public id already taken.
  virtual Workspace createWorkspace(const NewWorkspace& w, Millis now) = 0;
  virtual std::optional<Workspace> workspaceById(Id id) = 0;
  // What the widget snippet names; never the numeric id.
  virtual std::optional<Workspace> workspaceByPublicId(std::string_view public_id) = 0;
  // The oldest workspace (a single-workspace installation's only one).
  virtual std::optional<Workspace> firstWorkspace() = 0;
  // Name, settings, allowed origins and secret as given.
  virtual void updateWorkspace(const Workspace& w) = 0;
};

}  // namespace parley
