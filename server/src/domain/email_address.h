// Email addresses as people type them: `--mail-from "Acme Support <support@acme.com>"`, a visitor's
// address for a transcript. Deliberately narrower than RFC 5322 (no quoted local parts, comments or
// IP literals): what Parley sends to must be one plain addr-spec that cannot smuggle a second
// address, a header or an SMTP command.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/email.h"

namespace parley {

// local@domain: at most kMaxEmailAddressBytes, one '@', a local part of printable ASCII without
// spaces, quotes, angle brackets, commas, semicolons, backslashes or parentheses, and a domain of
// letters, digits, hyphens and at least one inner dot. UTF-8 is not accepted (SMTPUTF8 is rare).
bool isPlainEmailAddress(std::string_view address);

// "Name <addr>", "<addr>" or "addr"; nullopt unless the address is plain (above) and the name has
// no control characters. Quotes around the name are removed.
std::optional<EmailAddress> parseMailbox(std::string_view text);

// The part after the last '@' ("" without one): --mail-from's domain is the default reply domain.
std::string emailDomainOf(std::string_view address);

}  // namespace parley
