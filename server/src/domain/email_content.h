// What Parley's emails say (issue 15, items 2 and 4): subject, text and HTML of each kind, from
// plain data, so the wording is tested without a mail server. The app layer fills in addresses,
// ids and headers (app/email_outbox.*); every value from a visitor or agent is escaped in the
// HTML part.
#pragma once

#include <string>
#include <vector>

#include "domain/model.h"

namespace parley {

struct EmailLine {
  std::string author;  // "Sam (Acme support)", "You"
  std::string body;    // the message text; attachments as their names
  Millis at = 0;
};

struct EmailText {
  std::string subject;
  std::string text;
  std::string html;
};

// Replies the visitor has not seen: "New reply from Acme" with the replies and a link that opens
// the conversation again.
EmailText unseenRepliesEmail(const std::string& workspace_name, const std::vector<EmailLine>& replies,
                             const std::string& link);
// The offline form's confirmation: what the visitor wrote, and that a reply comes by email.
EmailText offlineFormEmail(const std::string& workspace_name, const std::string& message, const std::string& link);
// The whole conversation, oldest first, times in UTC.
EmailText transcriptEmail(const std::string& workspace_name, const std::vector<EmailLine>& lines,
                          const std::string& link);
// An agent's digest: what happened in their chats while they were away, one line per item.
struct NotificationItem {
  std::string what;  // "New conversation from Jo", "Jo replied"
  std::string excerpt;
  std::string link;  // to the conversation in the dashboard
};
EmailText agentNotificationEmail(const std::string& workspace_name, const std::vector<NotificationItem>& items);

// "2026-12-02 14:05 UTC"
std::string emailTimestamp(Millis at);

}  // namespace parley
