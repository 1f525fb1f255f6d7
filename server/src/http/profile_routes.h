// The signed-in agent's own profile beyond PATCH /api/v1/agents/{id}: password and notification
// preferences; and an admin's password reset for another agent. Registered by registerAuthRoutes.
#pragma once

#include "app/app_context.h"
#include "http/router.h"

namespace parley {

void registerPasswordRoutes(Router& r, AppContext& ctx);
void registerPreferenceRoutes(Router& r, AppContext& ctx);

}  // namespace parley
