// When a contact is merged into another (identify, or an agent's merge of a duplicate), its campaign
// recipient rows follow it, so a campaign that targeted the visitor before they were known still
// reaches them (none skipped) and one already delivered to them is not delivered again to the
// merged contact (none twice). Run inside the merge's transaction before the merged-away contact
// is deleted (its rows left over are the campaigns both were targeted by: they go with it).
// Parameters: 1 = the contact merged away, 2 = the contact it is merged into.
#pragma once

namespace parley {

// Both were targeted by a campaign: a delivery to the merged-away contact counts for both.
inline constexpr const char* kMergeDeliveredRecipientsSqlite =
    "UPDATE campaign_recipients SET state = 'delivered', claimed_until = NULL, conversation_id = f.conversation_id, "
    "message_seq = f.message_seq, delivered_at = f.delivered_at FROM (SELECT campaign_id, conversation_id, "
    "message_seq, delivered_at FROM campaign_recipients WHERE contact_id = ?1 AND state = 'delivered') AS f "
    "WHERE campaign_recipients.contact_id = ?2 AND campaign_recipients.campaign_id = f.campaign_id "
    "AND campaign_recipients.state <> 'delivered'";
// Only the merged-away contact was targeted: its row becomes the other's.
inline constexpr const char* kMoveRecipientsSqlite =
    "UPDATE campaign_recipients SET contact_id = ?2 WHERE contact_id = ?1 AND NOT EXISTS (SELECT 1 FROM "
    "campaign_recipients r WHERE r.campaign_id = campaign_recipients.campaign_id AND r.contact_id = ?2)";

inline constexpr const char* kMergeDeliveredRecipientsPostgres =
    "UPDATE campaign_recipients SET state = 'delivered', claimed_until = NULL, conversation_id = f.conversation_id, "
    "message_seq = f.message_seq, delivered_at = f.delivered_at FROM (SELECT campaign_id, conversation_id, "
    "message_seq, delivered_at FROM campaign_recipients WHERE contact_id = $1 AND state = 'delivered') AS f "
    "WHERE campaign_recipients.contact_id = $2 AND campaign_recipients.campaign_id = f.campaign_id "
    "AND campaign_recipients.state <> 'delivered'";
inline constexpr const char* kMoveRecipientsPostgres =
    "UPDATE campaign_recipients SET contact_id = $2 WHERE contact_id = $1 AND NOT EXISTS (SELECT 1 FROM "
    "campaign_recipients r WHERE r.campaign_id = campaign_recipients.campaign_id AND r.contact_id = $2)";

}  // namespace parley
