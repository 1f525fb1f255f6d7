// Erasing a contact for good (issue 16, item 3; docs/privacy.md): the store deletes the rows in one
// transaction (PrivacyStore::eraseContact), then this removes the attachment files from disk,
// closes the visitor's sockets on this node (its token no longer exists, so no other node lets it
// back in) and asks the store to scrub what the deletion left in free space.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bus/hub.h"
#include "store/privacy_store.h"

namespace parley {

// Removes the upload files the messages' attachment lists (messages.attachments JSON) point at;
// anything that is not one of our upload URLs is ignored. Returns how many files were removed.
std::size_t removeAttachmentFiles(const std::vector<std::string>& attachment_lists, const std::string& uploads_dir);

class ContactEraser {
 public:
  static constexpr std::uint16_t kCloseErased = 4003;

  ContactEraser(PrivacyStore& store, Hub& hub, std::string uploads_dir)
      : store_(store), hub_(hub), uploads_dir_(std::move(uploads_dir)) {}

  // nullopt: no such contact in the workspace.
  std::optional<ErasureOutcome> erase(Id workspace_id, Id contact_id);

 private:
  PrivacyStore& store_;
  Hub& hub_;
  std::string uploads_dir_;
};

}  // namespace parley
