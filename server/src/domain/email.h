// Email (issue 15, items 1-4): the records that pass between the layers. mail/ builds and parses
// MIME (GMime) and speaks SMTP and IMAP (libcurl); store/mail_outbox_store.h keeps the durable
// queue; app/ decides what is sent when and what an inbound email becomes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "domain/model.h"

namespace parley {

constexpr std::size_t kMaxInboundEmailBytes = 25 * 1024 * 1024;  // a larger email is refused unread
constexpr std::size_t kMaxInboundAttachments = 10;                 // more are dropped (and said so)
constexpr std::size_t kMaxEmailAddressBytes = 254;                 // RFC 5321's path limit

struct EmailAddress {
  std::string name;     // display name, UTF-8, may be empty
  std::string address;  // addr-spec, e.g. jo@example.com
};

struct EmailAttachment {
  std::string filename;      // UTF-8, as the sender named it (the caller sanitizes before storing)
  std::string content_type;  // e.g. image/png
  std::string data;          // decoded bytes
};

// What Parley sends. mail/mime_builder.h turns it into RFC 5322 bytes: multipart/alternative when
// `html` is set (text first), UTF-8 headers encoded per RFC 2047, Date, Message-ID,
// In-Reply-To/References when set, and each of `headers` (e.g. Auto-Submitted: auto-generated).
struct OutgoingEmail {
  EmailAddress from;
  std::vector<EmailAddress> to;
  std::optional<EmailAddress> reply_to;
  std::string subject;
  std::string text;          // the text/plain part, always present
  std::string html;          // the text/html part; empty: text only
  std::string message_id;    // without angle brackets: "abc123@parley.example.com"
  std::string in_reply_to;   // without angle brackets; empty: none
  std::vector<std::string> references;  // without angle brackets, oldest first
  std::vector<std::pair<std::string, std::string>> headers;
};

// What mail/inbound_email_parser.h makes of an email's bytes.
struct InboundEmail {
  std::optional<EmailAddress> from;
  std::vector<EmailAddress> to;   // To and Cc (and Delivered-To / X-Original-To when present)
  std::string subject;            // decoded (RFC 2047), UTF-8
  std::string message_id;         // without angle brackets
  std::string in_reply_to;        // without angle brackets
  std::vector<std::string> references;
  std::string text;               // the text/plain body, UTF-8; from text/html (tags stripped) when no plain part
  std::vector<EmailAttachment> attachments;  // at most kMaxInboundAttachments
  std::size_t dropped_attachments = 0;       // the attachments past kMaxInboundAttachments, not kept
  // Not a person writing: a bounce (multipart/report, or from MAILER-DAEMON / an empty
  // Return-Path), an auto-reply (Auto-Submitted other than "no", X-Autoreply, X-Autorespond,
  // Precedence bulk/junk/auto_reply/list), so never posted as a message.
  bool automatic = false;
  std::string automatic_reason;   // "bounce", "auto-reply", ... for the log
};

}  // namespace parley
