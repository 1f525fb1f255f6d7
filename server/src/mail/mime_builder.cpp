#include "mail/mime_builder.h"

#include <stdexcept>

#include "mail/gmime_support.h"

namespace parley {

namespace {

// Header values come from visitors and agents (names, subjects): a CR or LF in one would end the
// header and start another of the sender's choosing.
std::string singleLineHeaderValue(const std::string& value) {
  std::string out = value;
  for (char& c : out)
    if (c == '\r' || c == '\n') c = ' ';
  return out;
}

std::string angleBracketed(const std::string& id) { return "<" + singleLineHeaderValue(id) + ">"; }

// RFC 5322 field names: printable ASCII without space or colon. Anything else is not a header a
// mail client reads, and a space or line break in one would let it forge another.
bool isHeaderFieldName(const std::string& name) {
  if (name.empty()) return false;
  for (unsigned char c : name)
    if (c < 33 || c > 126 || c == ':') return false;
  return true;
}

void addMimeMailbox(GMimeMessage* message, GMimeAddressType type, const EmailAddress& address) {
  const std::string name = singleLineHeaderValue(address.name);
  const std::string addr = singleLineHeaderValue(address.address);
  g_mime_message_add_mailbox(message, type, name.empty() ? nullptr : name.c_str(), addr.c_str());
}

// A text part with the transfer encoding that keeps it 7-bit (quoted-printable for mostly ASCII
// text, base64 otherwise), so no relay has to convert it. GMime picks the smallest charset that holds
// the text (us-ascii, iso-8859-1 or utf-8) and labels the part with it.
GMimeTextPart* newTextPart(const char* subtype, const std::string& text) {
  GMimeTextPart* part = g_mime_text_part_new_with_subtype(subtype);
  g_mime_text_part_set_text(part, text.c_str());
  GMimePart* as_part = GMIME_PART(part);
  g_mime_part_set_content_encoding(as_part,
                                   g_mime_part_get_best_content_encoding(as_part, GMIME_ENCODING_CONSTRAINT_7BIT));
  return part;
}

}  // namespace

std::string buildMime(const OutgoingEmail& email, Millis date_ms) {
  if (email.from.address.empty()) throw std::invalid_argument("buildMime: no from address");
  if (email.message_id.empty()) throw std::invalid_argument("buildMime: no message id");
  bool any_recipient = false;
  for (const auto& to : email.to) any_recipient = any_recipient || !to.address.empty();
  if (!any_recipient) throw std::invalid_argument("buildMime: no recipient");
  ensureGmimeInitialized();

  GObjectPtr<GMimeMessage> message(g_mime_message_new(TRUE));
  GMimeObject* root = GMIME_OBJECT(message.get());
  addMimeMailbox(message.get(), GMIME_ADDRESS_TYPE_FROM, email.from);
  for (const auto& to : email.to)
    if (!to.address.empty()) addMimeMailbox(message.get(), GMIME_ADDRESS_TYPE_TO, to);
  if (email.reply_to && !email.reply_to->address.empty())
    addMimeMailbox(message.get(), GMIME_ADDRESS_TYPE_REPLY_TO, *email.reply_to);
  g_mime_message_set_subject(message.get(), singleLineHeaderValue(email.subject).c_str(), "utf-8");

  std::unique_ptr<GDateTime, decltype(&g_date_time_unref)> date(
      g_date_time_new_from_unix_utc(static_cast<gint64>(date_ms / 1000)), &g_date_time_unref);
  if (date) g_mime_message_set_date(message.get(), date.get());
  g_mime_message_set_message_id(message.get(), singleLineHeaderValue(email.message_id).c_str());
  if (!email.in_reply_to.empty())
    g_mime_object_set_header(root, "In-Reply-To", angleBracketed(email.in_reply_to).c_str(), nullptr);
  if (!email.references.empty()) {
    std::string references;
    for (const auto& id : email.references) {
      if (id.empty()) continue;
      if (!references.empty()) references += ' ';
      references += angleBracketed(id);
    }
    if (!references.empty()) g_mime_object_set_header(root, "References", references.c_str(), nullptr);
  }
  for (const auto& [name, value] : email.headers) {
    if (!isHeaderFieldName(name)) continue;
    g_mime_object_append_header(root, name.c_str(), singleLineHeaderValue(value).c_str(), "utf-8");
  }

  GObjectPtr<GMimeTextPart> text(newTextPart("plain", email.text));
  if (email.html.empty()) {
    g_mime_message_set_mime_part(message.get(), GMIME_OBJECT(text.get()));
  } else {
    GObjectPtr<GMimeMultipart> alternative(g_mime_multipart_new_with_subtype("alternative"));
    GObjectPtr<GMimeTextPart> html(newTextPart("html", email.html));
    g_mime_multipart_add(alternative.get(), GMIME_OBJECT(text.get()));  // the multipart takes its own ref
    g_mime_multipart_add(alternative.get(), GMIME_OBJECT(html.get()));
    g_mime_message_set_mime_part(message.get(), GMIME_OBJECT(alternative.get()));
  }

  // SMTP wants CRLF; GMime writes LF unless told otherwise.
  std::unique_ptr<GMimeFormatOptions, decltype(&g_mime_format_options_free)> format(
      g_mime_format_options_clone(g_mime_format_options_get_default()), &g_mime_format_options_free);
  g_mime_format_options_set_newline_format(format.get(), GMIME_NEWLINE_FORMAT_DOS);
  GObjectPtr<GMimeStream> stream(g_mime_stream_mem_new());
  if (g_mime_object_write_to_stream(root, format.get(), stream.get()) < 0)
    throw std::runtime_error("buildMime: GMime could not write the message");
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream.get()));
  return std::string(reinterpret_cast<const char*>(bytes->data), bytes->len);
}

}  // namespace parley
