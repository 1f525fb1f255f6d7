// Upload typing: sniffContentType decides what an uploaded file is served as (from the bytes, never
// the client's word), sanitizeFilename what name it keeps, and uploadContentType which URLs name
// an upload at all (attachments and avatars may only point there). Input: byte 0 splits the rest
// into a file name (the X-Filename header, URL-decoded as upload_routes.cpp does) and the file
// body; the whole rest is also tried as an upload URL.
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/text_limits.h"
#include "fuzz_check.h"
#include "http/request.h"
#include "security/upload_type.h"
#include "security/upload_url.h"

using namespace parley;
using parley::fuzz::fail;

namespace {

bool startsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

void checkType(std::string_view body) {
  const auto type = sniffContentType(body);
  if (!type) return;
  const std::string& t = *type;
  // A type is only claimed when the bytes carry its signature; text must be UTF-8 without NUL
  // (it is served as text/plain with nosniff, so nothing else may be called text).
  bool ok = (t == "image/png" && startsWith(body, "\x89PNG\r\n\x1a\n")) ||
            (t == "image/jpeg" && startsWith(body, "\xFF\xD8\xFF")) ||
            (t == "image/gif" && (startsWith(body, "GIF87a") || startsWith(body, "GIF89a"))) ||
            (t == "image/webp" && body.size() >= 12 && startsWith(body, "RIFF") && body.substr(8, 4) == "WEBP") ||
            (t == "application/pdf" && startsWith(body, "%PDF-")) ||
            (t == "application/zip" && (startsWith(body, std::string_view("PK\x03\x04", 4)) ||
                                        startsWith(body, std::string_view("PK\x05\x06", 4)))) ||
            (t == "text/plain" && !body.empty() && isValidUtf8(body) && body.find('\0') == std::string_view::npos);
  if (!ok) fail("content type without its signature", t);
  // The stored file's URL must give the type back (message_input.cpp reads it from the URL).
  const std::string url = "/uploads/0123456789abcdef0123456789abcdef" + uploadExtensionFor(t);
  if (uploadContentType(url) != t) fail("upload URL does not give its type back", url);
}

// An upload URL is "/uploads/" + 32 lower-case hex + a known extension, nothing else: the rest of
// the URL is joined to the uploads directory, so any other character could climb out of it.
void checkUrl(std::string_view url) {
  const auto type = uploadContentType(url);
  if (type.has_value() != isUploadUrl(url)) fail("isUploadUrl and uploadContentType disagree", url);
  if (!type) return;
  if (url.substr(0, 9) != "/uploads/" || url.size() < 9 + 32 + 4) fail("upload URL without its prefix", url);
  for (char c : url.substr(9, 32))
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) fail("upload URL name is not hex", url);
  const auto ext = url.substr(9 + 32);
  if (ext.size() > 5 || ext[0] != '.' || ext.find_first_of("/\\%.", 1) != std::string_view::npos)
    fail("upload URL extension", url);
  if (uploadExtensionFor(*type) != ext) fail("upload URL extension not the one of its type", url);
}

// The promises of upload_type.h: never empty, no directories, no leading dot, no control or
// bidi characters, at most 120 characters, valid UTF-8; and a clean name stays as it is.
void checkName(std::string_view raw) {
  const std::string name = sanitizeFilename(raw);
  if (name.empty()) fail("empty file name");
  if (!isValidUtf8(name)) fail("file name is not UTF-8", name);
  if (name.find_first_of("/\\") != std::string::npos) fail("file name keeps a directory", name);
  if (name.front() == '.' || name.front() == ' ') fail("hidden or padded file name", name);
  if (name.back() == ' ' || name.back() == '.') fail("file name ends in a space or dot", name);
  if (name.find("  ") != std::string::npos || name.find("__") != std::string::npos) fail("runs not collapsed", name);
  if (countCodePoints(name) > 120) fail("file name over 120 characters", name);
  for (unsigned char c : name)
    if (c < 0x20 || c == 0x7F || c == '"' || c == '\'' || c == ';' || c == '<' || c == '>' || c == '%')
      fail("file name keeps a character unsafe in a header or on a page", name);
  // No format characters: U+200B..U+200F, U+202A..U+202E, U+2066..U+2069 (E2 80 8B..8F, AA..AE; E2 81 A6..A9).
  for (std::size_t i = 0; i + 2 < name.size(); ++i) {
    const auto a = static_cast<unsigned char>(name[i]), b = static_cast<unsigned char>(name[i + 1]),
               c = static_cast<unsigned char>(name[i + 2]);
    if (a == 0xE2 && ((b == 0x80 && ((c >= 0x8B && c <= 0x8F) || (c >= 0xAA && c <= 0xAE))) ||
                      (b == 0x81 && c >= 0xA6 && c <= 0xA9)))
      fail("file name keeps a bidi or zero-width character", name);
  }
  if (sanitizeFilename(name) != name) fail("sanitizing a sanitized name changes it", name + " -> " + sanitizeFilename(name));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  const std::size_t split = std::min<std::size_t>(data[0], rest.size());
  checkName(urlDecode(rest.substr(0, split), false));
  checkName(rest);  // the raw bytes too: a name is not always URL-encoded
  checkType(rest.substr(split));
  checkType(rest);
  checkUrl(rest);
  checkUrl(urlDecode(rest, false));
  return 0;
}
