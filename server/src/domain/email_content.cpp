#include "domain/email_content.h"

#include <ctime>

#include "domain/html_escape.h"

namespace parley {

namespace {

// The plain part quotes each line of a message by two spaces, so a reply's quoting stays readable.
std::string indentedEmailBody(const std::string& body) {
  std::string out = "  ";
  for (char c : body) {
    out += c;
    if (c == '\n') out += "  ";
  }
  return out;
}

// Newlines become <br>: a message is plain text with line breaks.
std::string htmlEmailParagraph(const std::string& body) {
  std::string out;
  std::size_t start = 0;
  for (;;) {
    auto nl = body.find('\n', start);
    out += escapeHtml(std::string_view(body).substr(start, nl == std::string::npos ? std::string::npos : nl - start));
    if (nl == std::string::npos) return out;
    out += "<br>";
    start = nl + 1;
  }
}

std::string htmlEmailPage(const std::string& inner) {
  return "<!doctype html><html><body style=\"font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;"
         "color:#1f2937;font-size:15px;line-height:1.5\">" +
         inner + "</body></html>";
}

std::string htmlEmailButton(const std::string& link, const std::string& label) {
  return "<p><a href=\"" + escapeHtml(link) +
         "\" style=\"display:inline-block;background:#4f46e5;color:#fff;padding:10px 16px;border-radius:6px;"
         "text-decoration:none\">" +
         escapeHtml(label) + "</a></p>";
}

void appendEmailLines(const std::vector<EmailLine>& lines, bool with_time, std::string& text, std::string& html) {
  for (const auto& l : lines) {
    std::string head = l.author + (with_time ? " · " + emailTimestamp(l.at) : "");
    text += head + ":\n" + indentedEmailBody(l.body) + "\n\n";
    html += "<p><strong>" + escapeHtml(head) + "</strong><br>" + htmlEmailParagraph(l.body) + "</p>";
  }
}

}  // namespace

std::string emailTimestamp(Millis at) {
  std::time_t t = static_cast<std::time_t>(at / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

EmailText unseenRepliesEmail(const std::string& workspace_name, const std::vector<EmailLine>& replies,
                             const std::string& link) {
  EmailText e;
  e.subject = (replies.size() == 1 ? "New reply from " : std::to_string(replies.size()) + " new replies from ") +
              workspace_name;
  e.text = "You have a reply to your conversation with " + workspace_name + ".\n\n";
  std::string inner = "<p>You have a reply to your conversation with " + escapeHtml(workspace_name) + ".</p>";
  appendEmailLines(replies, false, e.text, inner);
  e.text += "Answer by replying to this email, or continue the chat: " + link + "\n";
  inner += htmlEmailButton(link, "Continue the conversation") +
           "<p style=\"color:#6b7280;font-size:13px\">Or reply to this email: your answer goes to the same "
           "conversation.</p>";
  e.html = htmlEmailPage(inner);
  return e;
}

EmailText offlineFormEmail(const std::string& workspace_name, const std::string& message, const std::string& link) {
  EmailText e;
  e.subject = "We got your message - " + workspace_name;
  e.text = "Thanks for writing to " + workspace_name + ". We got your message and will answer by email.\n\n" +
           "You wrote:\n" + indentedEmailBody(message) + "\n\nTo add something, reply to this email or open: " + link +
           "\n";
  e.html = htmlEmailPage("<p>Thanks for writing to " + escapeHtml(workspace_name) +
                         ". We got your message and will answer by email.</p><p><strong>You wrote:</strong><br>" +
                         htmlEmailParagraph(message) + "</p>" + htmlEmailButton(link, "Open the conversation") +
                         "<p style=\"color:#6b7280;font-size:13px\">To add something, reply to this email.</p>");
  return e;
}

EmailText transcriptEmail(const std::string& workspace_name, const std::vector<EmailLine>& lines,
                          const std::string& link) {
  EmailText e;
  e.subject = "Your conversation with " + workspace_name;
  e.text = "The transcript of your conversation with " + workspace_name + ":\n\n";
  std::string inner = "<p>The transcript of your conversation with " + escapeHtml(workspace_name) + ":</p>";
  if (lines.empty()) {
    e.text += "(no messages)\n\n";
    inner += "<p>(no messages)</p>";
  }
  appendEmailLines(lines, true, e.text, inner);
  e.text += "Continue the conversation: " + link + "\n";
  inner += htmlEmailButton(link, "Continue the conversation");
  e.html = htmlEmailPage(inner);
  return e;
}

EmailText agentNotificationEmail(const std::string& workspace_name, const std::vector<NotificationItem>& items) {
  EmailText e;
  e.subject = (items.size() == 1 ? items.front().what : std::to_string(items.size()) + " updates") + " - " +
              workspace_name;
  e.text = "While you were away:\n\n";
  std::string inner = "<p>While you were away:</p><ul>";
  for (const auto& it : items) {
    e.text += "- " + it.what + (it.excerpt.empty() ? "" : ": " + it.excerpt) + "\n  " + it.link + "\n";
    inner += "<li><a href=\"" + escapeHtml(it.link) + "\">" + escapeHtml(it.what) + "</a>" +
             (it.excerpt.empty() ? "" : ": " + escapeHtml(it.excerpt)) + "</li>";
  }
  inner += "</ul><p style=\"color:#6b7280;font-size:13px\">You get these emails because email notifications are on "
           "in your profile.</p>";
  e.text += "\nYou get these emails because email notifications are on in your profile.\n";
  e.html = htmlEmailPage(inner);
  return e;
}

}  // namespace parley
