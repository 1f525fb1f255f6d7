// What a person wrote in an emailed reply, without what their mail client added under it (issue 15,
// item 3): the quoted history and the signature. Pure text rules, no MIME: the caller hands over the
// decoded text/plain body (mail/inbound_email_parser.h).
#pragma once

#include <string>
#include <string_view>

namespace parley {

// Cuts, from the first of these lines on:
//   - an attribution: "On <date>, <someone> wrote:" (also wrapped over two lines, as Gmail does) and
//     the German, French, Spanish and Dutch forms ("Am ... schrieb ...:", "Le ... a écrit :",
//     "El ... escribió:", "Op ... schreef ...:");
//   - "-----Original Message-----" (and its German, French, Spanish translations);
//   - an Outlook header block ("From:" followed within a few lines by "Sent:", "Date:", "To:" or
//     "Subject:"), with the line of underscores Outlook puts above it;
//   - a signature separator, a line that is exactly "-- ".
// Lines starting with ">" (quoted) are dropped wherever they are, so an answer written between
// quotes keeps its own lines. Line ends become "\n"; leading and trailing blank lines are trimmed.
// When nothing is left (a reply that is only a quote), the whole text, trimmed, is returned instead.
std::string stripQuotedReply(std::string_view text);

}  // namespace parley
