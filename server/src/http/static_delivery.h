// HTTP caching and content negotiation for static files (http/static_routes.cpp): which pre-compressed copy of a
// file to send for an Accept-Encoding header, and whether an If-None-Match header names the ETag we would send.
// Pure functions over header text, so the parsing is unit-tested without a server.
#pragma once

#include <string>
#include <string_view>

namespace parley {

enum class ContentCoding { identity, gzip, br };

// The coding to send, given the request's Accept-Encoding and which pre-compressed copies exist.
// RFC 9110 12.5.3: codings are weighted by q (0 to 1, "q=0" means "not acceptable"), "*" stands for every coding
// not named. The highest q wins; on a tie br beats gzip beats identity (smaller first). Identity competes only
// when ranked (by name or by "*"); otherwise it is what is sent when no compressed copy is acceptable.
// An absent or empty header gets identity.
ContentCoding chooseContentCoding(std::string_view accept_encoding, bool have_br, bool have_gzip);

// The Content-Encoding token and the file suffix of a coding ("" for identity).
std::string_view codingToken(ContentCoding c);
std::string_view codingSuffix(ContentCoding c);

// True when If-None-Match ("*", or a list of entity tags, weak or strong) matches `etag` under the weak
// comparison RFC 9110 13.1.2 asks for.
bool ifNoneMatchHits(std::string_view if_none_match, std::string_view etag);

}  // namespace parley
