#include "app/message_input.h"

#include <boost/json.hpp>

#include "domain/text_limits.h"
#include <filesystem>

#include "wire/json_codec.h"
#include "wire/message_content.h"
#include "security/upload_type.h"
#include "security/upload_url.h"

namespace parley {

namespace bj = boost::json;

namespace {

// Attachments must point at our own uploads: a client cannot smuggle a javascript: URL or a
// third-party tracker into the other side's screen, nor say a file is something it is not.
std::string parseAttachments(const bj::object& f, const std::string& uploads_dir) {
  auto it = f.find("attachments");
  if (it == f.end() || it->value().is_null()) return "[]";
  if (!it->value().is_array()) throw json::FieldError{"attachments", "must be an array"};
  const auto& arr = it->value().get_array();
  if (arr.size() > 10) throw json::FieldError{"attachments", "at most 10 files a message"};
  bj::array out;
  for (const auto& a : arr) {
    if (!a.is_object()) throw json::FieldError{"attachments", "each attachment must be an object"};
    const auto& o = a.get_object();
    auto url = json::optString(o, "url").value_or("");
    auto type = uploadContentType(url);
    std::error_code ec;
    auto size = type ? std::filesystem::file_size(std::filesystem::path(uploads_dir) / url.substr(9), ec) : 0;
    if (!type || ec) throw json::FieldError{"attachments", "url must be one returned by the upload endpoint"};
    out.push_back(bj::object{{"url", url},
                             {"name", sanitizeFilename(json::optString(o, "name").value_or("file"))},
                             {"size", static_cast<std::int64_t>(size)},
                             {"content_type", *type}});
  }
  return bj::serialize(out);
}

}  // namespace

MessageInput parseMessageInput(const bj::object& f, const std::string& uploads_dir) {
  MessageInput in;
  in.conversation_id = json::optInt(f, "conversation_id");
  in.client_id = json::optString(f, "client_id").value_or("");
  in.body = json::optString(f, "body").value_or("");
  in.is_private = json::optBool(f, "private").value_or(false);
  in.attachments_json = parseAttachments(f, uploads_dir);
  // Who may send which content is MessageSender's rule (draftError); its shape is checked here.
  if (auto it = f.find("content"); it != f.end() && !it->value().is_null())
    in.content_json = parseMessageContent(it->value());
  if (auto it = f.find("reply_to_option"); it != f.end() && !it->value().is_null()) {
    if (!in.content_json.empty()) throw json::FieldError{"reply_to_option", "cannot come with content"};
    in.content_json = parseReplyToOption(it->value());
  }
  return in;
}

}  // namespace parley
