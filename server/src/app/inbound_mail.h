// An email to a reply address becomes the visitor's message (issue 15, item 3). Both ways in
// end here: `parley mail-in` (the MTA pipes one email to it) and the IMAP poller (app/imap_poller.*).
//
// The checks, in order: the bytes parse (mail/inbound_email_parser.h); the email is not automatic
// (a bounce or an auto-reply is never posted); one of its recipients is reply+TOKEN@... with a
// token this installation signed (security/email_tokens.h) for a conversation that exists; the
// sender's address is the conversation's contact's email (case-insensitive), so a forwarded
// email cannot speak for the visitor. The text loses its quoted history and signature
// (domain/email_reply_text.h); attachments of a type uploads accept are stored as uploads, others
// are named in the text. The message goes through MessageSender as the visitor's, so agents see it
// live like any other, with client_id "email:<Message-ID hash>": the same email twice is stored once.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "app/message_sender.h"
#include "store/contact_store.h"
#include "store/conversation_store.h"

namespace parley {

enum class InboundOutcome { Posted, Duplicate, Ignored, Rejected };

// The outcome's word: the log's and POST /api/v1/inbound-email's `outcome` (parley mail-in reads it).
inline const char* toString(InboundOutcome o) {
  switch (o) {
    case InboundOutcome::Posted: return "posted";
    case InboundOutcome::Duplicate: return "duplicate";
    case InboundOutcome::Ignored: return "ignored";
    case InboundOutcome::Rejected: return "rejected";
  }
  return "rejected";
}

struct InboundResult {
  InboundOutcome outcome = InboundOutcome::Rejected;
  std::string reason;  // for the log and the mail-in exit status
  Id conversation_id = 0;
  Id message_id = 0;
};

class InboundMail {
 public:
  InboundMail(std::string key, std::string uploads_dir, std::size_t max_upload, ContactStore& contacts,
              ConversationStore& conversations, MessageSender& sender);

  // Parses and posts; `done` gets the outcome once the message is stored (or at once when it is
  // not posted). With `only_workspace`, a reply address of another workspace is refused (the REST
  // way in: a workspace's API token posts into its own conversations only). Never throws.
  void receive(std::string_view raw, std::function<void(const InboundResult&)> done,
               std::optional<Id> only_workspace = std::nullopt);

 private:
  std::string storeAttachments(const std::vector<EmailAttachment>& files, std::string& note);

  std::string key_;
  std::string uploads_dir_;
  std::size_t max_upload_;
  ContactStore& contacts_;
  ConversationStore& conversations_;
  MessageSender& sender_;
};

}  // namespace parley
