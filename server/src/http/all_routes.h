// The composition of every route group: the one place in http/ that unpacks AppContext.
#pragma once

#include "app/app_context.h"
#include "http/router.h"

namespace parley {

void registerAllRoutes(Router& r, AppContext& ctx);

}  // namespace parley
