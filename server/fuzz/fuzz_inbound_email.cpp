// parseInboundEmail on any bytes (anyone can send mail to a reply address), then what app/ does next
// with the body: stripQuotedReply. Besides not crashing: every string comes out valid UTF-8 (the
// store and the JSON encoders take nothing else), the attachments stay within their limit, and the
// stripped reply is never longer than the text it came from.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "domain/email_reply_text.h"
#include "domain/text_limits.h"
#include "fuzz_check.h"
#include "mail/html_text.h"
#include "mail/inbound_email_parser.h"

using namespace parley;
using parley::fuzz::fail;

namespace {

void checkInboundUtf8(const std::string& text, const char* what) {
  if (!isValidUtf8(text)) fail(what, text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  (void)htmlToText(raw);
  InboundEmail email;
  try {
    email = parseInboundEmail(raw);
  } catch (const std::invalid_argument&) {
    return 0;
  }
  checkInboundUtf8(email.subject, "subject is not valid UTF-8");
  checkInboundUtf8(email.text, "text is not valid UTF-8");
  checkInboundUtf8(email.message_id, "message id is not valid UTF-8");
  checkInboundUtf8(email.in_reply_to, "in-reply-to is not valid UTF-8");
  for (const auto& id : email.references) checkInboundUtf8(id, "reference is not valid UTF-8");
  if (email.from) {
    checkInboundUtf8(email.from->name, "from name is not valid UTF-8");
    checkInboundUtf8(email.from->address, "from address is not valid UTF-8");
  }
  for (const auto& to : email.to) {
    checkInboundUtf8(to.name, "recipient name is not valid UTF-8");
    checkInboundUtf8(to.address, "recipient address is not valid UTF-8");
  }
  if (email.attachments.size() > kMaxInboundAttachments) fail("more attachments than the limit");
  for (const auto& a : email.attachments) checkInboundUtf8(a.filename, "attachment name is not valid UTF-8");
  if (email.automatic == email.automatic_reason.empty()) fail("automatic without a reason, or a reason without it");
  const std::string reply = stripQuotedReply(email.text);
  if (reply.size() > email.text.size()) fail("stripped reply longer than the text", reply);
  checkInboundUtf8(reply, "stripped reply is not valid UTF-8");
  return 0;
}
