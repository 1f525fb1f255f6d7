// Erasing a contact for good (issue 16, item 3; docs/privacy.md): the store deletes the rows in one
// transaction (PrivacyStore::eraseContact), then this removes the attachment files from disk,
// closes the visitor's sockets on every node (an end frame on the visitor's topic, through the bus:
// its token no longer exists, so no node lets it back in) and asks the store to scrub what the
// deletion left in free space. With several nodes the end frame is best effort, as every frame
// between nodes is (bus/redis_bus.h): dropped, it leaves that socket open until it reconnects, and
// then its token is refused.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bus/bus.h"
#include "store/privacy_store.h"

namespace parley {

// Removes the upload files the messages' attachment lists (messages.attachments JSON) point at;
// anything that is not one of our upload URLs is ignored. Returns how many files were removed.
std::size_t removeAttachmentFiles(const std::vector<std::string>& attachment_lists, const std::string& uploads_dir);

class ContactEraser {
 public:
  static constexpr std::uint16_t kCloseErased = 4003;

  ContactEraser(PrivacyStore& store, Bus& bus, std::string uploads_dir)
      : store_(store), bus_(bus), uploads_dir_(std::move(uploads_dir)) {}

  // nullopt: no such contact in the workspace.
  std::optional<ErasureOutcome> erase(Id workspace_id, Id contact_id);

 private:
  PrivacyStore& store_;
  Bus& bus_;
  std::string uploads_dir_;
};

}  // namespace parley
