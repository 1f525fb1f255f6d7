// The one shape of an upload's URL: "/uploads/" + 32 lower-case hex + one of the extensions the
// upload endpoint gives (the bytes decided the type). Anything else ("/uploads/%2e%2e/app",
// "/uploads/x.html") is not an upload, so attachments and avatars can only point at files the
// server stored itself, and what they claim about a file is read from the file, not the client.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace parley {

bool isUploadUrl(std::string_view url);

// The stored type of an upload by its URL's extension; nullopt when the URL is not an upload.
std::optional<std::string> uploadContentType(std::string_view url);

// The extension an upload of this (sniffed) type is stored with, dot included.
std::string uploadExtensionFor(std::string_view content_type);

}  // namespace parley
