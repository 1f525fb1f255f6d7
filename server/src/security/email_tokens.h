// The two signed strings email carries (issue 15, items 2-3), stateless: HMAC-SHA256 with an
// installation secret (Store::installationSecret("email")).
//
//  - The conversation link: "pe_<conversation id>.<contact id>.<expires ms>.<hex HMAC of what
//    precedes it>". It opens the conversation again in the widget on any device: the widget trades
//    it for a visitor token of that contact (POST /api/v1/widget/sessions {"resume_token"}). It
//    lasts kConversationLinkLifetime, so an old email forwarded around stops working.
//  - The reply address's token: "<workspace id>-<conversation id>-<the HMAC's first 20 hex>" in
//    reply+TOKEN@domain. Lower case and digits only (mail systems may fold a local part's case). It
//    does not expire: a reply may come weeks later. The sender's address is checked besides.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/model.h"

namespace parley {

inline constexpr Millis kConversationLinkLifetime = 30LL * 24 * 3600 * 1000;

struct ConversationLink {
  Id conversation_id = 0;
  Id contact_id = 0;
};

std::string makeConversationLinkToken(std::string_view key, Id conversation_id, Id contact_id, Millis now);
// What the token names, when it is well-formed, signed with `key` and not expired.
std::optional<ConversationLink> verifyConversationLinkToken(std::string_view key, std::string_view token, Millis now);

struct ReplyTarget {
  Id workspace_id = 0;
  Id conversation_id = 0;
};

std::string makeReplyToken(std::string_view key, Id workspace_id, Id conversation_id);
// What the token names, when it is one of makeReplyToken's (any case).
std::optional<ReplyTarget> verifyReplyToken(std::string_view key, std::string_view token);
// The TOKEN of "reply+TOKEN@domain", or nullopt when the address has no +part. Any mailbox name
// before the '+' (an installation may read its replies from support+TOKEN@...): the HMAC decides.
std::optional<std::string> replyTokenOfAddress(std::string_view address);

}  // namespace parley
