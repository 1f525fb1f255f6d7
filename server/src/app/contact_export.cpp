#include "app/contact_export.h"

#include <zip.h>

#include <boost/json.hpp>
#include <filesystem>
#include <memory>
#include <vector>

#include "security/token.h"
#include "security/upload_type.h"
#include "security/upload_url.h"
#include "wire/json_codec.h"

namespace parley {

namespace bj = boost::json;
namespace fs = std::filesystem;

namespace {

constexpr const char* kExportReadme =
    "Everything this Parley workspace stores about one contact.\n\n"
    "contact.json        the profile: name, email, user id, attributes, browser, location, first and last seen\n"
    "conversations.json  every conversation with every message, oldest first; \"private\": true marks an\n"
    "                    agents' internal note, which the contact never saw\n"
    "page_views.json     the pages the contact was seen on (the newest 200 are kept)\n"
    "attachments/        the files of the messages; a message's attachment names its file here\n";

// Owns the archive until it is closed; discards it (and its file) when building fails half-way.
class ExportZip {
 public:
  explicit ExportZip(const std::string& path) : path_(path) {
    int err = 0;
    zip_ = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!zip_) throw std::runtime_error("export: cannot create the archive (libzip error " + std::to_string(err) + ")");
  }
  ~ExportZip() {
    if (zip_) zip_discard(zip_);
  }
  ExportZip(const ExportZip&) = delete;

  // The text is kept alive until close(): libzip reads sources when the archive is written.
  void addText(const std::string& name, std::string text) {
    texts_.push_back(std::make_unique<std::string>(std::move(text)));
    auto& t = *texts_.back();
    zip_source_t* src = zip_source_buffer(zip_, t.data(), t.size(), 0);
    add(name, src, false);
  }
  void addFile(const std::string& name, const fs::path& file) {
    zip_source_t* src = zip_source_file(zip_, file.c_str(), 0, -1);
    add(name, src, true);
  }
  void close() {
    if (zip_close(zip_) != 0) throw std::runtime_error(std::string("export: ") + zip_strerror(zip_));
    zip_ = nullptr;
  }

 private:
  void add(const std::string& name, zip_source_t* src, bool stored) {
    if (!src) throw std::runtime_error(std::string("export: ") + zip_strerror(zip_));
    zip_int64_t index = zip_file_add(zip_, name.c_str(), src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
    if (index < 0) {
      zip_source_free(src);
      throw std::runtime_error(std::string("export: ") + zip_strerror(zip_));
    }
    // Images and PDFs are compressed already: stored as they are, they cost no CPU.
    if (stored) zip_set_file_compression(zip_, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
  }

  std::string path_;
  zip_t* zip_ = nullptr;
  std::vector<std::unique_ptr<std::string>> texts_;
};

}  // namespace

std::optional<std::string> ContactExporter::exportToFile(Id workspace_id, Id contact_id, Millis now) {
  auto contact = contacts_.contactById(workspace_id, contact_id);
  if (!contact) return std::nullopt;
  std::uint64_t bytes = 0;
  auto charge = [&](std::uint64_t n) {
    bytes += n;
    if (bytes > limits_.max_bytes)
      throw ContactExportTooLarge("the export would exceed " + std::to_string(limits_.max_bytes >> 20) + " MiB");
  };

  fs::create_directories(work_dir_);
  const std::string path = (fs::path(work_dir_) / ("export-" + randomHex(16) + ".zip")).string();
  ExportZip zip(path);
  struct PendingFile {
    std::string name;
    fs::path file;
  };
  std::vector<PendingFile> files;

  bj::array conversations;
  int message_count = 0;
  ConversationFilter filter;
  filter.contact_id = contact_id;
  filter.limit = 100;
  for (;;) {
    auto page = conversations_.listConversations(workspace_id, filter);
    for (const auto& conv : page.conversations) {
      if (static_cast<int>(conversations.size()) >= limits_.max_conversations)
        throw ContactExportTooLarge("more than " + std::to_string(limits_.max_conversations) + " conversations");
      bj::object entry = json::conversation(conv);
      bj::array messages;
      std::int64_t after = 0;
      for (;;) {
        auto batch = messages_.messagesAfter(workspace_id, conv.id, after, 500, true);
        for (const auto& m : batch) {
          if (++message_count > limits_.max_messages)
            throw ContactExportTooLarge("more than " + std::to_string(limits_.max_messages) + " messages");
          bj::object msg = json::message(m);
          if (auto* list = msg.if_contains("attachments"); list && list->is_array()) {
            int n = 0;
            for (auto& a : list->as_array()) {
              if (!a.is_object()) continue;
              auto& o = a.as_object();
              auto* url = o.if_contains("url");
              if (!url || !url->is_string() || !isUploadUrl(url->as_string())) continue;
              fs::path file = fs::path(uploads_dir_) / std::string(url->as_string().subview(9));
              std::error_code ec;
              auto size = fs::file_size(file, ec);
              if (ec) continue;  // removed from disk: the message still says what it was
              charge(size);
              std::string base = "file";
              if (auto* name = o.if_contains("name"); name && name->is_string())
                base = sanitizeFilename(std::string(name->as_string()));
              std::string archived =
                  "attachments/" + std::to_string(m.id) + "-" + std::to_string(++n) + "-" + base;
              o["file"] = archived;
              files.push_back({archived, file});
            }
          }
          messages.push_back(std::move(msg));
          after = m.seq;
        }
        if (batch.size() < 500) break;
      }
      entry["messages"] = std::move(messages);
      conversations.push_back(std::move(entry));
    }
    if (!page.next_cursor) break;
    filter.cursor = *page.next_cursor;
  }

  bj::array views;
  for (const auto& pv : contacts_.pageViews(workspace_id, contact_id, kMaxPageViewsPerContact))
    views.push_back(json::pageView(pv));

  auto contact_text = bj::serialize(bj::object{{"exported_at", now}, {"contact", json::contact(*contact, false)}});
  auto conversations_text = bj::serialize(conversations);
  auto views_text = bj::serialize(views);
  charge(contact_text.size() + conversations_text.size() + views_text.size());
  zip.addText("README.txt", kExportReadme);
  zip.addText("contact.json", std::move(contact_text));
  zip.addText("conversations.json", std::move(conversations_text));
  zip.addText("page_views.json", std::move(views_text));
  for (const auto& f : files) zip.addFile(f.name, f.file);
  try {
    zip.close();
  } catch (...) {
    std::error_code ec;
    fs::remove(path, ec);
    throw;
  }
  return path;
}

void ContactExporter::removeStale(Millis max_age_ms) {
  std::error_code ec;
  const auto cutoff = fs::file_time_type::clock::now() - std::chrono::milliseconds(max_age_ms);
  for (const auto& entry : fs::directory_iterator(work_dir_, ec)) {
    if (entry.path().filename().string().rfind("export-", 0) != 0) continue;
    std::error_code e2;
    if (entry.last_write_time(e2) < cutoff && !e2) fs::remove(entry.path(), e2);
  }
}

}  // namespace parley
