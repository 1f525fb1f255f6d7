#include "app/inbound_mail.h"

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "domain/ascii.h"
#include "domain/email_reply_text.h"
#include "mail/inbound_email_parser.h"
#include "security/email_tokens.h"
#include "security/token.h"
#include "security/upload_type.h"
#include "security/upload_url.h"

namespace parley {

namespace {

InboundResult inboundRefusal(InboundOutcome o, std::string reason) {
  InboundResult r;
  r.outcome = o;
  r.reason = std::move(reason);
  return r;
}

}  // namespace

InboundMail::InboundMail(std::string key, std::string uploads_dir, std::size_t max_upload, ContactStore& contacts,
                         ConversationStore& conversations, MessageSender& sender)
    : key_(std::move(key)),
      uploads_dir_(std::move(uploads_dir)),
      max_upload_(max_upload),
      contacts_(contacts),
      conversations_(conversations),
      sender_(sender) {}

std::string InboundMail::storeAttachments(const std::vector<EmailAttachment>& files, std::string& note) {
  boost::json::array out;
  for (const auto& f : files) {
    auto type = sniffContentType(f.data);
    auto name = sanitizeFilename(f.filename.empty() ? "attachment" : f.filename);
    if (!type || f.data.empty() || f.data.size() > max_upload_) {
      note += "\n[attachment not kept: " + name + "]";
      continue;
    }
    auto file = randomHex(16) + uploadExtensionFor(*type);
    std::filesystem::create_directories(uploads_dir_);
    std::ofstream os(std::filesystem::path(uploads_dir_) / file, std::ios::binary);
    os.write(f.data.data(), static_cast<std::streamsize>(f.data.size()));
    if (!os) {
      note += "\n[attachment not kept: " + name + "]";
      continue;
    }
    out.push_back(boost::json::object{{"url", "/uploads/" + file},
                                      {"name", name},
                                      {"size", static_cast<std::int64_t>(f.data.size())},
                                      {"content_type", *type}});
  }
  return boost::json::serialize(out);
}

void InboundMail::receive(std::string_view raw, std::function<void(const InboundResult&)> done,
                          std::optional<Id> only_workspace) {
  InboundEmail email;
  try {
    email = parseInboundEmail(raw);
  } catch (const std::exception& e) {
    return done(inboundRefusal(InboundOutcome::Rejected, std::string("not an email: ") + e.what()));
  }
  if (email.automatic) return done(inboundRefusal(InboundOutcome::Ignored, "automatic (" + email.automatic_reason + ")"));
  std::optional<ReplyTarget> target;
  for (const auto& to : email.to)
    if (auto token = replyTokenOfAddress(to.address))
      if ((target = verifyReplyToken(key_, *token))) break;
  if (!target) return done(inboundRefusal(InboundOutcome::Rejected, "no valid reply address among the recipients"));
  if (only_workspace && *only_workspace != target->workspace_id)
    return done(inboundRefusal(InboundOutcome::Rejected, "the reply address belongs to another workspace"));
  auto conv = conversations_.conversationById(target->workspace_id, target->conversation_id);
  if (!conv) return done(inboundRefusal(InboundOutcome::Rejected, "the conversation is gone"));
  auto contact = contacts_.contactById(conv->workspace_id, conv->contact_id);
  if (!contact || !contact->email || !email.from || !asciiIEquals(*contact->email, email.from->address))
    return done(inboundRefusal(InboundOutcome::Rejected, "the sender is not the conversation's contact"));

  std::string note;
  MessageDraft draft;
  draft.conversation_id = conv->id;
  draft.contact_id = contact->id;
  draft.body = stripQuotedReply(email.text);
  draft.attachments_json = storeAttachments(email.attachments, note);
  if (email.dropped_attachments > 0)
    note += "\n[" + std::to_string(email.dropped_attachments) + " more attachments not kept]";
  draft.body += note;
  draft.client_id = "email:" + sha256Hex(email.message_id.empty() ? std::string(raw) : email.message_id).substr(0, 40);
  Sender sender{SenderType::Visitor, conv->workspace_id, contact->id};
  sender_.send(sender, std::move(draft), [done](const SendResult& r) {
    if (r.error) return done(inboundRefusal(InboundOutcome::Rejected, r.error->what()));
    InboundResult out;
    out.outcome = r.duplicate ? InboundOutcome::Duplicate : InboundOutcome::Posted;
    out.conversation_id = r.conversation.id;
    out.message_id = r.message.id;
    done(out);
  });
}

}  // namespace parley
