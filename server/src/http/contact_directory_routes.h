// The contacts page's endpoints: the paged, searchable list and the merge of a duplicate.
// Registered by registerContactRoutes.
#pragma once

#include "app/app_context.h"
#include "http/router.h"

namespace parley {

void registerContactDirectoryRoutes(Router& r, AppContext& ctx);

}  // namespace parley
