// Contacts: everyone a workspace has met through the widget, their page views, and merging two
// into one. The visitor token is stored hashed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.h"
#include "store/conversation_store.h"

namespace parley {

inline constexpr int kMaxPageViewsPerContact = 200;

// The contacts page: everyone the workspace has met, newest seen first, paged by keyset.
struct ContactFilter {
  std::string query;              // substring of name, email or external id (ASCII case-insensitive); empty: all
  ContactSegment segment = ContactSegment::All;
  std::string cursor;             // opaque, from the previous page's next_cursor; a malformed one throws
                                  // std::invalid_argument
  int limit = 50;
};

struct ContactListItem {
  Contact contact;
  std::int64_t conversation_count = 0;
};

struct ContactPage {
  std::vector<ContactListItem> contacts;
  std::optional<std::string> next_cursor;
};

// The outcome of merging an anonymous visitor into a known contact (identify).
struct ContactMerge {
  Contact contact;                          // the surviving contact
  std::vector<ConversationChange> moved;    // conversations that changed contact, each logged
};

class ContactStore {
 public:
  virtual ~ContactStore() = default;

  virtual Contact createContact(const Contact& c, std::string_view visitor_token_hash) = 0;
  virtual std::optional<Contact> contactByVisitorToken(Id workspace_id, std::string_view token_hash) = 0;
  virtual std::optional<Contact> contactById(Id workspace_id, Id id) = 0;
  virtual void updateContact(const Contact& c) = 0;
  // Identify: the contact that already has this external id, if any.
  virtual std::optional<Contact> contactByExternalId(Id workspace_id, std::string_view external_id) = 0;
  // Contacts seen at or after `since`, newest first (candidates for "online now").
  virtual std::vector<Contact> contactsSeenSince(Id workspace_id, Millis since, int limit) = 0;
  virtual ContactPage listContacts(Id workspace_id, const ContactFilter& f) = 0;

  // Also sets the contact's current page. A contact keeps its newest kMaxPageViewsPerContact.
  virtual void addPageView(const PageView& pv) = 0;
  virtual std::vector<PageView> pageViews(Id workspace_id, Id contact_id, int limit) = 0;

  // Moves from_id's conversations, messages and page views to into_id, deletes from_id and gives
  // into_id the visitor token hash (the caller issues a fresh token: tokens are stored hashed).
  // Logs conversation.updated per moved conversation. nullopt when either contact is not found.
  virtual std::optional<ContactMerge> mergeContacts(Id workspace_id, Id from_id, Id into_id,
                                                    std::string_view visitor_token_hash, Millis now) = 0;
  // An agent merging a duplicate: like mergeContacts, but the duplicate's widget tokens keep working
  // (they now name the survivor), and the survivor also learns the duplicate's attributes and user
  // id where it has none. Throws StoreConflict (nothing written) when both have different user ids.
  virtual std::optional<ContactMerge> mergeDuplicateContact(Id workspace_id, Id from_id, Id into_id, Millis now) = 0;
  // Logs "contact.updated" in the event log (webhooks deliver it; agents' replays skip it) after a
  // change of the contact's name, email, user id or attributes. The event references the contact's
  // newest conversation, as every event references one: a contact who never wrote has no event
  // (and gets no contact.created either). Returns the offset, or nullopt without a conversation.
  virtual std::optional<std::int64_t> logContactUpdated(Id workspace_id, Id contact_id, Millis now) = 0;
};

}  // namespace parley
