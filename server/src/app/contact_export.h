// A contact's data export (issue 16, item 3; docs/privacy.md): everything Parley stores about one
// contact as a ZIP archive (libzip), built into a new file under a work folder and bounded by a
// written size: README.txt, contact.json (profile and attributes), conversations.json (each
// conversation with every message, private notes included and marked), page_views.json, and the
// attachments as files under attachments/ (each message's entry names its file). The caller streams
// the file and removes it.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include "store/contact_store.h"
#include "store/conversation_store.h"
#include "store/message_log.h"

namespace parley {

struct ContactExportLimits {
  std::uint64_t max_bytes = 512ULL * 1024 * 1024;  // the archive's content before compression
  int max_conversations = 10'000;
  int max_messages = 200'000;
};

// The contact's data is more than the limits allow: nothing is left behind.
struct ContactExportTooLarge : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class ContactExporter {
 public:
  ContactExporter(ContactStore& contacts, ConversationStore& conversations, MessageLog& messages,
                  std::string uploads_dir, std::string work_dir, ContactExportLimits limits = {})
      : contacts_(contacts),
        conversations_(conversations),
        messages_(messages),
        uploads_dir_(std::move(uploads_dir)),
        work_dir_(std::move(work_dir)),
        limits_(limits) {}

  // The archive's path (a new file under work_dir), or nullopt when there is no such contact.
  // Throws ContactExportTooLarge, or std::runtime_error when the archive cannot be written.
  std::optional<std::string> exportToFile(Id workspace_id, Id contact_id, Millis now);

  // Removes archives older than `max_age_ms` left by a crash between building and sending.
  void removeStale(Millis max_age_ms);

 private:
  ContactStore& contacts_;
  ConversationStore& conversations_;
  MessageLog& messages_;
  std::string uploads_dir_;
  std::string work_dir_;
  ContactExportLimits limits_;
};

}  // namespace parley
