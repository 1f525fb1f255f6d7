// An email's bytes as the record app/ works with (issue 15, item 3), parsed with GMime 3. The bytes
// are hostile input (anyone can send mail to a reply address): no input makes this crash, loop or
// hold more than a small multiple of the input's size.
#pragma once

#include <string_view>

#include "domain/email.h"

namespace parley {

// See InboundEmail (domain/email.h) for each field. The body is the first text/plain part that is
// not an attachment, converted to UTF-8 from its charset; without one, the first text/html part with
// its tags stripped (mail/html_text.h). Parts with a filename or `Content-Disposition: attachment`
// are attachments (decoded; the first kMaxInboundAttachments kept, the rest counted in
// dropped_attachments). Messages nested deeper than a few levels of multipart are not walked further.
// Throws std::invalid_argument when `raw` is larger than kMaxInboundEmailBytes or is no email at all.
InboundEmail parseInboundEmail(std::string_view raw);

}  // namespace parley
