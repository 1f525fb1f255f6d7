#include "mail/inbound_email_parser.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <stdexcept>
#include <string>

#include "mail/gmime_support.h"
#include "mail/html_text.h"

namespace parley {

namespace {

// Deeper nesting than any mail client makes is not walked: a crafted message could nest thousands.
constexpr int kMaxInboundMimeDepth = 8;

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
    out.push_back({name ? name : "", addr});
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

// A text part's content in UTF-8 (GMime converts from the part's charset, with the parser options'
// fallbacks when the label is missing or wrong).
std::string utf8TextOf(GMimePart* part) {
  if (!GMIME_IS_TEXT_PART(part)) return decodedPartBytes(part);
  GCharPtr text(g_mime_text_part_get_text(GMIME_TEXT_PART(part)));
  return text ? std::string(text.get()) : std::string();
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
    attachment.filename = filename ? filename : "";
    if (type) {
      GCharPtr mime_type(g_mime_content_type_get_mime_type(type));
      if (mime_type) attachment.content_type = lowerAsciiCopy(mime_type.get());
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

  if (const char* subject = g_mime_message_get_subject(message.get())) email.subject = trimmedHeaderValue(subject);
  if (const char* id = g_mime_message_get_message_id(message.get())) email.message_id = id;
  email.in_reply_to = messageIdOf(g_mime_object_get_header(root, "In-Reply-To"));
  if (const char* references = g_mime_object_get_header(root, "References")) {
    std::unique_ptr<GMimeReferences, decltype(&g_mime_references_free)> refs(
        g_mime_references_parse(options.get(), references), &g_mime_references_free);
    const int n = refs ? g_mime_references_length(refs.get()) : 0;
    for (int i = 0; i < n; ++i)
      if (const char* id = g_mime_references_get_message_id(refs.get(), i)) email.references.emplace_back(id);
  }

  InboundBodyParts body;
  collectInboundParts(g_mime_message_get_mime_part(message.get()), email, body, 0);
  email.text = bodyTextLines(body.has_plain ? body.plain : body.has_html ? htmlToText(body.html) : std::string());
  email.automatic_reason = automaticReasonOf(message.get(), email, body);
  email.automatic = !email.automatic_reason.empty();
  return email;
}

}  // namespace parley
