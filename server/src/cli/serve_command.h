// `parley serve`: the whole server assembled from its parts (the one place that knows them all),
// run until SIGINT/SIGTERM, then stopped in the order its parts depend on each other.
#pragma once

#include <string>

#include "app/server_config.h"

namespace parley {

int serve(ServerConfig cfg, const std::string& storeUrl, bool jsonLogs);

// Defaults of `serve`'s options that depend on where and how the binary runs.
int usableCpus();
std::string defaultWebDir();

}  // namespace parley
