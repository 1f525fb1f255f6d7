// Limits on user-typed text. Bodies are stored exactly as typed; these checks only decide whether to accept them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace parley {

inline constexpr std::size_t kMaxMessageChars = 10'000;  // docs/protocol.md: "at most 10,000 characters"

// Strict UTF-8: rejects overlong forms, UTF-16 surrogates and code points above U+10FFFF, because SQLite, JSON
// encoders and browsers each treat those differently and one stored row must read the same everywhere.
bool isValidUtf8(std::string_view text);

// Number of code points; only meaningful for valid UTF-8 (continuation bytes are not counted).
std::size_t countCodePoints(std::string_view text);

// True when the text has nothing but whitespace, Unicode spaces and zero-width characters included
// (a message of U+200B alone looks empty in every client).
bool isBlank(std::string_view text);

struct TextProblem {
  std::string code;     // REST error code: "invalid", "missing" or "too_large"
  std::string message;  // human-readable, shown by clients
};

// The same check as validateMessageBody with the REST error code the HTTP layer needs.
std::optional<TextProblem> checkMessageBody(std::string_view body);

// nullopt when the body is acceptable, otherwise why not.
std::optional<std::string> validateMessageBody(std::string_view body);

// At most max_bytes, cut at a code point boundary (previews, notification snippets).
std::string truncateUtf8(std::string_view text, std::size_t max_bytes);

}  // namespace parley
