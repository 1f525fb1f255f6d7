// Canned replies: a workspace's saved answers, picked by shortcut in the composer.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.h"

namespace parley {

struct CannedReply {
  Id id = 0;
  Id workspace_id = 0;
  std::string shortcut;   // unique per workspace
  std::string body;
};

class CannedReplyStore {
 public:
  virtual ~CannedReplyStore() = default;

  // create/update throw StoreConflict on a shortcut taken in the workspace.
  virtual CannedReply createCannedReply(Id workspace_id, std::string_view shortcut, std::string_view body) = 0;
  virtual std::vector<CannedReply> listCannedReplies(Id workspace_id) = 0;   // by shortcut
  virtual std::optional<CannedReply> updateCannedReply(const CannedReply& r) = 0;  // nullopt: not found
  virtual bool deleteCannedReply(Id workspace_id, Id id) = 0;                // false: not found
};

}  // namespace parley
