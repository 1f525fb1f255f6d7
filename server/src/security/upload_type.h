// What an upload really is. The client's Content-Type and file name are not trusted: the stored type comes from
// the bytes, so a script renamed to .png is refused instead of being served back from our origin.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace parley {

// "image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "application/zip" by magic bytes;
// "text/plain" for valid UTF-8 without NUL bytes and with few control characters; nullopt otherwise
// (also for an empty upload).
std::optional<std::string> sniffContentType(std::string_view bytes);

// A file name safe to store and to put in a Content-Disposition header: directories are stripped, only
// letters (ASCII and common scripts), digits, '.', '-', '_' and single spaces are kept, other runs become '_',
// leading dots are removed (no hidden files), at most 120 characters with the extension kept. Never empty.
std::string sanitizeFilename(std::string_view name);

}  // namespace parley
