// Whether a typed address is worth handing to the outbox (issue 15: transcripts). Not RFC 5322:
// a visitor or an agent types one address, and whatever reaches the outbox ends up in an SMTP
// envelope and a To header, so anything that could split or bend those is refused here.
#pragma once

#include <string_view>

namespace parley {

// At most kMaxEmailAddressBytes (254); exactly one '@' with text on both sides and a dot in the
// domain part (not first or last); no spaces, control characters, angle brackets, commas,
// semicolons, quotes or backslashes.
bool isPlausibleEmailAddress(std::string_view address);

}  // namespace parley
