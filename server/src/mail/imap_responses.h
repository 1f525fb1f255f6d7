// The few IMAP responses mail/imap_mailbox.cpp reads itself. libcurl hands the untagged responses of
// a custom command to the caller as text (it parses only its own FETCH of a message), so these are
// kept small and tested on their own (imap_responses_test.cpp).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace parley {

// The UIDs of every "* SEARCH n n ..." line (RFC 3501 7.2.5), in ascending order, duplicates
// removed. Anything that is not a number ends a line's list (e.g. a "(MODSEQ n)" suffix).
std::vector<std::uint64_t> parseImapSearchUids(std::string_view response);

// Whether the FLAGS list of a "* n FETCH (... FLAGS (...) ...)" response holds \Seen.
bool imapFlagsIncludeSeen(std::string_view response);

}  // namespace parley
