#include "app/contact_erasure.h"

#include <boost/json.hpp>
#include <filesystem>

#include "bus/hub.h"
#include "security/upload_url.h"
#include "wire/json_codec.h"

namespace parley {

namespace bj = boost::json;

std::size_t removeAttachmentFiles(const std::vector<std::string>& attachment_lists, const std::string& uploads_dir) {
  std::size_t removed = 0;
  for (const auto& list : attachment_lists) {
    auto parsed = json::parseOr(list, bj::array{});
    if (!parsed.is_array()) continue;
    for (const auto& a : parsed.get_array()) {
      if (!a.is_object()) continue;
      auto it = a.get_object().find("url");
      if (it == a.get_object().end() || !it->value().is_string()) continue;
      std::string_view url = it->value().get_string();
      // Only "/uploads/<32 hex>.<ext>": a stored list can never name a file outside the uploads.
      if (!isUploadUrl(url)) continue;
      std::error_code ec;
      if (std::filesystem::remove(std::filesystem::path(uploads_dir) / std::string(url.substr(9)), ec)) ++removed;
    }
  }
  return removed;
}

std::optional<ErasureOutcome> ContactEraser::erase(Id workspace_id, Id contact_id) {
  auto outcome = store_.eraseContact(workspace_id, contact_id);
  if (!outcome) return std::nullopt;
  removeAttachmentFiles(outcome->attachment_lists, uploads_dir_);
  bus_.publish(Hub::visitorTopic(contact_id), makeEndFrame(kCloseErased, "erased"));
  store_.scrubDeleted();
  return outcome;
}

}  // namespace parley
