#include "mail/inbound_email_parser.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>

#include "domain/text_limits.h"
#include "mail/gmime_support.h"
#include "mail/html_text.h"

namespace parley {

namespace {

// Deeper nesting than any mail client makes is not walked: a crafted message could nest thousands.
constexpr int kMaxInboundMimeDepth = 8;

// Every string of an InboundEmail is valid UTF-8 without NUL bytes, whatever the email declared:
// a part labelled utf-8 may hold Latin-1 bytes, a header raw 8-bit ones. Invalid sequences become
// U+FFFD, so the store and the JSON encoders downstream never see broken text.
std::string validInboundUtf8(std::string text) {
  text.erase(std::remove(text.begin(), text.end(), '\0'), text.end());
  if (isValidUtf8(text)) return text;
  GCharPtr fixed(g_utf8_make_valid(text.data(), static_cast<gssize>(text.size())));
  return fixed ? std::string(fixed.get()) : std::string();
}

std::string lowerAsciiCopy(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string trimmedHeaderValue(const char* value) {
  if (!value) return {};
  std::string_view s(value);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

std::string messageIdOf(const char* header_value) {
  if (!header_value) return {};
  GCharPtr id(g_mime_utils_decode_message_id(header_value));
  return id ? std::string(id.get()) : std::string();
}

void appendMailboxes(InternetAddressList* list, std::vector<EmailAddress>& out, int depth = 0) {
  if (!list || depth > 2) return;
  const int n = internet_address_list_length(list);
  for (int i = 0; i < n; ++i) {
    InternetAddress* address = internet_address_list_get_address(list, i);
    if (INTERNET_ADDRESS_IS_GROUP(address)) {
      appendMailboxes(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address)), out, depth + 1);
      continue;
    }
    if (!INTERNET_ADDRESS_IS_MAILBOX(address)) continue;
    const char* addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address));
    if (!addr || !*addr || std::strlen(addr) > kMaxEmailAddressBytes) continue;
    const std::string lowered = lowerAsciiCopy(addr);
    const bool seen = std::any_of(out.begin(), out.end(),
                                  [&](const EmailAddress& e) { return lowerAsciiCopy(e.address) == lowered; });
    if (seen) continue;
    const char* name = internet_address_get_name(address);
    out.push_back({validInboundUtf8(name ? name : ""), validInboundUtf8(addr)});
  }
}

// The decoded bytes of a leaf part (its Content-Transfer-Encoding undone).
std::string decodedPartBytes(GMimePart* part) {
  GMimeDataWrapper* content = g_mime_part_get_content(part);
  if (!content) return {};
  GObjectPtr<GMimeStream> stream(g_mime_stream_mem_new());
  if (g_mime_data_wrapper_write_to_stream(content, stream.get()) < 0) return {};
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream.get()));
  return std::string(reinterpret_cast<const char*>(bytes->data), bytes->len);
}

// `bytes` converted from `charset` to UTF-8, or nothing when the charset is unknown or the bytes are
// not in it. g_convert takes a length, so a NUL in the text does not cut it short (GMime's
// g_mime_text_part_get_text returns a C string).
std::optional<std::string> convertedFromCharset(const std::string& bytes, const char* charset) {
  gsize written = 0;
  GError* error = nullptr;
  GCharPtr converted(g_convert(bytes.data(), static_cast<gssize>(bytes.size()), "UTF-8", charset, nullptr, &written, &error));
  if (error) g_error_free(error);
  if (!converted) return std::nullopt;
  return std::string(converted.get(), written);
}

// A text part's content in UTF-8: from its declared charset (GMime's alias table names it for iconv),
// else, when the label is missing or wrong, from Windows-1252 (what unlabelled 8-bit mail usually is)
// or, as the last resort every byte fits, ISO-8859-1.
std::string utf8TextOf(GMimePart* part) {
  const std::string bytes = decodedPartBytes(part);
  const char* declared = g_mime_object_get_content_type_parameter(GMIME_OBJECT(part), "charset");
  const char* charset = declared && *declared ? g_mime_charset_iconv_name(declared) : nullptr;
  const bool says_utf8 = !charset || g_ascii_strcasecmp(charset, "UTF-8") == 0 ||
                         g_ascii_strcasecmp(charset, "us-ascii") == 0 || g_ascii_strcasecmp(charset, "ASCII") == 0;
  if (says_utf8 && isValidUtf8(bytes)) return bytes;
  if (!says_utf8)
    if (auto text = convertedFromCharset(bytes, charset)) return *text;
  if (auto text = convertedFromCharset(bytes, "WINDOWS-1252")) return *text;
  if (auto text = convertedFromCharset(bytes, "ISO-8859-1")) return *text;
  return bytes;  // validInboundUtf8 replaces what is still broken
}

struct InboundBodyParts {
  std::string plain;
  std::string html;
  bool has_plain = false;
  bool has_html = false;
  bool is_report = false;  // a multipart/report anywhere: a delivery status notification
};

bool isAttachmentPart(GMimeObject* object, GMimePart* part) {
  if (g_mime_part_is_attachment(part)) return true;
  const char* filename = g_mime_part_get_filename(part);
  if (filename && *filename) return true;
  GMimeContentType* type = g_mime_object_get_content_type(object);
  return type && !g_mime_content_type_is_type(type, "text", "*");
}

void collectInboundParts(GMimeObject* object, InboundEmail& email, InboundBodyParts& body, int depth) {
  if (!object || depth > kMaxInboundMimeDepth) return;
  if (GMIME_IS_MULTIPART(object)) {
    GMimeContentType* type = g_mime_object_get_content_type(object);
    if (type && g_mime_content_type_is_type(type, "multipart", "report")) body.is_report = true;
    GMimeMultipart* multipart = GMIME_MULTIPART(object);
    const int n = g_mime_multipart_get_count(multipart);
    for (int i = 0; i < n; ++i) collectInboundParts(g_mime_multipart_get_part(multipart, i), email, body, depth + 1);
    return;
  }
  if (GMIME_IS_MESSAGE_PART(object)) return;  // a forwarded or bounced message: not the sender's text
  if (!GMIME_IS_PART(object)) return;
  GMimePart* part = GMIME_PART(object);
  GMimeContentType* type = g_mime_object_get_content_type(object);
  if (isAttachmentPart(object, part)) {
    if (email.attachments.size() >= kMaxInboundAttachments) {
      ++email.dropped_attachments;
      return;
    }
    EmailAttachment attachment;
    const char* filename = g_mime_part_get_filename(part);
    attachment.filename = validInboundUtf8(filename ? filename : "");
    if (type) {
      GCharPtr mime_type(g_mime_content_type_get_mime_type(type));
      if (mime_type) attachment.content_type = validInboundUtf8(lowerAsciiCopy(mime_type.get()));
    }
    attachment.data = decodedPartBytes(part);
    email.attachments.push_back(std::move(attachment));
    return;
  }
  if (type && g_mime_content_type_is_type(type, "text", "plain") && !body.has_plain) {
    body.plain = utf8TextOf(part);
    body.has_plain = true;
  } else if (type && g_mime_content_type_is_type(type, "text", "html") && !body.has_html) {
    body.html = utf8TextOf(part);
    body.has_html = true;
  }
}

// The body as the chat shows text: "\n" line ends (mail has CRLF), no blank lines at the end.
std::string bodyTextLines(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out += text[i];
    }
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ' || out.back() == '\t')) out.pop_back();
  return out;
}

// Bounces and auto-replies (domain/email.h): the reason, or empty for a person's email.
std::string automaticReasonOf(GMimeMessage* message, const InboundEmail& email, const InboundBodyParts& body) {
  GMimeObject* root = GMIME_OBJECT(message);
  if (body.is_report) return "bounce";
  if (email.from) {
    const std::string from = lowerAsciiCopy(email.from->address);
    if (from.rfind("mailer-daemon@", 0) == 0 || from == "mailer-daemon") return "bounce";
  }
  if (const char* return_path = g_mime_object_get_header(root, "Return-Path")) {
    const std::string value = trimmedHeaderValue(return_path);
    if (value.empty() || value == "<>") return "bounce";
  }
  if (const char* auto_submitted = g_mime_object_get_header(root, "Auto-Submitted")) {
    std::string value = lowerAsciiCopy(trimmedHeaderValue(auto_submitted));
    value = value.substr(0, value.find(';'));
    if (trimmedHeaderValue(value.c_str()) != "no") return "auto-reply";
  }
  if (g_mime_object_get_header(root, "X-Autoreply") || g_mime_object_get_header(root, "X-Autorespond"))
    return "auto-reply";
  if (const char* precedence = g_mime_object_get_header(root, "Precedence")) {
    const std::string value = lowerAsciiCopy(trimmedHeaderValue(precedence));
    if (value == "auto_reply") return "auto-reply";
    if (value == "bulk" || value == "junk" || value == "list") return "bulk";
  }
  return {};
}

std::unique_ptr<GMimeParserOptions, decltype(&g_mime_parser_options_free)> lenientParserOptions() {
  std::unique_ptr<GMimeParserOptions, decltype(&g_mime_parser_options_free)> options(g_mime_parser_options_new(),
                                                                                      &g_mime_parser_options_free);
  // Mail clients break the RFCs in well-known ways (unencoded 8-bit headers, encoded words inside
  // quotes, missing charsets): decode what can be decoded rather than show raw bytes.
  g_mime_parser_options_set_rfc2047_compliance_mode(options.get(), GMIME_RFC_COMPLIANCE_LOOSE);
  g_mime_parser_options_set_address_compliance_mode(options.get(), GMIME_RFC_COMPLIANCE_LOOSE);
  static const char* fallback_charsets[] = {"UTF-8", "windows-1252", nullptr};
  g_mime_parser_options_set_fallback_charsets(options.get(), fallback_charsets);
  return options;
}

}  // namespace

InboundEmail parseInboundEmail(std::string_view raw) {
  if (raw.size() > kMaxInboundEmailBytes) throw std::invalid_argument("email larger than the limit");
  ensureGmimeInitialized();
  auto options = lenientParserOptions();
  // The stream holds a copy of the bytes: at most kMaxInboundEmailBytes more while this runs.
  GObjectPtr<GMimeStream> stream(
      g_mime_stream_mem_new_with_buffer(raw.empty() ? "" : raw.data(), raw.size()));
  GObjectPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
  GObjectPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), options.get()));
  if (!message) throw std::invalid_argument("not an email");

  InboundEmail email;
  GMimeObject* root = GMIME_OBJECT(message.get());
  std::vector<EmailAddress> from;
  appendMailboxes(g_mime_message_get_from(message.get()), from);
  if (!from.empty()) email.from = from.front();
  appendMailboxes(g_mime_message_get_to(message.get()), email.to);
  appendMailboxes(g_mime_message_get_cc(message.get()), email.to);
  // Delivered-To / X-Original-To name the mailbox the server delivered to (the reply address when
  // the visitor's client put it in Bcc or a list expanded it): every one of them counts.
  GMimeHeaderList* headers = g_mime_object_get_header_list(root);
  const int header_count = headers ? g_mime_header_list_get_count(headers) : 0;
  for (int i = 0; i < header_count; ++i) {
    GMimeHeader* header = g_mime_header_list_get_header_at(headers, i);
    const char* name = header ? g_mime_header_get_name(header) : nullptr;
    if (!name || (g_ascii_strcasecmp(name, "Delivered-To") != 0 && g_ascii_strcasecmp(name, "X-Original-To") != 0))
      continue;
    const char* value = g_mime_header_get_value(header);
    if (!value) continue;
    GObjectPtr<InternetAddressList> list(internet_address_list_parse(options.get(), value));
    appendMailboxes(list.get(), email.to);
  }

  if (const char* subject = g_mime_message_get_subject(message.get()))
    email.subject = validInboundUtf8(trimmedHeaderValue(subject));
  if (const char* id = g_mime_message_get_message_id(message.get())) email.message_id = validInboundUtf8(id);
  email.in_reply_to = validInboundUtf8(messageIdOf(g_mime_object_get_header(root, "In-Reply-To")));
  if (const char* references = g_mime_object_get_header(root, "References")) {
    std::unique_ptr<GMimeReferences, decltype(&g_mime_references_free)> refs(
        g_mime_references_parse(options.get(), references), &g_mime_references_free);
    const int n = refs ? g_mime_references_length(refs.get()) : 0;
    for (int i = 0; i < n; ++i)
      if (const char* id = g_mime_references_get_message_id(refs.get(), i)) email.references.push_back(validInboundUtf8(id));
  }

  InboundBodyParts body;
  collectInboundParts(g_mime_message_get_mime_part(message.get()), email, body, 0);
  email.text = validInboundUtf8(bodyTextLines(body.has_plain ? body.plain : body.has_html ? htmlToText(body.html) : std::string()));
  email.automatic_reason = automaticReasonOf(message.get(), email, body);
  email.automatic = !email.automatic_reason.empty();
  return email;
}

}  // namespace parley
