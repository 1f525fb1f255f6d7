#include "security/upload_url.h"

#include <algorithm>
#include <array>
#include <utility>

namespace parley {

namespace {

constexpr std::string_view kPrefix = "/uploads/";
constexpr std::size_t kNameHex = 32;

constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kUploadTypes = {{
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".gif", "image/gif"},
    {".webp", "image/webp"},
    {".pdf", "application/pdf"},
    {".zip", "application/zip"},
    {".txt", "text/plain"},
}};

}  // namespace

std::optional<std::string> uploadContentType(std::string_view url) {
  if (url.size() <= kPrefix.size() + kNameHex || url.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  auto name = url.substr(kPrefix.size(), kNameHex);
  if (!std::all_of(name.begin(), name.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }))
    return std::nullopt;
  auto ext = url.substr(kPrefix.size() + kNameHex);
  for (const auto& [e, type] : kUploadTypes)
    if (ext == e) return std::string(type);
  return std::nullopt;
}

bool isUploadUrl(std::string_view url) { return uploadContentType(url).has_value(); }

std::string uploadExtensionFor(std::string_view content_type) {
  for (const auto& [e, type] : kUploadTypes)
    if (type == content_type) return std::string(e);
  return ".txt";
}

}  // namespace parley
