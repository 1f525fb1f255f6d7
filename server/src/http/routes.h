// Each resource registers its endpoints; main() calls registerAllRoutes once.
#pragma once

#include "app/app_context.h"
#include "http/router.h"

namespace parley {

void registerAuthRoutes(Router& r, AppContext& ctx);
void registerAgentRoutes(Router& r, AppContext& ctx);
void registerConversationRoutes(Router& r, AppContext& ctx);
void registerContactRoutes(Router& r, AppContext& ctx);
void registerWidgetRoutes(Router& r, AppContext& ctx);
void registerWorkspaceRoutes(Router& r, AppContext& ctx);
void registerWidgetIdentityRoutes(Router& r, AppContext& ctx);
void registerInboxToolRoutes(Router& r, AppContext& ctx);
void registerUploadRoutes(Router& r, AppContext& ctx);
void registerStaticRoutes(Router& r, AppContext& ctx);

inline void registerAllRoutes(Router& r, AppContext& ctx) {
  registerAuthRoutes(r, ctx);
  registerAgentRoutes(r, ctx);
  registerConversationRoutes(r, ctx);
  registerContactRoutes(r, ctx);
  registerWidgetRoutes(r, ctx);
  registerWorkspaceRoutes(r, ctx);
  registerWidgetIdentityRoutes(r, ctx);
  registerInboxToolRoutes(r, ctx);
  registerUploadRoutes(r, ctx);
  registerStaticRoutes(r, ctx);
}

}  // namespace parley
