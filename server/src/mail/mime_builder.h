// The RFC 5322 bytes of an email Parley sends (issue 15, item 1), built with GMime 3.
#pragma once

#include <string>

#include "domain/email.h"
#include "domain/model.h"

namespace parley {

// The whole message, CRLF line ends, 7-bit clean (non-ASCII text is quoted-printable or base64;
// non-ASCII header text RFC 2047 encoded words in UTF-8). text/plain alone, or multipart/alternative
// (text, then HTML) when `email.html` is set. Headers: From, To, Reply-To (when set), Subject,
// Date (`date_ms`, UTC), Message-ID, In-Reply-To and References (when set), MIME-Version, then each of
// `email.headers` (one whose name is not an RFC 5322 field name is left out). CR and LF inside any
// header value become spaces: a value cannot add a header.
// Throws std::invalid_argument when `from` or every `to` has no address or `message_id` is empty.
std::string buildMime(const OutgoingEmail& email, Millis date_ms);

}  // namespace parley
