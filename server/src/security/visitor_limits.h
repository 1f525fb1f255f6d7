// What one anonymous visitor may cost (docs/security.md, "Per visitor"). A visitor token is free to
// get, so each budget is keyed by contact id and sized for a person chatting, never a script.
#pragma once

#include <string>

#include "domain/model.h"
#include "security/rate_limiter.h"

namespace parley {

struct VisitorLimits {
  static constexpr double kMiB = 1024.0 * 1024.0;

  // Messages: a burst of 20, then one a second.
  RateLimiter messages{"visitor_messages", 1.0, 20.0};
  // Uploads: 20 files at once, then 20 an hour; and 100 MiB at once, then 100 MiB a day.
  RateLimiter uploads{"visitor_uploads", 20.0 / 3600.0, 20.0};
  RateLimiter upload_bytes{"visitor_upload_bytes", 100.0 * kMiB / 86400.0, 100.0 * kMiB};
  // Page views: 30 at once, then one every 2 s (the store also keeps only the newest 200).
  RateLimiter page_views{"visitor_page_views", 0.5, 30.0};
  // Typing frames forwarded to agents: 10 at once, then 4 a second (a widget sends one every few s).
  RateLimiter typing{"visitor_typing", 4.0, 10.0};
  // Help in the widget (searches as the visitor types, articles opened, votes): 30 at once, then 2 a
  // second; each costs a full-text search or a write.
  RateLimiter help{"visitor_help", 2.0, 30.0};

  // Open WebSockets per visitor token (all tabs and devices of one person) and per agent.
  static constexpr int kMaxSocketsPerVisitor = 10;
  static constexpr int kMaxSocketsPerAgent = 20;

  static std::string key(Id contact_id) { return "c" + std::to_string(contact_id); }
};

}  // namespace parley
